package org.vlmeval.pipeline;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.CallResult;
import org.vlmeval.model.InvalidInputException;
import org.vlmeval.model.JudgementRow;
import org.vlmeval.scoring.Scorer;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The scoring step ({@link ScoreAnswers#toRow}, counted in the local progress) and what it emits of
 * each scored row: the row itself ({@link ScoreAnswers}), or the row with its event's truth ({@link
 * ScoreAnswers.KeepingTruth}).
 */
abstract class ScoringFunction<T> extends ProcessFunction<CallResult, T> {

    private static final long serialVersionUID = 1L;

    private transient Scorer scorer;

    @Override
    public void open(OpenContext openContext) {
        scorer = Scorer.standard();
    }

    @Override
    public void processElement(CallResult r, Context ctx, Collector<T> out)
            throws InvalidInputException {
        AnswerRow row = ScoreAnswers.toRow(scorer, r);
        (row.errorKind() == null ? LocalProgress.ANSWERS : LocalProgress.ERRORS).increment();
        out.collect(emitted(row, r));
        if (!carriesJudgements()) {
            for (JudgementRow j : r.judgements()) {
                ctx.output(JudgementRows.JUDGEMENTS, j);
            }
        }
    }

    /**
     * Whether the emitted records carry the objects judges' {@link CallResult#judgements()} on (to
     * the grade judges, whose last step emits them); otherwise they leave here as {@link
     * JudgementRows#JUDGEMENTS}.
     */
    boolean carriesJudgements() {
        return false;
    }

    /** What is emitted for the scored {@code row} of {@code r}. */
    abstract T emitted(AnswerRow row, CallResult r) throws InvalidInputException;
}
