package org.vlmeval.model;

import java.util.List;
import java.util.Objects;

/**
 * What one endpoint answered to one question (or why it could not), before scoring. Recorded
 * responses replayed for re-scoring arrive in the same shape with {@code attempts = 1} and the
 * recorded latency and tokens, so scoring and metrics do not care where an answer came from.
 *
 * @param question the question asked
 * @param endpoint the configured endpoint name
 * @param model the model id the endpoint serves
 * @param text the answer; null exactly when {@code errorKind} is set
 * @param finishReason the server's finish reason; null on error or when the server sent none
 * @param errorKind the error class ({@code timeout}, {@code server_error} ...), null when answered
 * @param errorMessage what went wrong, null when answered
 * @param latencyMs the call's wall time, retries included
 * @param inputTokens prompt tokens reported, or null
 * @param outputTokens completion tokens reported, or null
 * @param cost the call's cost from the endpoint's prices, or null when unknown
 * @param attempts HTTP attempts; 0 when nothing was sent (open circuit, refused image)
 * @param reused the outcome was taken from the response journal instead of calling the model (the
 *     latency, tokens, cost and attempts are those of the original call)
 * @param objectsJudge the objects judge whose list {@code judgedObjects} is ({@code
 *     judge-objects-<name>}), or null when no judge listed the image's objects for this answer
 * @param judgedObjects the objects that judge saw in the image; null exactly when {@code
 *     objectsJudge} is null. Used only when the request has no {@code objects} of its own.
 * @param judgements what the objects judges did about this answer (a list, its reuse, an error, a
 *     budget skip), for the {@code judgements} output; empty without objects judges
 */
public record CallResult(
        Question question,
        String endpoint,
        String model,
        String text,
        String finishReason,
        String errorKind,
        String errorMessage,
        long latencyMs,
        Integer inputTokens,
        Integer outputTokens,
        Double cost,
        int attempts,
        boolean reused,
        String objectsJudge,
        List<String> judgedObjects,
        List<JudgementRow> judgements) {

    /** A result without a judge's objects list. */
    public CallResult(
            Question question,
            String endpoint,
            String model,
            String text,
            String finishReason,
            String errorKind,
            String errorMessage,
            long latencyMs,
            Integer inputTokens,
            Integer outputTokens,
            Double cost,
            int attempts,
            boolean reused) {
        this(
                question,
                endpoint,
                model,
                text,
                finishReason,
                errorKind,
                errorMessage,
                latencyMs,
                inputTokens,
                outputTokens,
                cost,
                attempts,
                reused,
                null,
                null,
                List.of());
    }

    /** A result of a call made now (not reused). */
    public CallResult(
            Question question,
            String endpoint,
            String model,
            String text,
            String finishReason,
            String errorKind,
            String errorMessage,
            long latencyMs,
            Integer inputTokens,
            Integer outputTokens,
            Double cost,
            int attempts) {
        this(
                question,
                endpoint,
                model,
                text,
                finishReason,
                errorKind,
                errorMessage,
                latencyMs,
                inputTokens,
                outputTokens,
                cost,
                attempts,
                false);
    }

    public CallResult {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(model, "model");
        if ((text == null) == (errorKind == null)) {
            throw new IllegalArgumentException(
                    "exactly one of text and errorKind must be set, were "
                            + (text == null ? "null" : "text")
                            + " and "
                            + errorKind);
        }
        if ((objectsJudge == null) != (judgedObjects == null)) {
            throw new IllegalArgumentException(
                    "objectsJudge and judgedObjects must be set together, were "
                            + objectsJudge
                            + " and "
                            + judgedObjects);
        }
        judgedObjects = judgedObjects == null ? null : List.copyOf(judgedObjects);
        judgements = judgements == null ? List.of() : List.copyOf(judgements);
    }

    /** This result with its question marked late. */
    public CallResult asLate() {
        return new CallResult(
                question.asLate(),
                endpoint,
                model,
                text,
                finishReason,
                errorKind,
                errorMessage,
                latencyMs,
                inputTokens,
                outputTokens,
                cost,
                attempts,
                reused,
                objectsJudge,
                judgedObjects,
                judgements);
    }

    /**
     * This result with what an objects judge did about it ({@code judgement}), and, when it listed
     * the image's objects, judge {@code judge}'s list.
     */
    public CallResult withJudgement(JudgementRow judgement, String judge, List<String> objects) {
        List<JudgementRow> all = new java.util.ArrayList<>(judgements);
        all.add(Objects.requireNonNull(judgement, "judgement"));
        return objects == null ? with(objectsJudge, judgedObjects, all) : with(judge, objects, all);
    }

    /** This result with the objects judge {@code judge}'s list of the image's objects. */
    public CallResult withJudgedObjects(String judge, List<String> objects) {
        return with(
                Objects.requireNonNull(judge, "judge"),
                Objects.requireNonNull(objects, "objects"),
                judgements);
    }

    private CallResult with(String judge, List<String> objects, List<JudgementRow> rows) {
        return new CallResult(
                question,
                endpoint,
                model,
                text,
                finishReason,
                errorKind,
                errorMessage,
                latencyMs,
                inputTokens,
                outputTokens,
                cost,
                attempts,
                reused,
                judge,
                objects,
                rows);
    }

    public boolean ok() {
        return errorKind == null;
    }
}
