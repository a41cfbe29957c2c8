package org.vlmeval.endpoints.wire;

/**
 * What to send, after the model family's rules were applied.
 *
 * @param systemPrompt null for none
 * @param image null for a text-only question
 * @param imageBeforeText whether the image part precedes the text part
 */
public record ChatPrompt(
        String model,
        String systemPrompt,
        String text,
        PromptImage image,
        boolean imageBeforeText,
        double temperature,
        int maxTokens) {}
