package org.vlmeval.endpoints;

import org.vlmeval.endpoints.config.EndpointConfig;

import java.io.Serializable;

/**
 * What one endpoint answered to one question, or why it could not. Exactly one of {@code text} and
 * {@code error} is non-null.
 *
 * @param endpoint the endpoint's configured name
 * @param text the answer; null on error
 * @param finishReason the server's reason to stop ({@code stop}, {@code length}, {@code
 *     content_filter} ...); null when absent or on error
 * @param latencyMs time from when the call got its concurrency slot to the answer: image loading,
 *     pacing, attempts and retry waits included; queueing for the slot excluded
 * @param inputTokens prompt tokens the server reported; null when it reported none
 * @param outputTokens completion tokens the server reported; null when it reported none
 * @param httpStatus the last HTTP status received; null when no response arrived
 * @param attempts HTTP attempts made; 0 when nothing was sent (circuit open, image refused)
 * @param error why there is no answer; null on success
 */
public record ModelAnswer(
        String endpoint,
        String text,
        String finishReason,
        long latencyMs,
        Integer inputTokens,
        Integer outputTokens,
        Integer httpStatus,
        int attempts,
        AnswerError error)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public static ModelAnswer failure(
            String endpoint, AnswerError error, long latencyMs, Integer httpStatus, int attempts) {
        return new ModelAnswer(
                endpoint, null, null, latencyMs, null, null, httpStatus, attempts, error);
    }

    public boolean ok() {
        return error == null;
    }

    /**
     * The call's price from the endpoint's per-million-token prices; null when a price or a token
     * count is unknown, since a partial sum would understate the cost.
     */
    public Double cost(EndpointConfig endpoint) {
        Double inputPrice = endpoint.pricePerMillionInputTokens();
        Double outputPrice = endpoint.pricePerMillionOutputTokens();
        if (inputPrice == null
                || outputPrice == null
                || inputTokens == null
                || outputTokens == null) {
            return null;
        }
        return (inputTokens * inputPrice + outputTokens * outputPrice) / 1_000_000.0;
    }
}
