package org.vlmeval.scoring.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer normalization of the official VQA evaluation, as lmms-eval's {@code
 * EvalAIAnswerProcessor} implements it: lower case, "'s" split off, punctuation removed or turned
 * into spaces, periods dropped, number words zero..ten turned into digits, articles dropped,
 * contractions restored.
 *
 * <p>It reproduces the reference code's quirks on purpose, because VQA accuracy is only comparable
 * with published numbers when the normalization is the same: the period rule's look-behind is
 * written as a look-ahead there (so every period not followed by a digit goes), and the period
 * substitution passes {@code re.UNICODE} where {@code count} is expected, so at most 32 periods are
 * removed.
 */
public final class VqaNormalizer {

    private VqaNormalizer() {}

    private static final Pattern PERIOD_STRIP =
            Pattern.compile("\\.(?!\\d)", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern COMMA_STRIP =
            Pattern.compile("(?<=\\d),+(?=\\d)", Pattern.UNICODE_CHARACTER_CLASS);
    private static final int PERIOD_STRIP_MAX = 32;

    /** Single characters, each its own step in this order (checked by {@link #punctuation}). */
    private static final List<String> PUNCTUATION =
            List.of(
                    ";", "/", "[", "]", "\"", "{", "}", "(", ")", "=", "+", "\\", "_", "-", ">",
                    "<", "@", "`", ",", "?", "!");

    private static final Map<String, String> NUMBERS =
            Map.ofEntries(
                    Map.entry("none", "0"),
                    Map.entry("zero", "0"),
                    Map.entry("one", "1"),
                    Map.entry("two", "2"),
                    Map.entry("three", "3"),
                    Map.entry("four", "4"),
                    Map.entry("five", "5"),
                    Map.entry("six", "6"),
                    Map.entry("seven", "7"),
                    Map.entry("eight", "8"),
                    Map.entry("nine", "9"),
                    Map.entry("ten", "10"));

    private static final Set<String> ARTICLES = Set.of("a", "an", "the");

    private static final Map<String, String> CONTRACTIONS = contractions();

    /** The full processor, applied to predictions and, here, to every human answer as well. */
    public static String normalize(String answer) {
        String plain = plainWords(answer);
        return plain != null ? plain : stepByStep(answer);
    }

    /**
     * The processor for the common answer of plain words ("Racing", "2 cups", "餐馆"): only ASCII
     * letters and digits, the space, and characters that lower-casing leaves alone and that are
     * neither white space nor surrogates. On those every step but lower case, the word split and
     * the word maps is the identity, so one pass gives what {@link #stepByStep} gives. Null when
     * the answer has anything else (punctuation, apostrophes, tabs, upper-case non-ASCII letters…).
     */
    static String plainWords(String answer) {
        int n = answer.length();
        boolean upper = false;
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char c = answer.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c == ' ') {
                space = true;
            } else if (c < 0x80
                    || Character.isSurrogate(c)
                    || Character.toLowerCase(c) != c
                    || Texts.isPythonSpace(c)) {
                return null;
            }
        }
        String lower = upper ? asciiLowerCase(answer) : answer;
        if (!space) {
            String word = mapWord(lower);
            return word == null ? "" : word;
        }
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            if (lower.charAt(i) == ' ') {
                i++;
                continue;
            }
            int end = lower.indexOf(' ', i);
            if (end < 0) {
                end = n;
            }
            String word = mapWord(lower.substring(i, end));
            if (word != null) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(word);
            }
            i = end;
        }
        return out.toString();
    }

    /** A word after the number and contraction maps; null for an article (dropped). */
    private static String mapWord(String word) {
        String w = NUMBERS.getOrDefault(word, word);
        return ARTICLES.contains(w) ? null : CONTRACTIONS.getOrDefault(w, w);
    }

    private static String asciiLowerCase(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= 'A' && c <= 'Z') {
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    /** The reference code's steps one after the other; what {@link #normalize} does in general. */
    static String stepByStep(String answer) {
        String s =
                answer.toLowerCase(Locale.ROOT)
                        .replace(",", "")
                        .replace("?", "")
                        .replace("'s", " 's");
        s = Texts.pythonStrip(s);
        s = Texts.pythonStrip(s.replace('\n', ' ').replace('\t', ' '));
        return digitsAndArticles(punctuation(s));
    }

    static String punctuation(String in) {
        // Same steps as the reference code, skipping those that cannot change anything: a mark
        // absent from the input stays absent (replacements only insert "" or " "), and without a
        // period the period rule has nothing to do. Most answers are a word or two with neither.
        Boolean digitComma = null;
        String out = in;
        for (String p : PUNCTUATION) {
            if (in.indexOf(p.charAt(0)) < 0) {
                continue;
            }
            if (digitComma == null) {
                digitComma = COMMA_STRIP.matcher(in).find();
            }
            boolean remove = digitComma || in.contains(p + " ") || in.contains(" " + p);
            out = out.replace(p, remove ? "" : " ");
        }
        if (out.indexOf('.') < 0) {
            return out;
        }
        Matcher m = PERIOD_STRIP.matcher(out);
        StringBuilder sb = new StringBuilder(out.length());
        int removed = 0;
        while (removed < PERIOD_STRIP_MAX && m.find()) {
            m.appendReplacement(sb, "");
            removed++;
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static String digitsAndArticles(String in) {
        List<String> words = new ArrayList<>();
        for (String word : splitPython(in.toLowerCase(Locale.ROOT))) {
            String w = NUMBERS.getOrDefault(word, word);
            if (!ARTICLES.contains(w)) {
                words.add(CONTRACTIONS.getOrDefault(w, w));
            }
        }
        return String.join(" ", words);
    }

    private static List<String> splitPython(String s) {
        String collapsed = Texts.collapseWhitespace(s);
        return collapsed.isEmpty() ? List.of() : List.of(collapsed.split(" "));
    }

    private static Map<String, String> contractions() {
        String[] pairs = {
            "aint",
            "ain't",
            "arent",
            "aren't",
            "cant",
            "can't",
            "couldve",
            "could've",
            "couldnt",
            "couldn't",
            "couldn'tve",
            "couldn't've",
            "couldnt've",
            "couldn't've",
            "didnt",
            "didn't",
            "doesnt",
            "doesn't",
            "dont",
            "don't",
            "hadnt",
            "hadn't",
            "hadnt've",
            "hadn't've",
            "hadn'tve",
            "hadn't've",
            "hasnt",
            "hasn't",
            "havent",
            "haven't",
            "hed",
            "he'd",
            "hed've",
            "he'd've",
            "he'dve",
            "he'd've",
            "hes",
            "he's",
            "howd",
            "how'd",
            "howll",
            "how'll",
            "hows",
            "how's",
            "Id've",
            "I'd've",
            "I'dve",
            "I'd've",
            "Im",
            "I'm",
            "Ive",
            "I've",
            "isnt",
            "isn't",
            "itd",
            "it'd",
            "itd've",
            "it'd've",
            "it'dve",
            "it'd've",
            "itll",
            "it'll",
            "let's",
            "let's",
            "maam",
            "ma'am",
            "mightnt",
            "mightn't",
            "mightnt've",
            "mightn't've",
            "mightn'tve",
            "mightn't've",
            "mightve",
            "might've",
            "mustnt",
            "mustn't",
            "mustve",
            "must've",
            "neednt",
            "needn't",
            "notve",
            "not've",
            "oclock",
            "o'clock",
            "oughtnt",
            "oughtn't",
            "ow's'at",
            "'ow's'at",
            "'ows'at",
            "'ow's'at",
            "'ow'sat",
            "'ow's'at",
            "shant",
            "shan't",
            "shed've",
            "she'd've",
            "she'dve",
            "she'd've",
            "she's",
            "she's",
            "shouldve",
            "should've",
            "shouldnt",
            "shouldn't",
            "shouldnt've",
            "shouldn't've",
            "shouldn'tve",
            "shouldn't've",
            "somebody'd",
            "somebodyd",
            "somebodyd've",
            "somebody'd've",
            "somebody'dve",
            "somebody'd've",
            "somebodyll",
            "somebody'll",
            "somebodys",
            "somebody's",
            "someoned",
            "someone'd",
            "someoned've",
            "someone'd've",
            "someone'dve",
            "someone'd've",
            "someonell",
            "someone'll",
            "someones",
            "someone's",
            "somethingd",
            "something'd",
            "somethingd've",
            "something'd've",
            "something'dve",
            "something'd've",
            "somethingll",
            "something'll",
            "thats",
            "that's",
            "thered",
            "there'd",
            "thered've",
            "there'd've",
            "there'dve",
            "there'd've",
            "therere",
            "there're",
            "theres",
            "there's",
            "theyd",
            "they'd",
            "theyd've",
            "they'd've",
            "they'dve",
            "they'd've",
            "theyll",
            "they'll",
            "theyre",
            "they're",
            "theyve",
            "they've",
            "twas",
            "'twas",
            "wasnt",
            "wasn't",
            "wed've",
            "we'd've",
            "we'dve",
            "we'd've",
            "weve",
            "we've",
            "werent",
            "weren't",
            "whatll",
            "what'll",
            "whatre",
            "what're",
            "whats",
            "what's",
            "whatve",
            "what've",
            "whens",
            "when's",
            "whered",
            "where'd",
            "wheres",
            "where's",
            "whereve",
            "where've",
            "whod",
            "who'd",
            "whod've",
            "who'd've",
            "who'dve",
            "who'd've",
            "wholl",
            "who'll",
            "whos",
            "who's",
            "whove",
            "who've",
            "whyll",
            "why'll",
            "whyre",
            "why're",
            "whys",
            "why's",
            "wont",
            "won't",
            "wouldve",
            "would've",
            "wouldnt",
            "wouldn't",
            "wouldnt've",
            "wouldn't've",
            "wouldn'tve",
            "wouldn't've",
            "yall",
            "y'all",
            "yall'll",
            "y'all'll",
            "y'allll",
            "y'all'll",
            "yall'd've",
            "y'all'd've",
            "y'alld've",
            "y'all'd've",
            "y'all'dve",
            "y'all'd've",
            "youd",
            "you'd",
            "youd've",
            "you'd've",
            "you'dve",
            "you'd've",
            "youll",
            "you'll",
            "youre",
            "you're",
            "youve",
            "you've"
        };
        java.util.HashMap<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Map.copyOf(map);
    }
}
