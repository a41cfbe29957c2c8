package org.vlmeval.scoring.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalizes short answers for exact comparison, in English and Chinese: full-width forms and case
 * folded (NFKC), Markdown emphasis and punctuation (ASCII and CJK) removed, leading filler ("The
 * answer is", "It's", "答案是") dropped, articles dropped, English plurals reduced to singular, and
 * spaces between Chinese characters removed.
 *
 * <p>Test-only: {@link AnswerNormalizer} as it was before its regular expressions were replaced by
 * hand-written scans, kept verbatim (only the class name differs) so that {@link
 * AnswerNormalizerEquivalenceTest} can hold the new code to exactly its output. Do not edit it to
 * follow a change of behaviour: such a change should fail that test, on purpose.
 */
final class AnswerNormalizerReference {

    private AnswerNormalizerReference() {}

    private static final Set<String> ARTICLES = Set.of("a", "an", "the");

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

    private static final Pattern NON_WORD = Pattern.compile("[\\p{P}\\p{S}&&[^%$¥€£+\\-]]+");
    private static final Pattern LEADING_COUNT =
            Pattern.compile(
                    "^(?:[一二两三四五六七八九十几\\d]+)(?:只|个|辆|条|张|头|匹|把|本|件|块|位|名|棵|朵|台|部|架|艘|杯|瓶|双|份|种)(?=\\p{IsHan})");
    private static final Pattern TRAILING_DE = Pattern.compile("(?<=\\p{IsHan})的$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    private static final Pattern WORD_HYPHEN = Pattern.compile("(?<=\\p{L})-(?=\\p{L})");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** A quote mark: an apostrophe that does not sit after or before a letter or digit. */
    private static final Pattern QUOTE =
            Pattern.compile("(?<![\\p{L}\\p{N}])'|'(?![\\p{L}\\p{N}])");

    private static final Pattern HAN_GAP = Pattern.compile("(?<=\\p{IsHan})\\s+(?=\\p{IsHan})");

    /** The normalized form; equal forms mean the same short answer. */
    public static String normalize(String answer) {
        List<String> words = new ArrayList<>();
        for (String t : tokens(answer)) {
            if (!ARTICLES.contains(t)) {
                words.add(singular(t));
            }
        }
        // Filler comes off repeatedly ("Answer: it is blue"), which also makes this idempotent.
        List<String> previous;
        do {
            previous = words;
            words = dropFiller(words);
        } while (words != previous);
        return chineseShortAnswer(HAN_GAP.matcher(String.join(" ", words)).replaceAll(""));
    }

    /**
     * Chinese short answers carry grammar that is not part of the answer: a leading count and
     * measure word (一只猫 → 猫) and the nominalising 的 (红色的 → 红色). Applied to both sides.
     */
    private static String chineseShortAnswer(String s) {
        String out = LEADING_COUNT.matcher(s).replaceFirst("");
        out = TRAILING_DE.matcher(out).replaceFirst("");
        return out.isEmpty() ? s : out;
    }

    /** Folded, punctuation-free tokens split on white space, before filler and article removal. */
    public static List<String> tokens(String s) {
        String folded = CONTROL.matcher(Texts.fold(s)).replaceAll(" ").replace('’', '\'');
        // "new-york" and "New York" are the same answer; a leading minus sign stays.
        if (folded.indexOf('-') >= 0) {
            folded = WORD_HYPHEN.matcher(folded).replaceAll(" ");
        }
        // Keep apostrophes inside words (don't, it's) but drop quote marks.
        if (folded.indexOf('\'') >= 0) {
            folded = QUOTE.matcher(folded).replaceAll(" ");
        }
        folded =
                NON_WORD.matcher(folded.replace("'", "\u0000"))
                        .replaceAll(" ")
                        .replace("\u0000", "'");
        String trimmed = SPACES.matcher(folded).replaceAll(" ").strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split(" "));
    }

    private static List<String> dropFiller(List<String> tokens) {
        for (List<String> phrase : FILLER) {
            if (tokens.size() > phrase.size() && tokens.subList(0, phrase.size()).equals(phrase)) {
                return tokens.subList(phrase.size(), tokens.size());
            }
        }
        if (!tokens.isEmpty()) {
            String first = tokens.get(0);
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
        if (w.endsWith("oes") && !Set.of("shoes", "toes", "canoes", "hoes").contains(w)) {
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
