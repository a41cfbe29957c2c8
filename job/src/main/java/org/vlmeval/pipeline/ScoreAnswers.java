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

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Scores each call result against its request's reference and objects, and marks it late when the
 * watermark had already passed its event time (it then misses its windows but is still stored as an
 * answer). Errored calls get no verdict, so they stay out of every rate's denominator.
 */
public final class ScoreAnswers extends ScoringFunction<AnswerRow> {

    private static final long serialVersionUID = 1L;

    @Override
    AnswerRow emitted(AnswerRow row, CallResult r) {
        return row;
    }

    /**
     * Scoring in a job with a labels input: as {@link ScoreAnswers}, each row with its event's own
     * reference and objects for {@link ApplyLabels}.
     */
    public static final class KeepingTruth extends ScoringFunction<ScoredAnswer> {

        private static final long serialVersionUID = 1L;

        @Override
        ScoredAnswer emitted(AnswerRow row, CallResult r) throws InvalidInputException {
            return new ScoredAnswer(row, eventTruth(r.question().requestJson()));
        }
    }

    /**
     * Scoring in a job with grade judges: as {@link ScoreAnswers}, each row a judge may grade with
     * its request (for the image) for the {@code judge-grade-<name>} operators ({@link
     * GradeAnswers}).
     */
    public static final class ForJudging extends ScoringFunction<ToGrade> {

        private static final long serialVersionUID = 1L;

        @Override
        boolean carriesJudgements() {
            return true;
        }

        @Override
        ToGrade emitted(AnswerRow row, CallResult r) {
            return new ToGrade(
                    row,
                    ToGrade.gradable(row) ? r.question().requestJson() : null,
                    null,
                    r.judgements());
        }
    }

    /**
     * Scoring in a job with grade judges and a labels input: as {@link ForJudging}, each row also
     * with its event's truth for {@link ApplyLabels} after grading.
     */
    public static final class ForJudgingKeepingTruth extends ScoringFunction<ToGrade> {

        private static final long serialVersionUID = 1L;

        @Override
        boolean carriesJudgements() {
            return true;
        }

        @Override
        ToGrade emitted(AnswerRow row, CallResult r) throws InvalidInputException {
            String request = r.question().requestJson();
            return new ToGrade(
                    row,
                    ToGrade.gradable(row) ? request : null,
                    eventTruth(request),
                    r.judgements());
        }
    }

    /**
     * The request's {@code reference} and {@code objects} as a JSON object of just those fields
     * (and its {@code objects_vocabulary}), or null when it has neither.
     */
    static String eventTruth(String requestJson) throws InvalidInputException {
        ObjectNode request = JsonCodec.readObject(requestJson);
        ObjectNode truth = JsonCodec.MAPPER.createObjectNode();
        for (String field : new String[] {"reference", "objects"}) {
            if (request.hasNonNull(field)) {
                truth.set(field, request.get(field));
            }
        }
        if (truth.isEmpty()) {
            return null;
        }
        // The vocabulary the event's objects (or a label's) are judged in.
        if (request.hasNonNull("objects_vocabulary")) {
            truth.set("objects_vocabulary", request.get("objects_vocabulary"));
        }
        return truth.toString();
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
        // The event's own objects win; a judge's list stands in only where the event has none.
        List<String> objects = request.objects();
        String objectsSource = objects == null ? null : AnswerRow.TRUTH_REFERENCE;
        if (objects == null && r.judgedObjects() != null) {
            objects = r.judgedObjects();
            objectsSource = AnswerRow.TRUTH_JUDGE_PREFIX + r.objectsJudge();
        }
        Verdict verdict =
                scorer.score(
                        new ScoringInput(
                                q.question(),
                                request.reference(),
                                objects,
                                r.text(),
                                r.finishReason(),
                                request.objectsVocabulary()));
        // Where correct came from; where the objects came from is objectsSource.
        String truth = request.reference() != null ? AnswerRow.TRUTH_REFERENCE : null;
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
                .withSample(q.sample())
                .withSources(truth, objectsSource);
    }
}
