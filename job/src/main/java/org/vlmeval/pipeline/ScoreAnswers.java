package org.vlmeval.pipeline;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.CallResult;
import org.vlmeval.model.EvalRequest;
import org.vlmeval.model.InvalidInputException;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.Question;
import org.vlmeval.scoring.Scorer;
import org.vlmeval.scoring.ScoringInput;
import org.vlmeval.scoring.Verdict;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Scores each call result against its request's reference and objects, and marks it late when the
 * watermark had already passed its event time (it then misses its windows but is still stored as an
 * answer). Errored calls get no verdict, so they stay out of every rate's denominator.
 */
public final class ScoreAnswers extends ProcessFunction<CallResult, AnswerRow> {

    private static final long serialVersionUID = 1L;

    private transient Scorer scorer;

    @Override
    public void open(OpenContext openContext) {
        scorer = Scorer.standard();
    }

    @Override
    public void processElement(CallResult r, Context ctx, Collector<AnswerRow> out)
            throws InvalidInputException {
        AnswerRow row = toRow(scorer, r);
        (row.errorKind() == null ? LocalProgress.ANSWERS : LocalProgress.ERRORS).increment();
        out.collect(row);
    }

    /** The stored form of a call result: verdict fields flattened, or the error. */
    public static AnswerRow toRow(Scorer scorer, CallResult r) throws InvalidInputException {
        Question q = r.question();
        boolean late = q.late();
        if (!r.ok()) {
            return AnswerRow.errored(
                            q.run(),
                            q.requestId(),
                            r.endpoint(),
                            r.model(),
                            q.category(),
                            q.lang(),
                            q.eventTime(),
                            q.question(),
                            r.errorKind(),
                            r.errorMessage(),
                            r.latencyMs(),
                            r.attempts(),
                            late,
                            r.reused())
                    .withSample(q.sample());
        }
        EvalRequest request = JsonCodec.decodeValidatedRequest(q.requestJson());
        Verdict verdict =
                scorer.score(
                        new ScoringInput(
                                q.question(),
                                request.reference(),
                                request.objects(),
                                r.text(),
                                r.finishReason()));
        return AnswerRow.answered(
                        q.run(),
                        q.requestId(),
                        r.endpoint(),
                        r.model(),
                        q.category(),
                        q.lang(),
                        q.eventTime(),
                        q.question(),
                        r.text(),
                        r.finishReason(),
                        verdict,
                        r.latencyMs(),
                        r.inputTokens(),
                        r.outputTokens(),
                        r.cost(),
                        Math.max(1, r.attempts()),
                        late,
                        r.reused())
                .withSample(q.sample());
    }
}
