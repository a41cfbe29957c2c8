package org.vlmeval.scoring.numeric;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final numeric answer in a response, in English or Chinese.
 *
 * <p>Numbers are found by {@link NumberScanner} (digits, English number words, Chinese numerals;
 * ordinals, dates, times, years and words like 一些 are not numbers). Of those, list enumerators are
 * set aside: "1." / "1)" / "(1)" / "1、" / "一、" when they form a list (another item numbered one
 * less or one more, or several such items at line starts), and numbers after "step", "image",
 * "figure", "item", "option", "question", "part", "row", "column", "page", 步骤, 图. The answer is
 * then chosen by the first rule that applies:
 *
 * <ol>
 *   <li><b>Explicit answer marker</b> — "the answer is", "answer:", "answer would be", "final
 *       answer", {@code \boxed{}}, 答案是, 答案为, 答案：, 答：, 最终答案. The first number after the last marker
 *       that has one, within the marker's sentence (or the next sentence when the marker ends its
 *       sentence, as in "Answer:\n7"). Rule: {@code after 'answer is'}.
 *   <li><b>Stated conclusion</b> — the last sentence that contains a number and a conclusion word:
 *       so, therefore, thus, hence, in total, total, altogether, in all, overall, that makes, which
 *       gives, adds up to, the sum is, the result is, "=", "≈", 所以, 因此, 总共, 一共, 共, 合计, 总计, 总数, 即, 故
 *       ("so far", "and so on", "if so", "so that", "so many", 公共, 即使, 立即 do not count). Within it:
 *       the first number after the last "=" that has one; else the first number after a verb (is,
 *       are, has, have, equals, comes to, totals, gives, makes, contains, 是, 为, 有, 等于) following a
 *       conclusion word, trying the last conclusion word first; else the last number of the
 *       sentence, preferring one that is not in the question. Rule: {@code conclusion 'so', after
 *       'have'}, {@code conclusion 'so', after '='}, {@code conclusion 'so', last number}.
 *   <li><b>Bold number</b> — the last Markdown bold span ({@code **7**}, {@code **7 kinds**})
 *       holding exactly one number. Rule: {@code bold}.
 *   <li><b>Position</b> — numbers that also appear in the question are set aside unless nothing
 *       else is left. One value left: it ({@code only number}). Several: when the response does no
 *       arithmetic (no "+", "×", "=", times, plus, sum, 乘, 加, ...) and the first sentence with a
 *       number has exactly one, the response starts with its answer and that number is taken
 *       ({@code first sentence}: "There are 7 kinds of fruit: apples, two bananas, ..."); otherwise
 *       it is a reasoning chain and the last number is taken ({@code last number}).
 *   <li>No number: empty ("I cannot count them", "There are several").
 * </ol>
 *
 * <p>A hedged answer — a range or alternatives ("6-7", "6 or 7", "六七个", "十多个") — states no single
 * number: when a rule lands on one, the result is empty; otherwise hedged mentions are ignored.
 *
 * <p>Stateless and thread-safe; patterns are compiled once.
 */
public final class NumberExtractor {

    private NumberExtractor() {}

    private static final Pattern ANSWER_MARKER =
            Pattern.compile(
                    "final answer|\\banswers?\\b\\**\\s*(?:is|would be|should be|will be|[:=])"
                            + "|\\\\boxed\\{|最终答案|答案\\s*(?:应该是|应为|是|为|:)|答\\s*:");

    private static final Pattern CONCLUSION =
            Pattern.compile(
                    "\\b(?:so(?![- ](?:far|that|many|much|called|on)\\b)(?<!\\b(?:and|or|if|do) so)"
                            + "|therefore|thus|hence|in total|totals?|totaling|altogether|in all"
                            + "|overall|(?:that|which|this) (?:makes|gives)|adds? up to"
                            + "|sums? (?:up )?to|the sum is|the result is|in sum)\\b"
                            + "|=|≈|所以|因此|总共|一共|(?<!公)共|合计|总计|总数|总和"
                            + "|(?<![立随])即(?![使将便])|故(?![事障意])");

    private static final Pattern VERB =
            Pattern.compile(
                    "\\b(?:is|are|was|were|be|has|have|had|equals?|equaling|comes? to|totals?"
                            + "|totaling|gives?|makes?|yields?|gets?|contains?|amounts? to)\\b"
                            + "|(?<=\\b(?:there|it|that|which|what))'s\\b"
                            + "|是|(?<![因认作成称以行])为|(?<![所没只还])有|等于|达到");

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*\\n]{1,40}?)\\*\\*");

    private static final Pattern ARITHMETIC =
            Pattern.compile(
                    "\\d\\s*[x×*/÷+]\\s*\\d|[=×÷+]"
                            + "|\\b(?:times|plus|minus|multipl\\w*|divided|sum|add|adding|added"
                            + "|subtract\\w*)\\b|乘|加上|减去|除以|相加|相乘");

    private static final Pattern LABEL_BEFORE =
            Pattern.compile(
                    "(?:\\b(?:step|image|figure|fig\\.|picture|photo|item|option|question|part|row"
                            + "|column|page)|步骤|图)\\s*$");

    /**
     * The number the response gives as its answer, preferring a stated conclusion over intermediate
     * numbers.
     *
     * @param response the model's answer text
     * @param question the question asked (numbers it mentions are weaker candidates); may be empty
     */
    public static Optional<ExtractedNumber> extractAnswer(String response, String question) {
        if (response == null || response.isEmpty()) {
            return Optional.empty();
        }
        String f = NumberScanner.fold(response);
        List<NumberMention> all = NumberScanner.findAll(response, f);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        List<NumberMention> mentions = withoutEnumerators(f, all);
        if (mentions.isEmpty()) {
            return Optional.empty();
        }
        Set<Double> questionValues = questionValues(question);
        List<int[]> sentences = sentences(f);

        Choice c = byAnswerMarker(f, mentions, sentences);
        if (c == null) {
            c = byConclusion(f, mentions, sentences, questionValues);
        }
        if (c == null) {
            c = byBold(f, mentions, questionValues);
        }
        if (c == null) {
            c = byPosition(f, mentions, sentences, questionValues);
        }
        if (c == null || c.mention().hedged()) {
            return Optional.empty();
        }
        NumberMention m = c.mention();
        return Optional.of(new ExtractedNumber(m.value(), m.surface(), c.rule()));
    }

    private record Choice(NumberMention mention, String rule) {}

    // ---- rule 1 -------------------------------------------------------------------------------

    private static Choice byAnswerMarker(String f, List<NumberMention> ms, List<int[]> sentences) {
        Matcher m = ANSWER_MARKER.matcher(f);
        List<int[]> markers = new ArrayList<>();
        while (m.find()) {
            markers.add(new int[] {m.start(), m.end()});
        }
        for (int k = markers.size() - 1; k >= 0; k--) {
            int[] mk = markers.get(k);
            int limit = answerLimit(f, mk[1], sentences);
            NumberMention first = firstFrom(ms, mk[1], limit);
            if (first != null) {
                return new Choice(first, "after '" + label(f, mk[0], mk[1]) + "'");
            }
        }
        return null;
    }

    /** The end of the marker's sentence, or of the next one when nothing follows the marker. */
    private static int answerLimit(String f, int from, List<int[]> sentences) {
        for (int k = 0; k < sentences.size(); k++) {
            int[] s = sentences.get(k);
            if (from < s[1] || (from == s[1] && k + 1 == sentences.size())) {
                if (hasContent(f, from, s[1]) || k + 1 == sentences.size()) {
                    return s[1];
                }
                return sentences.get(k + 1)[1];
            }
        }
        return f.length();
    }

    private static boolean hasContent(String f, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isLetterOrDigit(f.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    // ---- rule 2 -------------------------------------------------------------------------------

    private static Choice byConclusion(
            String f, List<NumberMention> ms, List<int[]> sentences, Set<Double> questionValues) {
        for (int k = sentences.size() - 1; k >= 0; k--) {
            int s = sentences.get(k)[0];
            int e = sentences.get(k)[1];
            List<NumberMention> in = between(ms, s, e);
            if (in.isEmpty()) {
                continue;
            }
            Matcher cm = CONCLUSION.matcher(f).region(s, e);
            List<int[]> markers = new ArrayList<>();
            while (cm.find()) {
                markers.add(new int[] {cm.start(), cm.end()});
            }
            if (markers.isEmpty()) {
                continue;
            }
            String word = null;
            for (int[] mk : markers) {
                if (!f.startsWith("=", mk[0]) && !f.startsWith("≈", mk[0])) {
                    word = label(f, mk[0], mk[1]);
                }
            }
            String prefix = "conclusion '" + (word == null ? "=" : word) + "', ";
            for (int j = markers.size() - 1; j >= 0; j--) {
                int[] mk = markers.get(j);
                char c = f.charAt(mk[0]);
                if (c == '=' || c == '≈') {
                    NumberMention after = firstFrom(in, mk[1], e);
                    if (after != null) {
                        return new Choice(after, prefix + "after '" + c + "'");
                    }
                }
            }
            for (int j = markers.size() - 1; j >= 0; j--) {
                int[] mk = markers.get(j);
                Matcher vm = VERB.matcher(f).region(mk[0], e);
                while (vm.find()) {
                    NumberMention after = firstFrom(in, vm.end(), e);
                    if (after != null) {
                        return new Choice(after, prefix + "after '" + vm.group() + "'");
                    }
                }
            }
            NumberMention last = lastPreferStrong(in, questionValues);
            return new Choice(last, prefix + "last number");
        }
        return null;
    }

    // ---- rule 3 -------------------------------------------------------------------------------

    private static Choice byBold(String f, List<NumberMention> ms, Set<Double> questionValues) {
        if (f.indexOf("**") < 0) {
            return null;
        }
        Matcher b = BOLD.matcher(f);
        NumberMention lastStrong = null;
        NumberMention lastAny = null;
        while (b.find()) {
            List<NumberMention> in = between(ms, b.start(1), b.end(1));
            if (in.size() == 1 && !in.get(0).hedged()) {
                lastAny = in.get(0);
                if (!questionValues.contains(lastAny.value())) {
                    lastStrong = lastAny;
                }
            }
        }
        NumberMention chosen = lastStrong != null ? lastStrong : lastAny;
        return chosen == null ? null : new Choice(chosen, "bold");
    }

    // ---- rule 4 -------------------------------------------------------------------------------

    private static Choice byPosition(
            String f, List<NumberMention> ms, List<int[]> sentences, Set<Double> questionValues) {
        List<NumberMention> plain = new ArrayList<>();
        for (NumberMention m : ms) {
            if (!m.hedged()) {
                plain.add(m);
            }
        }
        if (plain.isEmpty()) {
            return null;
        }
        List<NumberMention> strong = new ArrayList<>();
        for (NumberMention m : plain) {
            if (!questionValues.contains(m.value())) {
                strong.add(m);
            }
        }
        boolean weakOnly = strong.isEmpty();
        List<NumberMention> cands = weakOnly ? plain : strong;
        String note = weakOnly ? " (also in question)" : "";
        double v0 = cands.get(0).value();
        boolean oneValue = cands.stream().allMatch(m -> m.value() == v0);
        if (oneValue) {
            return new Choice(cands.get(0), "only number" + note);
        }
        if (!ARITHMETIC.matcher(f).find()) {
            for (int[] s : sentences) {
                List<NumberMention> in = between(cands, s[0], s[1]);
                if (!in.isEmpty()) {
                    if (in.size() == 1) {
                        return new Choice(in.get(0), "first sentence" + note);
                    }
                    break;
                }
            }
        }
        return new Choice(cands.get(cands.size() - 1), "last number" + note);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Set<Double> questionValues(String question) {
        if (question == null || question.isEmpty()) {
            return Set.of();
        }
        Set<Double> values = new HashSet<>();
        for (NumberMention m : NumberScanner.findAll(question)) {
            if (!m.hedged()) {
                values.add(m.value());
            }
        }
        return values;
    }

    private static List<NumberMention> withoutEnumerators(String f, List<NumberMention> all) {
        int n = all.size();
        boolean[] shaped = new boolean[n];
        boolean[] lineStart = new boolean[n];
        int lineStarts = 0;
        for (int i = 0; i < n; i++) {
            NumberMention m = all.get(i);
            if (isEnumeratorShape(f, m)) {
                shaped[i] = true;
                lineStart[i] = atLineStart(f, m.start());
                if (lineStart[i]) {
                    lineStarts++;
                }
            }
        }
        List<NumberMention> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NumberMention m = all.get(i);
            boolean enumerator = false;
            if (shaped[i]) {
                if (lineStart[i] && lineStarts >= 2) {
                    enumerator = true;
                } else {
                    for (int j = 0; j < n && !enumerator; j++) {
                        double d = all.get(j).value() - m.value();
                        enumerator = j != i && shaped[j] && (d == 1 || d == -1);
                    }
                }
            }
            if (!enumerator) {
                int from = Math.max(0, m.start() - 12);
                enumerator = LABEL_BEFORE.matcher(f).region(from, m.start()).find();
            }
            if (!enumerator) {
                out.add(m);
            }
        }
        return out;
    }

    /** "1." "1)" "(1)" "1、" "一、" followed by an item, not a decimal or the end of the text. */
    private static boolean isEnumeratorShape(String f, NumberMention m) {
        double v = m.value();
        if (m.hedged() || v < 0 || v >= 100 || v != Math.rint(v) || m.surface().indexOf('%') >= 0) {
            return false;
        }
        int e = m.end();
        int n = f.length();
        if (e >= n) {
            return false;
        }
        char d = f.charAt(e);
        if (d != '.' && d != ')' && d != '、') {
            return false;
        }
        if (e + 1 >= n) {
            return false;
        }
        char next = f.charAt(e + 1);
        if (Character.isDigit(next)) {
            return false;
        }
        if (d == '、') {
            return true;
        }
        int j = e + 1;
        while (j < n && (f.charAt(j) == ' ' || f.charAt(j) == '*')) {
            j++;
        }
        return j < n && j > e + 1 && Character.isLetter(f.charAt(j))
                || (j == e + 1 && d == ')' && Character.isLetter(next));
    }

    private static boolean atLineStart(String f, int start) {
        int j = start - 1;
        if (j >= 0 && f.charAt(j) == '(') {
            j--;
        }
        while (j >= 0) {
            char c = f.charAt(j);
            if (c == '\n') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '*' && c != '#' && c != '-' && c != '>' && c != '•') {
                return false;
            }
            j--;
        }
        return true;
    }

    /**
     * Sentence spans: split after . ! ? ; 。 ！ ？ ； and line breaks; a '.' between digits is a
     * decimal point.
     */
    static List<int[]> sentences(String f) {
        List<int[]> out = new ArrayList<>();
        int n = f.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = f.charAt(i);
            boolean end;
            switch (c) {
                case '.':
                    end =
                            !(i > 0
                                    && i + 1 < n
                                    && Character.isDigit(f.charAt(i - 1))
                                    && Character.isDigit(f.charAt(i + 1)));
                    break;
                case '!':
                case '?':
                case ';':
                case '\n':
                case '。':
                case '！':
                case '？':
                case '；':
                    end = true;
                    break;
                default:
                    end = false;
            }
            if (end) {
                if (i + 1 > start) {
                    out.add(new int[] {start, i + 1});
                }
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(new int[] {start, n});
        }
        return out;
    }

    private static NumberMention firstFrom(List<NumberMention> ms, int from, int to) {
        for (NumberMention m : ms) {
            if (m.start() >= from && m.start() < to) {
                return m;
            }
        }
        return null;
    }

    private static List<NumberMention> between(List<NumberMention> ms, int from, int to) {
        List<NumberMention> out = new ArrayList<>(2);
        for (NumberMention m : ms) {
            if (m.start() >= from && m.end() <= to) {
                out.add(m);
            }
        }
        return out;
    }

    private static NumberMention lastPreferStrong(List<NumberMention> in, Set<Double> weak) {
        for (int i = in.size() - 1; i >= 0; i--) {
            if (!weak.contains(in.get(i).value())) {
                return in.get(i);
            }
        }
        return in.get(in.size() - 1);
    }

    private static String label(String f, int from, int to) {
        return SPACES.matcher(f.substring(from, to).replace("*", "")).replaceAll(" ").strip();
    }
}
