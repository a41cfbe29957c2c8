package org.vlmeval.model;

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
}
