package org.vlmeval.scoring.numeric;

import org.vlmeval.scoring.text.Continuation;
import org.vlmeval.scoring.text.Latex;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final numeric answer in a response, in English or Chinese.
 *
 * <p>The response is first cut before any conversation turn the model invents after its answer
 * ({@link Continuation}) and its LaTeX read as rendered ({@link Latex#toNumbers}). The rules below
 * are {@link #RULES}, one class each, run in order; docs/scoring.md lists them with their names.
 * The chosen number is finally given in the scale the question asks for ({@link QuestionScale}, "in
 * thousands?" — "2,300 thousand" is 2300).
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
 *   <li><b>Opening answer</b> — a short first line with one number followed by a labelled
 *       explanation ("12\nExplanation: …", "18个\n解释：…"): that number ({@link OpeningAnswerRule}).
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

    /**
     * A question that asks for a year ("In what year…", "which year", 哪一年, 年份): years in the answer
     * are then the answer, not dates to set aside.
     */
    static final Pattern YEAR_QUESTION =
            Pattern.compile(
                    "(?i)\\b(?:what|which)\\s+year\\b|\\byear\\s+(?:was|did|were|is)\\b|哪一年|哪年|何年|年份|什么年");

    private NumberExtractor() {}

    /** The reading rules, strongest first; the first that applies decides. */
    static final List<NamedRule> RULES =
            List.of(
                    new NamedRule("answer marker", new AnswerMarkerRule()),
                    new NamedRule("opening answer", new OpeningAnswerRule()),
                    new NamedRule("restated target", new RestatedTargetRule()),
                    new NamedRule("stated conclusion", new ConclusionRule()),
                    new NamedRule("bold", new BoldRule()),
                    new NamedRule("position", new PositionRule()));

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
        // An invented follow-up question and its answer are not this answer; LaTeX is read as
        // what it renders, so that \frac{3}{4} is 0.75 and \boxed{} still marks the answer.
        response = Latex.toNumbers(Continuation.cut(response));
        response =
                QuestionRatio.asValues(
                        response, question == null ? "" : NumberScanner.fold(question));
        String f = NumberScanner.fold(response);
        boolean asksYear = question != null && YEAR_QUESTION.matcher(question).find();
        List<NumberMention> all =
                SetAsides.withoutNotEvenOne(f, NumberScanner.findAll(response, f, asksYear));
        if (all.isEmpty()) {
            Matcher none = SetAsides.ABSENCE.matcher(f);
            return none.find()
                    ? Optional.of(new ExtractedNumber(0, none.group().strip(), "absence"))
                    : Optional.empty();
        }
        List<NumberMention> mentions = SetAsides.withoutEnumerators(f, all);
        if (mentions.isEmpty()) {
            return Optional.empty();
        }
        mentions = SetAsides.withoutParentheticals(f, mentions);
        String q = question == null ? "" : NumberScanner.fold(question);
        mentions = SetAsides.withoutOtherUnits(f, mentions, q);
        Set<Double> questionValues = questionValues(question);
        List<int[]> sentences = Spans.sentences(f);

        Reading reading =
                new Reading(
                        f,
                        mentions,
                        sentences,
                        question == null ? "" : question,
                        q,
                        questionValues);
        Choice c = null;
        for (int i = 0; i < RULES.size() && c == null; i++) {
            c = RULES.get(i).rule().choose(reading);
        }
        if (c == null || c.mention().hedged()) {
            return Optional.empty();
        }
        c = QuestionScale.inAskedScale(c, q);
        NumberMention m = c.mention();
        return Optional.of(new ExtractedNumber(m.value(), m.surface(), c.rule()));
    }

    static Set<Double> questionValues(String question) {
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
}
