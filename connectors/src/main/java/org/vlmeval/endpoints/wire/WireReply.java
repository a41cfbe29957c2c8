package org.vlmeval.endpoints.wire;

/**
 * The parts of a server's reply the evaluator keeps.
 *
 * @param finishReason null when the server gave none
 * @param inputTokens null when the server reported no usage
 * @param outputTokens null when the server reported no usage
 */
public record WireReply(
        String text, String finishReason, Integer inputTokens, Integer outputTokens) {}
