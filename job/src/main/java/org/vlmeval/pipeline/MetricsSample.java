package org.vlmeval.pipeline;

import org.vlmeval.model.AnswerRow;

/**
 * What the window metrics need of one answer — its verdict flags, latency, tokens and cost — and
 * nothing else. Each answer is shuffled to its windows twice (its category and {@code *}); sending
 * this instead of the whole {@link AnswerRow} keeps question, answer and explanation texts, often
 * kilobytes, off that shuffle and out of window state.
 *
 * @param errorKind the error class of a failed call, null when answered
 * @param correct see {@link AnswerRow#correct()}
 * @param score see {@link AnswerRow#score()}
 * @param refusal see {@link AnswerRow#refusal()}
 * @param hallucination see {@link AnswerRow#hallucination()}
 * @param latencyMs the call's wall time
 * @param inputTokens prompt tokens, or null
 * @param outputTokens completion tokens, or null
 * @param cost the call's cost, or null
 * @param late the answer arrived behind the watermark
 * @param repeat a repeated sample (not the first) of its request at its endpoint: counted as a call
 *     (requests, errors, latency, tokens, cost) but not in the answers behind the rates, which are
 *     over first samples (see {@link AnswerRow#firstSample()})
 * @param judgedCorrect a judge's verdict ({@link AnswerRow#judged()}), null when no judge graded
 *     the answer; such an answer has {@code correct} and {@code score} null here, so judge-based
 *     accuracy is never mixed into the reference-based one (windows count it as {@code judged})
 * @param judgedHallucination a hallucination verdict against an objects judge's list ({@link
 *     AnswerRow#objectsJudged()}), null otherwise; such an answer has {@code hallucination} null
 *     here, so windows count it apart ({@code judged_with_objects}, {@code judged_hallucinations})
 * @param sign +1 to add the answer to its windows; -1 to take it back (a late label re-scored the
 *     answer: the windows get its old contribution with -1, then the new one, see {@link
 *     LabelledAnswer})
 */
public record MetricsSample(
        String errorKind,
        Boolean correct,
        Double score,
        Boolean refusal,
        Boolean hallucination,
        long latencyMs,
        Integer inputTokens,
        Integer outputTokens,
        Double cost,
        boolean late,
        boolean repeat,
        Boolean judgedCorrect,
        Boolean judgedHallucination,
        int sign) {

    public MetricsSample {
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("sign must be 1 or -1, was " + sign);
        }
    }

    /** This contribution with the opposite sign: what takes it back out of a window. */
    public MetricsSample negated() {
        return new MetricsSample(
                errorKind,
                correct,
                score,
                refusal,
                hallucination,
                latencyMs,
                inputTokens,
                outputTokens,
                cost,
                late,
                repeat,
                judgedCorrect,
                judgedHallucination,
                -sign);
    }

    public static MetricsSample of(AnswerRow a) {
        boolean judged = a.judged();
        boolean objectsJudged = a.objectsJudged();
        return new MetricsSample(
                a.errorKind(),
                judged ? null : a.correct(),
                judged ? null : a.score(),
                a.refusal(),
                objectsJudged ? null : a.hallucination(),
                a.latencyMs(),
                a.inputTokens(),
                a.outputTokens(),
                a.cost(),
                a.late(),
                !a.firstSample(),
                judged ? a.correct() : null,
                objectsJudged ? a.hallucination() : null,
                1);
    }
}
