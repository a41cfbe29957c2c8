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
 * "figure", "item", "option", "question", "part", "row", "column", "page", 步骤, 图. When the question
 * names a unit of a kind (°F or °C; mg, kg or pounds; km or miles; 元, 美元 or 欧元) and some number
 * carries it, numbers carrying another unit of that kind are set aside too ("28°C, which is about
 * 82°F" for "in Fahrenheit?"). A response with no number that states absence (none, nothing, "no
 * cats", 没有, 无, 一个也没有, "not one") reads 0 (rule {@code absence}). The answer is then chosen by the
 * first rule that applies:
 *
 * <ol>
 *   <li><b>Explicit answer marker</b> — "the answer is", "answer:", "answer would be", "final
 *       answer", {@code \boxed{}}, 答案是, 答案为, 答案：, 答：, 最终答案. The first number after the last marker
 *       that has one, within the marker's sentence (or the next sentence when the marker ends its
 *       sentence, as in "Answer:\n7"). Rule: {@code after 'answer is'}.
 *   <li><b>Restated target</b> — when the question asks for a share (each, per, apiece, 每, 人均), a
 *       difference (difference, 相差, 差多少), a maximum or a minimum, the number that follows the
 *       response's restatement of it in the same clause ("Each friend owes $28. ... $84 in total",
 *       "温差是八度", "a maximum of 4,000 mg per day"), when all such restatements give one value that
 *       is not in the question. Rule: {@code restates the question's 'each'}.
 *   <li><b>Stated conclusion</b> — the last sentence that contains a number and a conclusion word:
 *       so, therefore, thus, hence, in total, total, altogether, in all, overall, that makes, which
 *       gives, adds up to, the sum is, the result is, leaving, which leaves, "=", "≈", 所以, 因此, 总共,
 *       一共, 共, 合计, 总计, 总数, 即, 故, 还剩, 剩下 (not 剩下的) ("so far", "and so on", "if so", "so that", "so
 *       many", 公共, 即使, 立即 do not count). Within it: (a) the first number after the last "=" that
 *       has one; (b) else the first number after a verb (is, are, has, have, equals, comes to,
 *       totals, gives, makes, contains, 是, 为, 有, 等于) that follows a conclusion word, trying the
 *       last conclusion word first; (c) else the last number after the last conclusion word, within
 *       its clause ("5块总共一百千卡", "so 4 boxes hold 24 eggs"); (d) else the first number after a verb
 *       anywhere in the sentence ("There are 7 fruits in total, 3 apples and 4 pears"); (e) else
 *       the last number of the sentence, preferring one that is not in the question. Rule: {@code
 *       conclusion 'so', after '='}, {@code conclusion 'so', after 'have'}, {@code conclusion '总共',
 *       after it}, {@code conclusion 'so', last number}.
 *   <li><b>Bold number</b> — the last Markdown bold span ({@code **7**}, {@code **7 kinds**})
 *       holding exactly one number. Rule: {@code bold}.
 *   <li><b>Position</b> — numbers that also appear in the question are set aside unless nothing
 *       else is left. One value left: it ({@code only number}). Several: when the response does no
 *       arithmetic (no "+", "×", "=", times, plus, sum, 乘, 加, ...) and the first sentence with a
 *       number has exactly one, the response starts with its answer and that number is taken
 *       ({@code first sentence}: "There are 7 kinds of fruit: apples, two bananas, ..."). When that
 *       sentence has several and holds every remaining number: (a) if each number sits in its own
 *       clause (split at , ; : 、 brackets, and, while, including, 和, 其中, 分别, ...) and exactly one
 *       clause shares words (Han character pairs) with the question that no other clause has, its
 *       number ("What share is blue?" — "blue is 35%, red 40%, green 25%"); a tie between the first
 *       clause and one later clause goes to the later one ("11 chairs in the room, and 4 of them
 *       are occupied" for "How many chairs are occupied?") ({@code clause naming the question's
 *       subject}); (b) else, if the rest breaks the first number down — a colon, bracket,
 *       "including", "of whom", "while", 其中, 分别, 另一, "the other", "and 2 more", or parts adding up
 *       to it (3 + 2 = 5) or multiplying to it ("3 rows of 4"), none larger than it — the first
 *       number ({@code answer, then its breakdown}: "There are three people: two adults and one
 *       child"). Otherwise it is a reasoning chain and the last number is taken ({@code last
 *       number}).
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
                    "\\banswers?\\b\\**\\s*(?:is|would be|should be|will be|[:=])|(?<=final )answer"
                            + "|\\\\boxed\\{|(?<=最终)答案|答案\\s*(?:应该是|应为|是|为|:)|答\\s*:");

    private static final Pattern CONCLUSION =
            Pattern.compile(
                    "\\b(?:so(?![- ](?:far|that|many|much|called|on)\\b)(?<!\\b(?:and|or|if|do) so)"
                            + "|therefore|thus|hence|in total|totals?|totaling|altogether|in all"
                            + "|overall|(?:that|which|this) (?:makes|gives)|adds? up to"
                            + "|sums? (?:up )?to|the sum is|the result is|in sum|leaving|which leaves)\\b"
                            + "|=|≈|所以|因此|总共|一共|(?<!公)共|合计|总计|总数|总和"
                            + "|(?<![立随])即(?![使将便])|故(?![事障意])|还剩|剩下(?!的)");

    private static final Pattern VERB =
            Pattern.compile(
                    "\\b(?:is|are|was|were|be|has|have|had|equals?|equaling|comes? to|totals"
                            + "|totaling|gives?|makes?|yields?|gets?|contains?|amounts? to)\\b"
                            + "|(?<=\\b(?:there|it|that|which|what))'s\\b"
                            + "|是|(?<![因认作成称以行])为|(?<![所没只还])有|等于|达到");

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private static final String[] ANSWER_KEYWORDS = {"answer", "\\boxed{", "答"};

    private static final String[] CONCLUSION_KEYWORDS = {
        "so",
        "therefore",
        "thus",
        "hence",
        "in total",
        "total",
        "altogether",
        "in all",
        "overall",
        "that ",
        "which ",
        "this ",
        "add",
        "sum",
        "the sum",
        "the result",
        "in sum",
        "leaving",
        "which leaves",
        "=",
        "≈",
        "所以",
        "因此",
        "总",
        "一共",
        "共",
        "合计",
        "即",
        "故",
        "还剩",
        "剩下"
    };

    private static final Pattern ARITHMETIC_WORD =
            Pattern.compile(
                    "\\b(?:times|plus|minus|multipl\\w*|divided|sum|add|adding|added|subtract\\w*)\\b");

    private static final String[] ARITHMETIC_WORD_KEYWORDS = {
        "times", "plus", "minus", "multipl", "divided", "sum", "add", "subtract"
    };

    private static final String[] ARITHMETIC_SIGNS = {
        "=", "×", "÷", "+", "乘", "加上", "减去", "除以", "相加", "相乘"
    };

    /** Words before a number that make it a label, not a quantity: "Step 2", "image 1". */
    private static final Set<String> LABELS =
            Set.of(
                    "step",
                    "image",
                    "figure",
                    "fig",
                    "picture",
                    "photo",
                    "item",
                    "option",
                    "question",
                    "part",
                    "row",
                    "column",
                    "page");

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
        List<NumberMention> all = withoutNotEvenOne(f, NumberScanner.findAll(response, f));
        if (all.isEmpty()) {
            Matcher none = ABSENCE.matcher(f);
            return none.find()
                    ? Optional.of(new ExtractedNumber(0, none.group().strip(), "absence"))
                    : Optional.empty();
        }
        List<NumberMention> mentions = withoutEnumerators(f, all);
        if (mentions.isEmpty()) {
            return Optional.empty();
        }
        mentions = withoutParentheticals(f, mentions);
        String q = question == null ? "" : NumberScanner.fold(question);
        mentions = withoutOtherUnits(f, mentions, q);
        Set<Double> questionValues = questionValues(question);
        List<int[]> sentences = sentences(f);

        Choice c = byAnswerMarker(f, mentions, sentences);
        if (c == null) {
            c = byRestatedTarget(f, mentions, q, questionValues);
        }
        if (c == null) {
            c = byConclusion(f, mentions, sentences, questionValues);
        }
        if (c == null) {
            c = byBold(f, mentions, questionValues);
        }
        if (c == null) {
            c = byPosition(f, mentions, sentences, questionValues, question);
        }
        if (c == null || c.mention().hedged()) {
            return Optional.empty();
        }
        NumberMention m = c.mention();
        return Optional.of(new ExtractedNumber(m.value(), m.surface(), c.rule()));
    }

    private record Choice(NumberMention mention, String rule) {}

    /**
     * Drops numbers inside parentheses when some number stands outside them: a parenthesis is an
     * aside ("每份（1块）含钠15毫克", "5 pieces (20 kcal each) make 100 kcal"), not the answer.
     */
    private static List<NumberMention> withoutParentheticals(String f, List<NumberMention> ms) {
        int[] depth = new int[f.length() + 1];
        int d = 0;
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '(' || c == '（') {
                d++;
            }
            depth[i] = d;
            if ((c == ')' || c == '）') && d > 0) {
                d--;
            }
        }
        List<NumberMention> outside = new ArrayList<>(ms.size());
        for (NumberMention m : ms) {
            if (depth[m.start()] == 0) {
                outside.add(m);
            }
        }
        return outside.isEmpty() || outside.size() == ms.size() ? ms : outside;
    }

    // ---- absence ------------------------------------------------------------------------------

    /** A statement that there are none: "none of", "no cats", "nothing", 没有, 无, 一个也没有. */
    private static final Pattern ABSENCE =
            Pattern.compile(
                    "\\b(?:none|nothing|nobody|no one|not any|not a single)\\b"
                            + "|\\bno\\s+(?!(?:way|idea|longer|doubt|information|data|access|ability"
                            + "|means|clear|answer|image|picture|photo|visible information)\\b)[a-z]"
                            + "|一个也没有|一.也没有|都没有|没有(?!办法|足够|提供|看到图|图|显示清|能力|权限)"
                            + "|(?<![无])无(?!法|从|关|论|需|疑)");

    /** "一个也没有", "一辆都没有", "not one": a "one" that says there are none. */
    private static final Pattern NOT_EVEN_ONE_AFTER = Pattern.compile("\\s*\\S?\\s*[也都]没");

    private static final Pattern NOT_EVEN_ONE_BEFORE = Pattern.compile("\\b(?:not|not even)\\s*$");

    private static List<NumberMention> withoutNotEvenOne(String f, List<NumberMention> all) {
        List<NumberMention> out = new ArrayList<>(all.size());
        for (NumberMention m : all) {
            boolean none =
                    m.value() == 1
                            && (NOT_EVEN_ONE_AFTER
                                            .matcher(f)
                                            .region(m.end(), f.length())
                                            .lookingAt()
                                    || NOT_EVEN_ONE_BEFORE
                                            .matcher(f)
                                            .region(Math.max(0, m.start() - 12), m.start())
                                            .find());
            if (!none) {
                out.add(m);
            }
        }
        return out;
    }

    // ---- units --------------------------------------------------------------------------------

    /**
     * Units of one kind that the question may ask for by name; a number carrying another unit of
     * the same kind is not the asked quantity ("28°C, which is about 82°F" for "in Fahrenheit?").
     */
    private static final String[][][] UNIT_KIND_SOURCES = {
        { // temperature
            {"fahrenheit|°f|℉|华氏", "\\s*(?:°\\s*f\\b|℉|degrees? f(?:ahrenheit)?\\b|华氏)"},
            {"celsius|°c|℃|摄氏", "\\s*(?:°\\s*c\\b|℃|degrees? c(?:elsius)?\\b|摄氏)"}
        },
        { // mass
            {"\\bmg\\b|milligram|毫克", "\\s*(?:mg\\b|milligrams?\\b|毫克)"},
            {"\\bkg\\b|kilogram|千克|公斤", "\\s*(?:kg\\b|kilograms?\\b|千克|公斤)"},
            {"\\b(?:lbs?|pounds?)\\b|磅", "\\s*(?:lbs?\\b|pounds?\\b|磅)"}
        },
        { // distance
            {"\\bkm\\b|kilomet|公里|千米", "\\s*(?:km\\b|kilomet(?:er|re)s?\\b|公里|千米)"},
            {"\\bmiles?\\b|英里", "\\s*(?:miles?\\b|英里)"}
        },
        { // currency
            {"美元|dollars?\\b|\\busd\\b", "\\s*(?:美元|dollars?\\b|usd\\b)"},
            {"人民币|(?<![美欧日港])元|\\byuan\\b|\\brmb\\b", "\\s*(?:(?<![美欧日港])元|yuan\\b|rmb\\b)"},
            {"欧元|euros?\\b", "\\s*(?:欧元|euros?\\b|€)"}
        }
    };

    /**
     * Drops numbers carrying a unit of the kind the question asks for, but not the one it names,
     * when some number carries the named one.
     */
    private static List<NumberMention> withoutOtherUnits(
            String f, List<NumberMention> ms, String q) {
        if (q.isEmpty()) {
            return ms;
        }
        for (Pattern[][] kind : UNIT_KINDS) {
            int asked = -1;
            for (int u = 0; u < kind.length; u++) {
                if (kind[u][0].matcher(q).find()) {
                    asked = asked < 0 ? u : -2;
                }
            }
            if (asked < 0) {
                continue;
            }
            List<NumberMention> kept = new ArrayList<>(ms.size());
            boolean carriesAsked = false;
            for (NumberMention m : ms) {
                boolean other = false;
                for (int u = 0; u < kind.length; u++) {
                    Matcher um = kind[u][1].matcher(f);
                    um.region(m.end(), f.length());
                    if (um.lookingAt()) {
                        if (u == asked) {
                            carriesAsked = true;
                        } else {
                            other = true;
                        }
                    }
                }
                if (!other) {
                    kept.add(m);
                }
            }
            if (carriesAsked && kept.size() < ms.size()) {
                return kept;
            }
        }
        return ms;
    }

    // ---- restated target ----------------------------------------------------------------------

    /**
     * What a question asks for beyond a plain count, and the words by which a response restates it:
     * a share ("each", "per", 每), a difference ("difference", 相差, 温差), a maximum or a minimum.
     * Question and response pattern.
     */
    private static final String[][] TARGET_SOURCES = {
        {"\\b(?:each|per|apiece)\\b|每|人均", "\\b(?:each|per|apiece)\\b|每|人均"},
        {"\\b(?:difference|differ)\\b|相差|差多少|差距|差值|差几", "\\bdifference\\b|相差|差(?:距|值|是|为)?"},
        {
            "\\b(?:maximum|max|at most|highest|largest)\\b|最多|最大|上限",
            "\\b(?:maximum|max|at most|highest|largest)\\b|最多|最大|上限"
        },
        {
            "\\b(?:minimum|min|at least|lowest|smallest)\\b|最少|最小|下限",
            "\\b(?:minimum|min|at least|lowest|smallest)\\b|最少|最小|下限"
        }
    };

    /** {@link #UNIT_KIND_SOURCES} compiled once: scoring runs per answer, compiling is not free. */
    private static final Pattern[][][] UNIT_KINDS = compile(UNIT_KIND_SOURCES);

    private static final Pattern[][] TARGETS = compile(TARGET_SOURCES);

    private static Pattern[][][] compile(String[][][] sources) {
        Pattern[][][] out = new Pattern[sources.length][][];
        for (int i = 0; i < sources.length; i++) {
            out[i] = compile(sources[i]);
        }
        return out;
    }

    private static Pattern[][] compile(String[][] sources) {
        Pattern[][] out = new Pattern[sources.length][];
        for (int i = 0; i < sources.length; i++) {
            out[i] = new Pattern[sources[i].length];
            for (int j = 0; j < sources[i].length; j++) {
                out[i][j] = Pattern.compile(sources[i][j]);
            }
        }
        return out;
    }

    /**
     * When the question asks for a share, a difference, a maximum or a minimum, the number that the
     * response gives right after restating it ("Each friend owes $28", "温差是八度", "a maximum of 4,000
     * mg"), provided one value is given that way and it is not the question's own.
     */
    private static Choice byRestatedTarget(
            String f, List<NumberMention> ms, String q, Set<Double> questionValues) {
        if (q.isEmpty()) {
            return null;
        }
        Choice found = null;
        for (Pattern[] t : TARGETS) {
            if (!t[0].matcher(q).find()) {
                continue;
            }
            Matcher rm = t[1].matcher(f);
            NumberMention pick = null;
            String word = null;
            while (rm.find()) {
                NumberMention after = firstFrom(ms, rm.end(), clauseEnd(f, rm.end(), f.length()));
                if (after == null
                        || after.hedged()
                        || questionValues.contains(after.value())
                        || !TARGET_GAP.matcher(f).region(rm.end(), after.start()).matches()) {
                    continue;
                }
                if (pick != null && pick.value() != after.value()) {
                    return null; // several values: no restated answer
                }
                pick = pick == null ? after : pick;
                word = rm.group();
            }
            if (pick != null) {
                if (found != null && found.mention().value() != pick.value()) {
                    return null;
                }
                found =
                        found == null
                                ? new Choice(pick, "restates the question's '" + word + "'")
                                : found;
            }
        }
        return found;
    }

    /** Between a restated target word and its number: a few words, no sentence or clause break. */
    private static final Pattern TARGET_GAP = Pattern.compile("[^.;!?。；！？\\n\\d]{0,24}");

    // ---- rule 1 -------------------------------------------------------------------------------

    private static Choice byAnswerMarker(String f, List<NumberMention> ms, List<int[]> sentences) {
        List<int[]> markers = findMarkers(f, ANSWER_KEYWORDS, ANSWER_MARKER, 0, f.length());
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
        List<int[]> conclusions = findMarkers(f, CONCLUSION_KEYWORDS, CONCLUSION, 0, f.length());
        if (conclusions.isEmpty()) {
            return null;
        }
        for (int k = sentences.size() - 1; k >= 0; k--) {
            int s = sentences.get(k)[0];
            int e = sentences.get(k)[1];
            List<NumberMention> in = between(ms, s, e);
            if (in.isEmpty()) {
                continue;
            }
            List<int[]> markers = inRange(conclusions, s, e);
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
            // "I count twelve cars in total: seven in the front row and five in the back row":
            // the number right before a conclusion word that opens a breakdown is the answer.
            for (int j = markers.size() - 1; j >= 0; j--) {
                NumberMention before = beforeBreakdown(f, in, markers.get(j));
                if (before != null) {
                    int[] mk = markers.get(j);
                    return new Choice(
                            before,
                            "conclusion '" + label(f, mk[0], mk[1]) + "', before its breakdown");
                }
            }
            Matcher vm = VERB.matcher(f).useTransparentBounds(true).useAnchoringBounds(false);
            for (int j = markers.size() - 1; j >= -1; j--) {
                if (j == -1) {
                    // no verb after a conclusion word: the last number after one, the last first,
                    // in its clause ("5块总共一百千卡", "so five apples in total"), then a verb
                    // anywhere in the sentence ("There are 7 fruits in total, 3 apples and 4
                    // pears.")
                    for (int m = markers.size() - 1; m >= 0; m--) {
                        int[] mk = markers.get(m);
                        NumberMention after = lastFrom(in, mk[1], clauseEnd(f, mk[1], e));
                        if (after != null) {
                            return new Choice(
                                    after, "conclusion '" + label(f, mk[0], mk[1]) + "', after it");
                        }
                    }
                }
                vm.region(j >= 0 ? markers.get(j)[0] : s, e);
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

    private static final Pattern BREAKDOWN_GAP = Pattern.compile("[^,;:.!?，；：。！？\\n\\d]{0,30}");

    /**
     * The number just before a conclusion word ("in total", "altogether", 总共, 一共) that a colon
     * follows — the total, before its parts — or null.
     */
    private static NumberMention beforeBreakdown(String f, List<NumberMention> in, int[] mk) {
        char c = f.charAt(mk[0]);
        if (c == '=' || c == '≈') {
            return null;
        }
        int k = mk[1];
        while (k < f.length() && (f.charAt(k) == ' ' || f.charAt(k) == '*')) {
            k++;
        }
        if (k >= f.length() || (f.charAt(k) != ':' && f.charAt(k) != '：')) {
            return null;
        }
        NumberMention last = null;
        for (NumberMention m : in) {
            if (m.end() <= mk[0]) {
                last = m;
            }
        }
        if (last == null
                || !BREAKDOWN_GAP.matcher(f).region(last.end(), mk[0]).matches()
                || f.substring(last.end(), mk[0]).strip().split(" +").length > 4) {
            return null;
        }
        return last;
    }

    // ---- rule 3 -------------------------------------------------------------------------------

    private static Choice byBold(String f, List<NumberMention> ms, Set<Double> questionValues) {
        if (f.indexOf("**") < 0) {
            return null;
        }
        NumberMention lastStrong = null;
        NumberMention lastAny = null;
        for (int[] span : boldSpans(f)) {
            List<NumberMention> in = between(ms, span[0], span[1]);
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
            String f,
            List<NumberMention> ms,
            List<int[]> sentences,
            Set<Double> questionValues,
            String question) {
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
        if (!hasArithmetic(f)) {
            for (int[] s : sentences) {
                List<NumberMention> in = between(cands, s[0], s[1]);
                if (!in.isEmpty()) {
                    if (in.size() == 1) {
                        return new Choice(in.get(0), "first sentence" + note);
                    }
                    if (cands.get(cands.size() - 1).end() <= s[1]) {
                        Choice c = byQuestionTerms(f, s[0], s[1], in, ms, question);
                        if (c == null && isBreakdown(f, in, s[1])) {
                            c = new Choice(in.get(0), "answer, then its breakdown");
                        }
                        if (c != null) {
                            return new Choice(c.mention(), c.rule() + note);
                        }
                    }
                    break;
                }
            }
        }
        return new Choice(cands.get(cands.size() - 1), "last number" + note);
    }

    /**
     * Within one sentence of several numbers, the number whose clause alone shares words with the
     * question ("What share is blue?" — "blue is 35%, red 40% and green 25%"), or null.
     */
    private static Choice byQuestionTerms(
            String f,
            int from,
            int to,
            List<NumberMention> in,
            List<NumberMention> all,
            String question) {
        if (question == null || question.isBlank()) {
            return null;
        }
        Set<String> asked = terms(NumberScanner.fold(question), 0, question.length());
        if (asked.isEmpty()) {
            return null;
        }
        List<int[]> seps = new ArrayList<>();
        Matcher sm = CLAUSE_SEPARATOR.matcher(f).region(from, to);
        while (sm.find()) {
            seps.add(new int[] {sm.start(), sm.end()});
        }
        int n = in.size();
        List<Set<String>> clauseTerms = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NumberMention m = in.get(i);
            int cs = from;
            int ce = to;
            for (int[] sep : seps) {
                if (sep[1] <= m.start()) {
                    cs = sep[1];
                } else if (sep[0] >= m.end()) {
                    ce = sep[0];
                    break;
                }
            }
            if (between(all, cs, ce).size() != 1) {
                return null; // clauses are not parallel ("5 pieces with 20 kcal each")
            }
            Set<String> t = terms(f, cs, ce);
            t.retainAll(asked);
            clauseTerms.add(t);
        }
        // clauses are parallel: one number each
        int[] score = new int[n];
        int bestScore = 0;
        for (int i = 0; i < n; i++) {
            for (String t : clauseTerms.get(i)) {
                boolean elsewhere = false;
                for (int j = 0; j < n && !elsewhere; j++) {
                    elsewhere = j != i && clauseTerms.get(j).contains(t);
                }
                if (!elsewhere) {
                    score[i]++;
                }
            }
            bestScore = Math.max(bestScore, score[i]);
        }
        if (bestScore == 0) {
            return null;
        }
        List<Integer> best = new ArrayList<>(2);
        for (int i = 0; i < n; i++) {
            if (score[i] == bestScore) {
                best.add(i);
            }
        }
        // a tie between the first clause (the whole: "11 chairs in the room") and one later clause
        // (a part: "4 of them are occupied") goes to the part, which the question narrows down to
        int chosen =
                best.size() == 1
                        ? best.get(0)
                        : best.size() == 2 && best.get(0) == 0 ? best.get(1) : -1;
        return chosen < 0
                ? null
                : new Choice(in.get(chosen), "clause naming the question's subject");
    }

    /** Content words (crudely singular) and Han character pairs of {@code f[from, to)}. */
    private static Set<String> terms(String f, int from, int to) {
        Set<String> out = new HashSet<>();
        int i = from;
        while (i < to) {
            char c = f.charAt(i);
            if (c >= 'a' && c <= 'z') {
                int j = i;
                while (j < to && f.charAt(j) >= 'a' && f.charAt(j) <= 'z') {
                    j++;
                }
                String w = f.substring(i, j);
                if (w.length() > 2 && !STOPWORDS.contains(w)) {
                    out.add(w.endsWith("s") && w.length() > 3 ? w.substring(0, w.length() - 1) : w);
                }
                i = j;
            } else if (isHan(c)) {
                if (i + 1 < to && isHan(f.charAt(i + 1))) {
                    out.add(f.substring(i, i + 2));
                }
                i++;
            } else {
                i++;
            }
        }
        return out;
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /**
     * Whether the numbers after the first one break it down: a colon, a bracket or a word like
     * "including", "of whom", "while", 其中, 分别 between the first two; "more" or "of whom" right
     * after the second ("and 2 more", "2 of whom"); "the other", "the rest", 另一, 其余 after the
     * second (一匹是白马，另一匹是棕马); or the rest, noun phrases without a verb of their own, adding up to
     * the first (3 + 2 = 5) or, two of them, multiplying to it ("3 rows of 4"). No part may exceed
     * the first number ("5 pieces: 100 kcal" is no breakdown).
     */
    private static boolean isBreakdown(String f, List<NumberMention> in, int sentenceEnd) {
        NumberMention first = in.get(0);
        NumberMention second = in.get(1);
        for (int i = 1; i < in.size(); i++) {
            if (in.get(i).value() > first.value() || in.get(i).value() <= 0) {
                return false; // a part is not larger than the whole
            }
        }
        if (BREAKDOWN_MARKER.matcher(f).region(first.end(), second.start()).find()) {
            return true;
        }
        if (MORE_AFTER.matcher(f).region(second.end(), f.length()).lookingAt()
                || OTHER_PART.matcher(f).region(second.end(), sentenceEnd).find()) {
            return true;
        }
        if (in.size() < 3 || VERB.matcher(f).region(first.end(), sentenceEnd).find()) {
            return false; // "12 seats, 3 are taken, and 9 are free" is a chain of statements
        }
        double sum = 0;
        for (int i = 1; i < in.size(); i++) {
            sum += in.get(i).value();
        }
        double v = first.value();
        return Math.abs(sum - v) < 1e-9 * Math.max(1, Math.abs(v))
                || (in.size() == 3
                        && Math.abs(in.get(1).value() * in.get(2).value() - v)
                                < 1e-9 * Math.max(1, Math.abs(v)));
    }

    private static final Pattern CLAUSE_SEPARATOR =
            Pattern.compile(
                    "[,，;；:：、()（）]|\\b(?:and|while|whereas|but|including|of whom|of which)\\b"
                            + "|和|而|其中|分别|另");

    private static final Pattern BREAKDOWN_MARKER =
            Pattern.compile(
                    "[:：(（]|\\b(?:including|includes?|of (?:whom|which|them)|among them|while"
                            + "|whereas|namely|consisting of|made up of|plus)\\b"
                            + "|其中|分别|包括|包含|另外|另一|另有|还有|还");

    private static final Pattern MORE_AFTER =
            Pattern.compile("\\s*(?:more|others?|extra|of (?:whom|which|them))\\b");

    /** The remaining part of a whole: "the other", "the rest", 另一, 其余. */
    private static final Pattern OTHER_PART =
            Pattern.compile(
                    "\\b(?:the other|the others|the rest|the remaining|another)\\b"
                            + "|另一|另外|其余|其他|其它|剩下的|剩余的");

    private static final Set<String> STOPWORDS =
            Set.of(
                    "the", "are", "is", "was", "were", "there", "how", "many", "much", "what",
                    "which", "who", "does", "did", "this", "that", "these", "those", "and", "with",
                    "from", "its", "show", "shown", "shows", "see", "can", "you", "number", "count",
                    "total", "image", "picture", "photo", "for", "have", "has", "any", "all", "in");

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
                enumerator = isLabelled(f, m.start());
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

    /** "Step 2", "fig. 3", "步骤2", "图1". */
    private static boolean isLabelled(String f, int start) {
        int j = start - 1;
        while (j >= 0 && (f.charAt(j) == ' ' || f.charAt(j) == '.')) {
            j--;
        }
        if (j < 0) {
            return false;
        }
        char c = f.charAt(j);
        if (c == '图' || (c == '骤' && j > 0 && f.charAt(j - 1) == '步')) {
            return true;
        }
        int end = j + 1;
        while (j >= 0 && f.charAt(j) >= 'a' && f.charAt(j) <= 'z') {
            j--;
        }
        int len = end - j - 1;
        return len >= 3 && len <= 8 && LABELS.contains(f.substring(j + 1, end));
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

    /**
     * Matches of {@code validator} that start where one of the literal {@code keywords} occurs,
     * sorted by start; of overlapping matches the first and longest ("in total", not also "total").
     * Searching with indexOf and matching anchored is much faster than running the alternation over
     * every char.
     */
    private static List<int[]> findMarkers(
            String f, String[] keywords, Pattern validator, int from, int to) {
        List<int[]> out = new ArrayList<>();
        Matcher m = null;
        for (String k : keywords) {
            boolean word = k.charAt(0) >= 'a' && k.charAt(0) <= 'z';
            int p = f.indexOf(k, from);
            while (p >= 0 && p < to) {
                if (word && p > 0 && Character.isLetter(f.charAt(p - 1))) {
                    p = f.indexOf(k, p + 1);
                    continue;
                }
                if (m == null) {
                    m = validator.matcher(f).useTransparentBounds(true).useAnchoringBounds(false);
                }
                m.region(p, to);
                if (m.lookingAt()) {
                    out.add(new int[] {p, m.end()});
                }
                p = f.indexOf(k, p + 1);
            }
        }
        if (out.size() > 1) {
            out.sort(
                    (x, y) ->
                            x[0] != y[0]
                                    ? Integer.compare(x[0], y[0])
                                    : Integer.compare(y[1], x[1]));
            List<int[]> unique = new ArrayList<>(out.size());
            for (int[] x : out) {
                if (unique.isEmpty() || unique.get(unique.size() - 1)[1] <= x[0]) {
                    unique.add(x);
                }
            }
            return unique;
        }
        return out;
    }

    private static List<int[]> inRange(List<int[]> spans, int from, int to) {
        List<int[]> out = new ArrayList<>(2);
        for (int[] x : spans) {
            if (x[0] >= from && x[1] <= to) {
                out.add(x);
            }
        }
        return out;
    }

    /** Contents of {@code **bold**} spans of 1 to 40 chars without '*' or a line break. */
    private static List<int[]> boldSpans(String f) {
        List<int[]> out = new ArrayList<>();
        int i = f.indexOf("**");
        while (i >= 0) {
            int j = f.indexOf("**", i + 2);
            if (j < 0) {
                break;
            }
            int len = j - i - 2;
            boolean clean = len >= 1 && len <= 40;
            for (int k = i + 2; clean && k < j; k++) {
                char c = f.charAt(k);
                clean = c != '*' && c != '\n';
            }
            if (clean) {
                out.add(new int[] {i + 2, j});
                i = f.indexOf("**", j + 2);
            } else {
                i = j;
            }
        }
        return out;
    }

    /** Whether the response computes: + × ÷ =, "3 x 4", "3 * 4", times, plus, sum, 乘, 加上, ... */
    static boolean hasArithmetic(String f) {
        for (String sign : ARITHMETIC_SIGNS) {
            if (f.indexOf(sign) >= 0) {
                return true;
            }
        }
        for (char op : new char[] {'x', '*', '/'}) {
            int p = f.indexOf(op);
            while (p >= 0) {
                int a = p - 1;
                while (a >= 0 && f.charAt(a) == ' ') {
                    a--;
                }
                int b = p + 1;
                while (b < f.length() && f.charAt(b) == ' ') {
                    b++;
                }
                if (a >= 0
                        && b < f.length()
                        && Character.isDigit(f.charAt(a))
                        && Character.isDigit(f.charAt(b))) {
                    return true;
                }
                p = f.indexOf(op, p + 1);
            }
        }
        return !findMarkers(f, ARITHMETIC_WORD_KEYWORDS, ARITHMETIC_WORD, 0, f.length()).isEmpty();
    }

    private static int clauseEnd(String f, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = f.charAt(i);
            if (c == ',' || c == '，' || c == ':' || c == '、') {
                return i;
            }
        }
        return to;
    }

    private static NumberMention firstFrom(List<NumberMention> ms, int from, int to) {
        for (NumberMention m : ms) {
            if (m.start() >= from && m.start() < to) {
                return m;
            }
        }
        return null;
    }

    private static NumberMention lastFrom(List<NumberMention> ms, int from, int to) {
        NumberMention last = null;
        for (NumberMention m : ms) {
            if (m.start() >= from && m.start() < to) {
                last = m;
            }
        }
        return last;
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
