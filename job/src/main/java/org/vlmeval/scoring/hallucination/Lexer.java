package org.vlmeval.scoring.hallucination;

import org.vlmeval.scoring.text.Texts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits an answer into tokens in one pass over the folded text: English words (letters and digits
 * of any non-Han script, with inner apostrophes), punctuation that bounds clauses, and the longest
 * Chinese name or cue at each Han position. Han characters that start no name are skipped.
 */
final class Lexer {

    /** Stands for the Chinese full-width comma, which always ends a clause (see fold). */
    static final char ZH_COMMA = '\uE000';

    private static final Lexer WORDS_ONLY = new Lexer(CharTrie.of(Map.of()));

    /** Quotation and title marks whose content is quoted text, with their closing marks. */
    private static final String OPENING_MARKS = "\"\u201C\u300A\u300C\u300E";

    private static final String CLOSING_MARKS = "\"\u201D\u300B\u300D\u300F";

    /**
     * A single-asterisk *italic* span whose first word is capitalised: a title ("*The Whale
     * Road*"), unlike emphasis ("a couple of *kiwis*").
     */
    private static final Pattern ITALIC_TITLE =
            Pattern.compile("(?<![*\\w])\\*(\\p{Lu}[^*\\n]{0,118}?)(?<!\\s)\\*(?!\\*)");

    /** The longest quoted span (in chars) that is skipped; a longer one is read as usual. */
    private static final int MAX_QUOTE = 120;

    /** The text standing for a skipped quotation (a word that is in no word list). */
    static final String QUOTED = "\"\"";

    /**
     * Heads that make the Chinese name right before them a modifier: flavour, colour, shape,
     * pattern, theme, and the oil, juice, sauce or markings made from it (草莓味, 咖啡色, 心形, 猫咪图案, 恐龙造型,
     * 橄榄油, 西瓜汁, 番茄酱, 豹斑 name no object).
     */
    private static final List<String> CHINESE_MODIFIER_HEADS =
            List.of(
                    "口味", "味", "颜色", "色", "形状", "形", "状", "造型", "图案", "印花", "主题", "风格", "模型", "样式",
                    "纹", "油", "汁", "酱", "斑点", "斑纹");

    /** Words that start like a modifier head but are not one (车油门, 墙油漆, 桌面油腻). */
    private static final List<String> NOT_MODIFIER_HEADS =
            List.of("油漆", "油门", "油画", "油腻", "油亮", "油光", "油桃", "油箱", "油灯", "油纸", "酱油");

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
    static String fold(String raw) {
        String s =
                raw.indexOf('*') >= 0
                        ? ITALIC_TITLE.matcher(raw).replaceAll("\u300A$1\u300B")
                        : raw;
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
            int quoteEnd = quoteEnd(t, i);
            if (quoteEnd > 0) {
                out.add(Token.word(QUOTED, false));
                i = quoteEnd;
                continue;
            }
            if (isHan(cp)) {
                CharTrie.Match<Object> m = chinese.longestMatch(t, i);
                if (m == null) {
                    i += len;
                    continue;
                }
                String surface = t.substring(i, m.end());
                if (m.value() instanceof VocabularyName name) {
                    if (!name.isBlocker() && !modifierHeadAt(t, m.end())) {
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
                if ((j == i + 1)
                        && (t.charAt(i) == 'e' || t.charAt(i) == 'i')
                        && t.startsWith(t.charAt(i) == 'e' ? ".g." : ".e.", j)) {
                    out.add(Token.word(t.charAt(i) == 'e' ? "eg" : "ie", false)); // e.g. / i.e.
                    i = j + 3;
                    continue;
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

    /**
     * The end (exclusive) of a quotation or title opening at i: "…", “…”, 《…》, 「…」, 『…』 or a
     * capitalised *italic* title (see fold), closed on the same line within {@link #MAX_QUOTE}
     * chars; 0 if none opens there. Quoted text (titles, captions, menu items) asserts nothing.
     */
    private static int quoteEnd(String t, int i) {
        char c = t.charAt(i);
        int k = OPENING_MARKS.indexOf(c);
        if (k < 0) {
            return 0;
        }
        char close = CLOSING_MARKS.charAt(k);
        int limit = Math.min(t.length(), i + 1 + MAX_QUOTE);
        for (int j = i + 1; j < limit; j++) {
            char x = t.charAt(j);
            if (x == '\n') {
                return 0;
            }
            if (x == close) {
                return j + 1;
            }
        }
        return 0;
    }

    private static boolean modifierHeadAt(String t, int i) {
        for (String word : NOT_MODIFIER_HEADS) {
            if (t.startsWith(word, i)) {
                return false;
            }
        }
        for (String head : CHINESE_MODIFIER_HEADS) {
            if (t.startsWith(head, i)) {
                return true;
            }
        }
        return false;
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
