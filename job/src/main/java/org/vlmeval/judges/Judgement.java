package org.vlmeval.judges;

import org.vlmeval.endpoints.config.JudgeTask;

import java.util.List;
import java.util.Objects;

/**
 * What one judge said about one request, and where it came from. Exactly one of a result ({@code
 * verdict} for {@code grade}, {@code objects} for {@code objects}) and {@code errorKind} is set.
 *
 * @param judge the judge's name
 * @param task what it was asked
 * @param requestId the request judged
 * @param answerEndpoint the endpoint whose answer was graded; null for {@code objects}
 * @param imageKey SHA-256 (hex) of the image bytes for {@code objects}; null for {@code grade}
 * @param verdict the grade; null for {@code objects} and on error
 * @param objects the objects the judge sees; null for {@code grade} and on error
 * @param rationale the judge's reason, empty when it gave none or on error
 * @param promptVersion the prompt used, e.g. {@code grade.v1.en}
 * @param latencyMs the call's latency; 0 when reused from the cache
 * @param inputTokens prompt tokens reported; null when unknown or reused
 * @param outputTokens completion tokens reported; null when unknown or reused
 * @param cost the call's cost from the endpoint's prices; null when unknown, 0 when reused
 * @param reused whether the objects list (or the error) came from another request's call for the
 *     same image: nothing was paid for this one
 * @param errorKind why there is no result; null on success
 * @param callError the endpoint's error kind (timeout, server_error …) when {@code errorKind} is
 *     {@code call_failed}; else null
 * @param errorMessage what went wrong, for people; null on success
 */
public record Judgement(
        String judge,
        JudgeTask task,
        String requestId,
        String answerEndpoint,
        String imageKey,
        JudgeVerdict verdict,
        List<String> objects,
        String rationale,
        String promptVersion,
        long latencyMs,
        Integer inputTokens,
        Integer outputTokens,
        Double cost,
        boolean reused,
        JudgeErrorKind errorKind,
        String callError,
        String errorMessage) {

    public Judgement {
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(promptVersion, "promptVersion");
        objects = objects == null ? null : List.copyOf(objects);
        rationale = rationale == null ? "" : rationale;
        boolean result = verdict != null || objects != null;
        if (result == (errorKind != null)) {
            throw new IllegalArgumentException(
                    "a judgement has a result or an error, not both or neither");
        }
    }

    /**
     * Who and what a judgement is about.
     *
     * @param answerEndpoint null for {@code objects}
     * @param imageKey null for {@code grade}
     */
    public record Subject(
            String judge,
            JudgeTask task,
            String requestId,
            String answerEndpoint,
            String imageKey,
            String promptVersion) {

        Subject forRequest(String otherRequestId) {
            return new Subject(
                    judge, task, otherRequestId, answerEndpoint, imageKey, promptVersion);
        }
    }

    /** What a judgement cost: nothing (all null, latency 0) when no call was made for it. */
    public record Usage(long latencyMs, Integer inputTokens, Integer outputTokens, Double cost) {

        public static final Usage NONE = new Usage(0, null, null, null);
        static final Usage FREE = new Usage(0, null, null, 0.0);
    }

    static Judgement result(
            Subject s,
            JudgeVerdict verdict,
            List<String> objects,
            String rationale,
            Usage u,
            boolean reused) {
        return of(s, verdict, objects, rationale, u, reused, null, null, null);
    }

    static Judgement error(
            Subject s, JudgeErrorKind kind, String callError, String message, Usage u) {
        return of(s, null, null, "", u, false, kind, callError, message);
    }

    private static Judgement of(
            Subject s,
            JudgeVerdict verdict,
            List<String> objects,
            String rationale,
            Usage u,
            boolean reused,
            JudgeErrorKind kind,
            String callError,
            String message) {
        return new Judgement(
                s.judge(),
                s.task(),
                s.requestId(),
                s.answerEndpoint(),
                s.imageKey(),
                verdict,
                objects,
                rationale,
                s.promptVersion(),
                u.latencyMs(),
                u.inputTokens(),
                u.outputTokens(),
                u.cost(),
                reused,
                kind,
                callError,
                message);
    }

    public Subject subject() {
        return new Subject(judge, task, requestId, answerEndpoint, imageKey, promptVersion);
    }

    public boolean ok() {
        return errorKind == null;
    }

    /**
     * This judgement as another request with the same image gets it: a list is reused for free; an
     * error is passed on (the one call failed for both), without its cost.
     */
    Judgement sharedWith(String otherRequestId) {
        Subject s = subject().forRequest(otherRequestId);
        return ok()
                ? result(s, verdict, objects, rationale, Usage.FREE, true)
                : of(s, null, null, "", Usage.NONE, true, errorKind, callError, errorMessage);
    }
}
