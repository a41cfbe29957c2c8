package org.vlmeval.model;

import org.vlmeval.options.Check;
import org.vlmeval.scoring.Verdict;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One model answer (or one failed call) for one request at one endpoint: a row of the {@code
 * answers} table. The natural key is ({@link #run}, {@link #requestId}, {@link #endpoint}, {@link
 * #sample}); writing a row with the same key again replaces the stored one.
 *
 * <p>Two shapes are accepted:
 *
 * <ul>
 *   <li><b>answered</b> ({@code errorKind == null}): {@code responseText}, {@code refusal} and
 *       {@code explanation} are set, {@code errorMessage} is null, {@code attempts >= 1};
 *   <li><b>errored</b> ({@code errorKind != null}, e.g. {@code timeout}, {@code server_error}): the
 *       verdict fields {@code correct}, {@code score}, {@code refusal}, {@code hallucination} are
 *       null and {@code hallucinatedObjects} is empty; {@code responseText}, {@code finishReason}
 *       and {@code explanation} may be null.
 * </ul>
 *
 * @param run the evaluation run (a replay or a live stream)
 * @param requestId the request's id, unique within a run
 * @param endpoint the configured endpoint name (the model column of the metrics)
 * @param model the model id the endpoint serves
 * @param category the request's category, or null
 * @param lang the request's language, or null
 * @param eventTime the request's event time
 * @param question the question put to the model
 * @param responseText the model's answer; null only when errored
 * @param finishReason the server's finish reason ({@code stop}, {@code length}, {@code
 *     content_filter}, ...); null when errored or when the server sent none
 * @param correct see {@link Verdict#correct()}; null when the request had no reference or errored
 * @param score see {@link Verdict#score()}; null together with {@code correct}
 * @param refusal see {@link Verdict#refusal()}; null exactly when errored
 * @param hallucination see {@link Verdict#hallucination()}; null when no objects were given or
 *     errored
 * @param hallucinatedObjects see {@link Verdict#hallucinatedObjects()}; null is taken as empty
 * @param explanation see {@link Verdict#explanation()}; null only when errored
 * @param errorKind the error class of a failed call, null when answered
 * @param errorMessage the error's message, null when answered
 * @param latencyMs the call's wall time in milliseconds, retries included
 * @param inputTokens prompt tokens the server reported, or null
 * @param outputTokens completion tokens the server reported, or null
 * @param cost the call's cost in the configured currency, or null
 * @param attempts HTTP attempts made: at least 1 for an answer, 0 for a failure where nothing was
 *     sent (open circuit, refused image)
 * @param late the request arrived after the watermark had passed its event time
 * @param reused the call's outcome came from the response journal (paid for by an earlier call);
 *     latency, tokens, cost and attempts are the original call's
 * @param sample which of the request's repeated samples at this endpoint this is (0 for the first
 *     or only one; {@code repeats} in endpoints.yaml or in the event); part of the natural key
 * @param reading see {@link Verdict#reading()}; null when errored (or not read)
 * @param truth where {@code correct} came from: {@value #TRUTH_REFERENCE} (the event's own
 *     reference), {@code label:<labeler>} (a late label's reference, see {@code docs/job.md} "Late
 *     labels"), {@code judge:<name>} (a grade judge's verdict), or null (no verdict, or errored).
 *     Rows written before objects judges (V9) also said {@code reference} or {@code label:…} for
 *     rows with objects only.
 * @param objectsSource where the objects list {@code hallucination} was judged against came from:
 *     {@value #TRUTH_REFERENCE} (the event's own {@code objects}), {@code label:<labeler>}, {@code
 *     judge:<name>} (an objects judge listed the image's objects; such verdicts are counted apart,
 *     as {@code judged_hallucinations}), or null when {@code hallucination} is null
 */
public record AnswerRow(
        String run,
        String requestId,
        String endpoint,
        String model,
        String category,
        String lang,
        Instant eventTime,
        String question,
        String responseText,
        String finishReason,
        Boolean correct,
        Double score,
        Boolean refusal,
        Boolean hallucination,
        List<String> hallucinatedObjects,
        String explanation,
        String errorKind,
        String errorMessage,
        long latencyMs,
        Integer inputTokens,
        Integer outputTokens,
        Double cost,
        int attempts,
        boolean late,
        boolean reused,
        int sample,
        String reading,
        String truth,
        String objectsSource)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@link #truth} of a row scored against its event's own reference or objects. */
    public static final String TRUTH_REFERENCE = "reference";

    /** The prefix of {@link #truth} for a row scored against a label's reference or objects. */
    public static final String TRUTH_LABEL_PREFIX = "label:";

    /**
     * The prefix of {@link #truth} for a row whose {@code correct} is a judge's verdict ({@code
     * judge:<name>}); such rows are counted apart from reference-based ones ({@code judged}).
     */
    public static final String TRUTH_JUDGE_PREFIX = "judge:";

    /** A row of the first (or only) sample, without a reading. */
    public AnswerRow(
            String run,
            String requestId,
            String endpoint,
            String model,
            String category,
            String lang,
            Instant eventTime,
            String question,
            String responseText,
            String finishReason,
            Boolean correct,
            Double score,
            Boolean refusal,
            Boolean hallucination,
            List<String> hallucinatedObjects,
            String explanation,
            String errorKind,
            String errorMessage,
            long latencyMs,
            Integer inputTokens,
            Integer outputTokens,
            Double cost,
            int attempts,
            boolean late,
            boolean reused) {
        this(
                run,
                requestId,
                endpoint,
                model,
                category,
                lang,
                eventTime,
                question,
                responseText,
                finishReason,
                correct,
                score,
                refusal,
                hallucination,
                hallucinatedObjects,
                explanation,
                errorKind,
                errorMessage,
                latencyMs,
                inputTokens,
                outputTokens,
                cost,
                attempts,
                late,
                reused,
                0,
                null,
                null,
                null);
    }

    /** A row without {@link #objectsSource}: it is derived from {@code truth} and the verdict. */
    public AnswerRow(
            String run,
            String requestId,
            String endpoint,
            String model,
            String category,
            String lang,
            Instant eventTime,
            String question,
            String responseText,
            String finishReason,
            Boolean correct,
            Double score,
            Boolean refusal,
            Boolean hallucination,
            List<String> hallucinatedObjects,
            String explanation,
            String errorKind,
            String errorMessage,
            long latencyMs,
            Integer inputTokens,
            Integer outputTokens,
            Double cost,
            int attempts,
            boolean late,
            boolean reused,
            int sample,
            String reading,
            String truth) {
        this(
                run,
                requestId,
                endpoint,
                model,
                category,
                lang,
                eventTime,
                question,
                responseText,
                finishReason,
                correct,
                score,
                refusal,
                hallucination,
                hallucinatedObjects,
                explanation,
                errorKind,
                errorMessage,
                latencyMs,
                inputTokens,
                outputTokens,
                cost,
                attempts,
                late,
                reused,
                sample,
                reading,
                truth,
                hallucination == null || truth == null || truth.startsWith(TRUTH_JUDGE_PREFIX)
                        ? null
                        : truth);
    }

    public AnswerRow {
        Check.nonBlank("run", run);
        Check.nonBlank("request_id", requestId);
        Check.nonBlank("endpoint", endpoint);
        Check.nonBlank("model", model);
        Check.required("event_time", eventTime);
        Check.required("question", question);
        hallucinatedObjects =
                hallucinatedObjects == null ? List.of() : List.copyOf(hallucinatedObjects);
        Check.fractionOrNull("score", score);
        Check.that(
                (correct == null) == (score == null),
                "correct",
                () -> "must be null together with score, were " + correct + " and " + score);
        Check.nonNegative("latency_ms", latencyMs);
        Check.nonNegative("input_tokens", inputTokens);
        Check.nonNegative("output_tokens", outputTokens);
        Check.nonNegative("cost", cost);
        Check.atLeast("attempts", attempts, errorKind == null ? 1 : 0);
        Check.atLeast("sample", sample, 0);
        Check.that(
                truth == null
                        || truth.equals(TRUTH_REFERENCE)
                        || prefixed(truth, TRUTH_LABEL_PREFIX)
                        || prefixed(truth, TRUTH_JUDGE_PREFIX),
                "truth",
                () ->
                        "must be null, \"reference\", \"label:<labeler>\" or \"judge:<name>\", was \""
                                + truth
                                + "\"");
        Check.that(
                objectsSource == null
                        || objectsSource.equals(TRUTH_REFERENCE)
                        || prefixed(objectsSource, TRUTH_LABEL_PREFIX)
                        || prefixed(objectsSource, TRUTH_JUDGE_PREFIX),
                "objects_source",
                () ->
                        "must be null, \"reference\", \"label:<labeler>\" or \"judge:<name>\", was \""
                                + objectsSource
                                + "\"");
        Check.that(
                objectsSource == null || hallucination != null,
                "objects_source",
                () -> "must be null when hallucination is null, was \"" + objectsSource + "\"");
        if (errorKind != null) {
            String errored = "must be null when errored (error_kind=" + errorKind + ")";
            Check.nonBlank("error_kind", errorKind);
            Check.that(refusal == null, "refusal", errored);
            Check.that(correct == null, "correct", errored);
            Check.that(hallucination == null, "hallucination", errored);
            Check.that(hallucinatedObjects.isEmpty(), "hallucinated_objects", errored);
        } else {
            Check.required("response_text", responseText);
            Check.required("refusal", refusal);
            Check.required("explanation", explanation);
            Check.that(
                    errorMessage == null,
                    "error_message",
                    () -> "must be null without error_kind, was \"" + errorMessage + "\"");
        }
    }

    /**
     * The row's natural key, for messages: {@code (run=…, request_id=…, endpoint=…)}, with {@code
     * sample=…} for a repeated sample after the first.
     */
    public String naturalKey() {
        return "(run="
                + run
                + ", request_id="
                + requestId
                + ", endpoint="
                + endpoint
                + (sample == 0 ? "" : ", sample=" + sample)
                + ")";
    }

    /**
     * The natural key as a message key: {@code run/request_id/endpoint}, then {@code /sample} for a
     * repeated sample after the first (so keys of runs without repeats are what they always were).
     */
    public String messageKey() {
        return run + "/" + requestId + "/" + endpoint + (sample == 0 ? "" : "/" + sample);
    }

    /** Whether this row counts in the rates: the first sample (the others count in stability). */
    public boolean firstSample() {
        return sample == 0;
    }

    /** This row as sample {@code n} of its request. */
    public AnswerRow withSample(int n) {
        return copy(n, truth, objectsSource);
    }

    /**
     * This answered row scored again: the verdict's fields replace the row's, and {@link #truth} is
     * {@code newTruth}, {@link #objectsSource} {@code newObjectsSource} (null when the verdict has
     * no hallucination); everything the call measured stays.
     */
    public AnswerRow withVerdict(Verdict verdict, String newTruth, String newObjectsSource) {
        Check.required("verdict", verdict);
        Check.that(errorKind == null, "error_kind", "a failed call has no verdict to replace");
        return new AnswerRow(
                run,
                requestId,
                endpoint,
                model,
                category,
                lang,
                eventTime,
                question,
                responseText,
                finishReason,
                verdict.correct(),
                verdict.score(),
                verdict.refusal(),
                verdict.hallucination(),
                verdict.hallucinatedObjects(),
                verdict.explanation(),
                null,
                null,
                latencyMs,
                inputTokens,
                outputTokens,
                cost,
                attempts,
                late,
                reused,
                sample,
                verdict.reading(),
                newTruth,
                verdict.hallucination() == null ? null : newObjectsSource);
    }

    private static boolean prefixed(String value, String prefix) {
        return value.startsWith(prefix) && value.length() > prefix.length();
    }

    /** Whether {@code correct} is a judge's verdict rather than a reference's or a label's. */
    public boolean judged() {
        return truth != null && truth.startsWith(TRUTH_JUDGE_PREFIX);
    }

    /**
     * This answered row graded by judge {@code judge}: {@code correct} the judge's verdict, {@code
     * score} 1 or 0, {@link #truth} {@code judge:<judge>}; everything else unchanged.
     */
    public AnswerRow judgedBy(String judge, boolean verdict) {
        Check.that(errorKind == null, "error_kind", "a failed call has no answer to grade");
        return withVerdict(
                new Verdict(
                        verdict,
                        verdict ? 1.0 : 0.0,
                        refusal,
                        hallucination,
                        hallucinatedObjects,
                        explanation,
                        reading,
                        List.of()),
                TRUTH_JUDGE_PREFIX + judge,
                objectsSource);
    }

    /** This row with {@link #truth} {@code value}. */
    public AnswerRow withTruth(String value) {
        return copy(sample, value, objectsSource);
    }

    /** This row with {@link #truth} {@code value} and {@link #objectsSource} {@code objects}. */
    public AnswerRow withSources(String value, String objects) {
        return copy(sample, value, hallucination == null ? null : objects);
    }

    /** Whether {@code hallucination} was judged against an objects judge's list. */
    public boolean objectsJudged() {
        return objectsSource != null && objectsSource.startsWith(TRUTH_JUDGE_PREFIX);
    }

    private AnswerRow copy(int n, String newTruth, String newObjectsSource) {
        return new AnswerRow(
                run,
                requestId,
                endpoint,
                model,
                category,
                lang,
                eventTime,
                question,
                responseText,
                finishReason,
                correct,
                score,
                refusal,
                hallucination,
                hallucinatedObjects,
                explanation,
                errorKind,
                errorMessage,
                latencyMs,
                inputTokens,
                outputTokens,
                cost,
                attempts,
                late,
                reused,
                n,
                reading,
                newTruth,
                newObjectsSource);
    }

    /**
     * The row of an answered call, with the verdict's fields flattened.
     *
     * <p>The remaining fields are the call's facts; {@code errorKind} and {@code errorMessage} are
     * null.
     */
    public static AnswerRow answered(
            String run,
            String requestId,
            String endpoint,
            String model,
            String category,
            String lang,
            Instant eventTime,
            String question,
            String responseText,
            String finishReason,
            Verdict verdict,
            long latencyMs,
            Integer inputTokens,
            Integer outputTokens,
            Double cost,
            int attempts,
            boolean late,
            boolean reused) {
        Check.required("verdict", verdict);
        return new AnswerRow(
                run,
                requestId,
                endpoint,
                model,
                category,
                lang,
                eventTime,
                question,
                responseText,
                finishReason,
                verdict.correct(),
                verdict.score(),
                verdict.refusal(),
                verdict.hallucination(),
                verdict.hallucinatedObjects(),
                verdict.explanation(),
                null,
                null,
                latencyMs,
                inputTokens,
                outputTokens,
                cost,
                attempts,
                late,
                reused,
                0,
                verdict.reading(),
                null);
    }

    /** The row of a failed call: no response, no verdict. */
    public static AnswerRow errored(
            String run,
            String requestId,
            String endpoint,
            String model,
            String category,
            String lang,
            Instant eventTime,
            String question,
            String errorKind,
            String errorMessage,
            long latencyMs,
            int attempts,
            boolean late,
            boolean reused) {
        Check.required("error_kind", errorKind);
        return new AnswerRow(
                run,
                requestId,
                endpoint,
                model,
                category,
                lang,
                eventTime,
                question,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                errorKind,
                errorMessage,
                latencyMs,
                null,
                null,
                null,
                attempts,
                late,
                reused);
    }
}
