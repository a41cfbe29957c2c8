package org.vlmeval.endpoints;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.wire.ChatPrompt;
import org.vlmeval.endpoints.wire.PromptImage;

/** Applies an endpoint's settings and its model family's rules to a question. */
final class PromptAssembler {

    /**
     * Image cost is unknown before the server counts it; 1024 tokens is about a 800x800 image for
     * Qwen2-VL. Actual usage corrects the pacing afterwards.
     */
    private static final int IMAGE_TOKEN_ESTIMATE = 1024;

    private final EndpointConfig endpoint;

    PromptAssembler(EndpointConfig endpoint) {
        this.endpoint = endpoint;
    }

    /** Whether the system prompt is left out of requests that carry an image. */
    boolean dropsSystemPromptWithImage() {
        return endpoint.systemPrompt() != null && !endpoint.family().acceptsSystemPromptWithImage();
    }

    ChatPrompt assemble(String text, PromptImage image) {
        String system =
                image != null && dropsSystemPromptWithImage() ? null : endpoint.systemPrompt();
        return new ChatPrompt(
                endpoint.model(),
                system,
                text,
                image,
                endpoint.family().imageBeforeText(),
                endpoint.temperature(),
                endpoint.maxTokens());
    }

    /** About four characters per token for the text, plus the image and the answer budget. */
    int estimateTokens(ChatPrompt prompt) {
        int textChars =
                prompt.text().length()
                        + (prompt.systemPrompt() == null ? 0 : prompt.systemPrompt().length());
        return textChars / 4
                + (prompt.image() == null ? 0 : IMAGE_TOKEN_ESTIMATE)
                + prompt.maxTokens();
    }
}
