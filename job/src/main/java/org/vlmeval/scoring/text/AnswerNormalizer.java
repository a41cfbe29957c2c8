package org.vlmeval.scoring.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Normalizes short answers for exact comparison, in English and Chinese: full-width forms and case
 * folded (NFKC), Markdown emphasis and punctuation (ASCII and CJK) removed, leading filler ("The
 * answer is", "It's", "答案是") dropped, articles dropped, English plurals reduced to singular, and
 * spaces between Chinese characters removed.
 */
public final class AnswerNormalizer {

    private AnswerNormalizer() {}

    /**
     * Leading phrases that introduce an answer without being part of it, longest first, written as
     * they look after articles are dropped and words made singular.
     */
    private static final List<List<String>> FILLER =
            words(
                    "correct answer is",
                    "final answer is",
                    "answer is",
                    "my answer is",
                    "final answer",
                    "correct answer",
                    "answer",
                    "i think it is",
                    "i think it's",
                    "i think",
                    "i believe",
                    "it is",
                    "it's",
                    "its",
                    "this is",
                    "that is",
                    "these are",
                    "those are",
                    "they are");

    private static final List<String> FILLER_ZH =
            List.of("正确答案是", "最终答案是", "答案是", "答案为", "答案", "答", "这是", "那是", "它是", "是");

    /** First words of {@link #FILLER}: most answers start with none of them. */
    private static final Set<String> FILLER_STARTS =
            FILLER.stream().map(p -> p.get(0)).collect(Collectors.toUnmodifiableSet());

    /** First characters of {@link #FILLER_ZH}, for the same reason. */
    private static final String FILLER_ZH_STARTS =
            FILLER_ZH.stream()
                    .map(zh -> zh.substring(0, 1))
                    .distinct()
                    .collect(Collectors.joining());

    private static final Set<String> OES_PLURALS = Set.of("shoes", "toes", "canoes", "hoes");

    /** Punctuation and symbols kept in a token: they can be part of a numeric answer. */
    private static final String KEPT_SYMBOLS = "%$¥€£+-";

    private static final Pattern LEADING_COUNT =
            Pattern.compile(
                    "^(?:[一二两三四五六七八九十几\\d]+)(?:只|个|辆|条|张|头|匹|把|本|件|块|位|名|棵|朵|台|部|架|艘|杯|瓶|双|份|种)(?=\\p{IsHan})");

    /** What {@link #LEADING_COUNT} can start with (regex {@code \d} is ASCII digits only). */
    private static final String LEADING_COUNT_FIRST = "一二两三四五六七八九十几0123456789";

    private static final Pattern TRAILING_DE = Pattern.compile("(?<=\\p{IsHan})的$");
    private static final Pattern HAN_GAP = Pattern.compile("(?<=\\p{IsHan})\\s+(?=\\p{IsHan})");

    /** The normalized form; equal forms mean the same short answer. */
    public static String normalize(String answer) {
        List<String> words = new ArrayList<>();
        for (String t : tokens(answer)) {
            if (!isArticle(t)) {
                words.add(singular(t));
            }
        }
        // Filler comes off repeatedly ("Answer: it is blue"), which also makes this idempotent.
        List<String> previous;
        do {
            previous = words;
            words = dropFiller(words);
        } while (words != previous);
        String joined = String.join(" ", words);
        // Every Chinese rule needs a Han character, and most answers have none: skip the regexes.
        return Texts.mayHoldCjk(joined) ? chineseShortAnswer(closeHanGaps(joined)) : joined;
    }

    private static boolean isArticle(String t) {
        return switch (t.length()) {
            case 1 -> t.charAt(0) == 'a';
            case 2 -> t.equals("an");
            case 3 -> t.equals("the");
            default -> false;
        };
    }

    /** Removes white space between two Han characters (红 色 → 红色). */
    private static String closeHanGaps(String s) {
        return containsRegexSpace(s) ? HAN_GAP.matcher(s).replaceAll("") : s;
    }

    /**
     * Chinese short answers carry grammar that is not part of the answer: a leading count and
     * measure word (一只猫 → 猫) and the nominalising 的 (红色的 → 红色). Applied to both sides.
     */
    private static String chineseShortAnswer(String s) {
        String out = s;
        // The pattern is anchored at the start, which must be a count; the regex tries every index.
        if (!s.isEmpty() && LEADING_COUNT_FIRST.indexOf(s.charAt(0)) >= 0) {
            out = LEADING_COUNT.matcher(out).replaceFirst("");
        }
        if (out.indexOf('的') >= 0) {
            out = TRAILING_DE.matcher(out).replaceFirst("");
        }
        return out.isEmpty() ? s : out;
    }

    /** True when {@code s} holds a character of regex {@code \s}, {@code [ \t\n\x0B\f\r]}. */
    private static boolean containsRegexSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || (c >= '\t' && c <= '\r')) {
                return true;
            }
        }
        return false;
    }

    /**
     * Folded, punctuation-free tokens split on white space, before filler and article removal.
     *
     * <p>One pass over the code points of the folded text; each is kept or separates tokens.
     * Separators are: control characters; spaces; punctuation and symbols other than {@link
     * #KEPT_SYMBOLS}; a hyphen between two letters ("new-york" and "New York" are the same answer,
     * while a leading minus sign stays); and an apostrophe (’ counts as one) that is a quote mark
     * rather than inside a word (don't, it's). The text is then stripped of {@link
     * Character#isWhitespace} at both ends, as {@link String#strip} would: a token may hold, say,
     * U+2028 inside, but not at the ends of the text.
     */
    public static List<String> tokens(String s) {
        String folded = Texts.fold(s);
        int length = folded.length();
        List<String> out = new ArrayList<>();
        int start = -1; // where the current token starts, -1 between tokens
        for (int i = 0; i < length; ) {
            int cp = folded.codePointAt(i);
            if (!separates(folded, i, cp)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                out.add(token(folded, start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(token(folded, start, length));
        }
        stripEnds(out);
        return List.copyOf(out);
    }

    /** A token is a run of kept characters: substrings are cheaper than building them anew. */
    private static String token(String folded, int from, int to) {
        return folded.substring(from, to).replace('’', '\'');
    }

    /** {@link String#strip} of the tokens joined by spaces, which are white space too. */
    private static void stripEnds(List<String> tokens) {
        while (!tokens.isEmpty()) {
            String first = tokens.get(0).stripLeading();
            if (!first.isEmpty()) {
                tokens.set(0, first);
                break;
            }
            tokens.remove(0);
        }
        while (!tokens.isEmpty()) {
            int last = tokens.size() - 1;
            String end = tokens.get(last).stripTrailing();
            if (!end.isEmpty()) {
                tokens.set(last, end);
                break;
            }
            tokens.remove(last);
        }
    }

    private static final byte KEEP = 0;
    private static final byte SEPARATE = 1;
    private static final byte LOOK_AROUND = 2;

    /** {@link #separation} of each ASCII character, looked up once: most text is ASCII. */
    private static final byte[] ASCII_SEPARATION = new byte[128];

    static {
        for (int c = 0; c < ASCII_SEPARATION.length; c++) {
            ASCII_SEPARATION[c] = separation(c);
        }
    }

    /** Whether the code point {@code cp} at {@code i} in {@code s} separates tokens. */
    private static boolean separates(String s, int i, int cp) {
        byte separation = cp < ASCII_SEPARATION.length ? ASCII_SEPARATION[cp] : separation(cp);
        if (separation != LOOK_AROUND) {
            return separation == SEPARATE;
        }
        return cp == '-'
                ? letterBefore(s, i) && letterAfter(s, i)
                : !letterOrNumberBefore(s, i) || !letterOrNumberAfter(s, i);
    }

    /** Whether {@code cp} separates tokens, or whether that depends on its neighbours. */
    private static byte separation(int cp) {
        if (cp == '-' || cp == '\'' || cp == '’') {
            return LOOK_AROUND;
        }
        if (cp == ' ' || Character.getType(cp) == Character.CONTROL) {
            return SEPARATE;
        }
        return isPunctuationOrSymbol(cp) && KEPT_SYMBOLS.indexOf(cp) < 0 ? SEPARATE : KEEP;
    }

    /** Regex {@code \p{P}} or {@code \p{S}}: a Unicode punctuation or symbol category. */
    private static boolean isPunctuationOrSymbol(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL,
                    Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL ->
                    true;
            default -> false;
        };
    }

    // The look-arounds below keep the regex semantics they replace: a look-behind of one code
    // point sees only the one char before (a surrogate pair's low half is no letter), while a
    // look-ahead reads a whole code point.

    private static boolean letterBefore(String s, int i) {
        return i > 0 && Character.isLetter(s.charAt(i - 1));
    }

    private static boolean letterAfter(String s, int i) {
        return i + 1 < s.length() && Character.isLetter(s.codePointAt(i + 1));
    }

    private static boolean letterOrNumberBefore(String s, int i) {
        return i > 0 && isLetterOrNumber(s.charAt(i - 1));
    }

    private static boolean letterOrNumberAfter(String s, int i) {
        return i + 1 < s.length() && isLetterOrNumber(s.codePointAt(i + 1));
    }

    /** Regex {@code [\p{L}\p{N}]}; \p{N} is wider than {@link Character#isDigit}. */
    private static boolean isLetterOrNumber(int cp) {
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER,
                    Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER ->
                    true;
            default -> false;
        };
    }

    /**
     * {@code String.strip()} then {@code split(" ")} of {@code kept[0, n)}, which holds no two
     * spaces in a row and none at the start.
     */
    private static List<String> split(char[] kept, int n) {
        int start = 0;
        int end = n;
        while (start < end && Character.isWhitespace(kept[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(kept[end - 1])) {
            end--;
        }
        if (start == end) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int from = start;
        for (int i = start; i < end; i++) {
            if (kept[i] == ' ') {
                out.add(new String(kept, from, i - from));
                from = i + 1;
            }
        }
        out.add(new String(kept, from, end - from));
        return List.copyOf(out);
    }

    private static List<String> dropFiller(List<String> tokens) {
        if (tokens.isEmpty()) {
            return tokens;
        }
        String first = tokens.get(0);
        // A phrase can only match when the first word is one of theirs (most answers: none is).
        if (FILLER_STARTS.contains(first)) {
            for (List<String> phrase : FILLER) {
                if (tokens.size() > phrase.size()
                        && tokens.subList(0, phrase.size()).equals(phrase)) {
                    return tokens.subList(phrase.size(), tokens.size());
                }
            }
        }
        if (!first.isEmpty() && FILLER_ZH_STARTS.indexOf(first.charAt(0)) >= 0) {
            for (String zh : FILLER_ZH) {
                if (first.equals(zh) && tokens.size() > 1) {
                    return tokens.subList(1, tokens.size());
                }
                if (first.startsWith(zh) && first.length() > zh.length()) {
                    List<String> rest = new ArrayList<>(tokens);
                    rest.set(0, first.substring(zh.length()));
                    return rest;
                }
            }
        }
        return tokens;
    }

    /**
     * English singular by suffix rules (berries → berry, boxes → box, tomatoes → tomato, glasses →
     * glass, apples → apple). Deliberately simple: both sides of a comparison go through it, so
     * consistency matters more than linguistics.
     */
    public static String singular(String w) {
        int n = w.length();
        if (n <= 3 || !w.endsWith("s") || !isAsciiWord(w)) {
            return w;
        }
        if (w.endsWith("ies") && n > 4) {
            return w.substring(0, n - 3) + "y";
        }
        if (w.endsWith("sses")) {
            return w.substring(0, n - 2);
        }
        if (w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("zes")) {
            return w.substring(0, n - 2);
        }
        if (w.endsWith("oes") && !OES_PLURALS.contains(w)) {
            return w.substring(0, n - 2);
        }
        if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")) {
            return w;
        }
        return w.substring(0, n - 1);
    }

    private static boolean isAsciiWord(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    private static List<List<String>> words(String... phrases) {
        List<List<String>> out = new ArrayList<>();
        for (String p : phrases) {
            out.add(List.of(p.split(" ")));
        }
        return List.copyOf(out);
    }
}
