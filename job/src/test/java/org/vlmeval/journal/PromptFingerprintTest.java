package org.vlmeval.journal;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.ImageMode;
import org.vlmeval.endpoints.config.ModelFamily;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.images.ImageRef;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PromptFingerprintTest {

    static EndpointConfig.Builder endpoint() {
        return EndpointConfig.builder("ep", Protocol.OPENAI, "http://localhost:1/v1", "qwen2.5-vl");
    }

    static final ImageRef IMAGE = ImageRef.ofUrl("https://example.org/a.png");

    static String base() {
        return PromptFingerprint.of(endpoint().build(), "How many apples?", IMAGE);
    }

    @Test
    void isStableAcrossCallsAndPinnedToItsEncoding() {
        assertThat(base()).isEqualTo(base()).hasSize(64).matches("[0-9a-f]{64}");
        // Pinned: a change of the encoding must bump PromptFingerprint.VERSION, and shows here.
        assertThat(PromptFingerprint.of(endpoint().build(), "q", null))
                .isEqualTo(PromptFingerprint.of(endpoint().build(), "q", null));
        assertThat(base()).isEqualTo(PINNED);
    }

    // The value of base() when this test was written.
    static final String PINNED = "d7ed223cb8e0d7514378a15003fd8eb094ef742a1eda73c7fa757ad07a94df87";

    static String otherEndpointSamePrompt() {
        return PromptFingerprint.of(
                EndpointConfig.builder(
                                "other-name", Protocol.OLLAMA, "http://elsewhere:2", "qwen2.5-vl")
                        .timeout(Duration.ofSeconds(5))
                        .maxRetries(0)
                        .pricePerMillionInputTokens(3.0)
                        .build(),
                "How many apples?",
                IMAGE);
    }

    @Test
    void changesWithEveryInputThatChangesThePrompt() {
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("base", base());
        variants.put(
                "model",
                PromptFingerprint.of(endpoint().model("llava").build(), "How many apples?", IMAGE));
        variants.put(
                "question", PromptFingerprint.of(endpoint().build(), "How many pears?", IMAGE));
        variants.put(
                "image url",
                PromptFingerprint.of(
                        endpoint().build(),
                        "How many apples?",
                        ImageRef.ofUrl("https://example.org/b.png")));
        variants.put(
                "image path",
                PromptFingerprint.of(
                        endpoint().build(),
                        "How many apples?",
                        ImageRef.ofPath("https://example.org/a.png")));
        variants.put(
                "image data",
                PromptFingerprint.of(
                        endpoint().build(),
                        "How many apples?",
                        ImageRef.ofData("iVBORw0K", "image/png")));
        variants.put(
                "image mime",
                PromptFingerprint.of(
                        endpoint().build(),
                        "How many apples?",
                        ImageRef.ofData("iVBORw0K", "image/jpeg")));
        variants.put(
                "no image", PromptFingerprint.of(endpoint().build(), "How many apples?", null));
        variants.put(
                "system prompt",
                PromptFingerprint.of(
                        endpoint().systemPrompt("Answer briefly.").build(),
                        "How many apples?",
                        IMAGE));
        variants.put(
                "empty system prompt",
                PromptFingerprint.of(
                        endpoint().systemPrompt("").build(), "How many apples?", IMAGE));
        variants.put(
                "temperature",
                PromptFingerprint.of(
                        endpoint().temperature(0.7).build(), "How many apples?", IMAGE));
        variants.put(
                "max tokens",
                PromptFingerprint.of(endpoint().maxTokens(64).build(), "How many apples?", IMAGE));
        variants.put(
                "family",
                PromptFingerprint.of(
                        endpoint().family(ModelFamily.LLAMA_3_2_VISION).build(),
                        "How many apples?",
                        IMAGE));
        variants.put(
                "image mode",
                PromptFingerprint.of(
                        endpoint().imageMode(ImageMode.URL).build(), "How many apples?", IMAGE));
        variants.put(
                "max image pixels",
                PromptFingerprint.of(
                        endpoint().maxImagePixels(1_000_000L).build(), "How many apples?", IMAGE));
        // Fields run together would collide without the length prefixes.
        variants.put(
                "shifted text",
                PromptFingerprint.of(
                        endpoint().model("qwen2.5-vlH").build(), "ow many apples?", IMAGE));

        assertThat(new java.util.HashSet<>(variants.values())).hasSize(variants.size());
    }

    @Test
    void ignoresWhatDoesNotChangeThePrompt() {
        assertThat(otherEndpointSamePrompt()).isEqualTo(base()).isEqualTo(PINNED);
    }
}
