package org.vlmeval.model;

import org.vlmeval.scoring.ScoringInput;

import java.util.Objects;

/**
 * A model's recorded answer to a request (schema: recorded-response.schema.json).
 *
 * @param request the request that was asked
 * @param model the endpoint name that answered
 * @param text the answer text
 * @param finishReason the server's finish reason; may be null
 */
public record RecordedResponse(
        EvalRequest request, String model, String text, String finishReason) {

    public RecordedResponse {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(text, "text");
    }

    /** What the scorer needs of this response and its request. */
    public ScoringInput scoringInput() {
        return new ScoringInput(
                request.question(),
                request.reference(),
                request.objects(),
                text,
                finishReason,
                request.objectsVocabulary());
    }
}
