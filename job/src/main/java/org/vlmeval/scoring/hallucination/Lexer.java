package org.vlmeval.scoring.hallucination;

import org.vlmeval.scoring.text.Texts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits an answer into tokens in one pass over the folded text: English words (letters and digits
 * of any non-Han script, with inner apostrophes), punctuation that bounds clauses, and the longest
 * Chinese name or cue at each Han position. Han characters that start no name are skipped.
 */
final class Lexer {

    /** Stands for the Chinese full-width comma, which always ends a clause (see fold). */
    static final char ZH_COMMA = '\uE000';

    private static final Lexer WORDS_ONLY = new Lexer(CharTrie.of(Map.of()));

    private final CharTrie<Object> chinese;

    /**
     * @param chinese Chinese names (values {@link VocabularyName}) and cues (values {@link
     *     Token.Cue})
     */
    Lexer(CharTrie<Object> chinese) {
        this.chinese = chinese;
    }

    /**
     * NFKC + lower case; the full-width comma is kept apart from the ASCII one (NFKC would merge
     * them) and curly apostrophes become straight ones.
     */
    static String fold(String s) {
        if (isAscii(s)) {
            return s.toLowerCase(Locale.ROOT); // NFKC leaves ASCII as it is
        }
        String marked = s.indexOf('\uFF0C') >= 0 ? s.replace('\uFF0C', ZH_COMMA) : s;
        String folded = Texts.fold(marked);
        if (folded.indexOf('\u2019') >= 0 || folded.indexOf('\u2018') >= 0) {
            folded = folded.replace('\u2019', '\'').replace('\u2018', '\'');
        }
        return folded;
    }

    /** Tokens of already folded text. */
    List<Token> lex(String t) {
        List<Token> out = new ArrayList<>(t.length() / 4 + 4);
        int n = t.length();
        int i = 0;
        while (i < n) {
            int cp = t.codePointAt(i);
            int len = Character.charCount(cp);
            if (isHan(cp)) {
                CharTrie.Match<Object> m = chinese.longestMatch(t, i);
                if (m == null) {
                    i += len;
                    continue;
                }
                String surface = t.substring(i, m.end());
                if (m.value() instanceof VocabularyName name) {
                    if (!name.isBlocker()) {
                        out.add(Token.chineseMention(name, surface));
                    }
                } else {
                    out.add(Token.cue((Token.Cue) m.value(), surface));
                }
                i = m.end();
            } else if (isLetterOrDigit(cp)) {
                int j = i + len;
                while (j < n) {
                    int c = t.codePointAt(j);
                    if (isLetterOrDigit(c) && !isHan(c)) {
                        j += Character.charCount(c);
                    } else if (c == '\''
                            && j + 1 < n
                            && Character.isLetter(t.charAt(j + 1))
                            && !isHan(t.charAt(j + 1))) {
                        j++;
                    } else {
                        break;
                    }
                }
                boolean hyphen = i >= 2 && t.charAt(i - 1) == '-' && isWordChar(t.charAt(i - 2));
                String w = t.substring(i, j);
                if (w.length() > 2 && w.endsWith("'s")) {
                    out.add(Token.word(w.substring(0, w.length() - 2), hyphen));
                    out.add(Token.word("'s", false));
                } else {
                    out.add(Token.word(w, hyphen));
                }
                i = j;
            } else {
                char c = t.charAt(i);
                switch (c) {
                    case '.' -> {
                        boolean decimal =
                                i > 0
                                        && i + 1 < n
                                        && Character.isDigit(t.charAt(i - 1))
                                        && Character.isDigit(t.charAt(i + 1));
                        if (!decimal) {
                            out.add(Token.punct('.'));
                        }
                    }
                    case '!', '?', ';', ':', ',', '\n', '\u3002', '\u3001', ZH_COMMA ->
                            out.add(Token.punct(c));
                    default -> {}
                }
                i += len;
            }
        }
        return out;
    }

    /** English word tokens of a phrase (names in the vocabulary file, phrases to look up). */
    static List<String> words(String folded) {
        List<String> words = new ArrayList<>();
        for (Token tok : WORDS_ONLY.lex(folded)) {
            if (tok.kind == Token.Kind.WORD) {
                words.add(tok.text);
            }
        }
        return words;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrDigit(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
        }
        return Character.isLetterOrDigit(cp);
    }

    static boolean isHan(int cp) {
        return cp >= 0x2E80 && Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) && !isHan(c);
    }
}
