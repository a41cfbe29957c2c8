package org.vlmeval.judges;

import org.vlmeval.endpoints.config.ModelFamily;
import org.vlmeval.images.ImageRef;

import java.util.Objects;

/**
 * One answer to grade.
 *
 * @param requestId the request's id (sampling and tracing)
 * @param image the request's image; null for a text-only question
 * @param question the question asked
 * @param answer the answer to grade
 * @param answerEndpoint the endpoint that answered
 * @param answerFamily its model family; null to look it up among the configured endpoints
 */
public record GradeRequest(
        String requestId,
        ImageRef image,
        String question,
        String answer,
        String answerEndpoint,
        ModelFamily answerFamily) {

    public GradeRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(answerEndpoint, "answerEndpoint");
    }
}
