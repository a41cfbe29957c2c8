package org.vlmeval.endpoints.config;

import org.vlmeval.options.Check;
import org.vlmeval.options.Durations;
import org.vlmeval.options.InvalidOptionException;
import org.vlmeval.options.YamlOptions;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * One model endpoint, validated. Serializable because Flink ships it to its operators; the API key
 * itself is not here, only the name of the environment variable holding it ({@code apiKeyEnv}).
 *
 * <p>Optional values are null when absent: {@code apiKeyEnv}, {@code requestsPerMinute}, {@code
 * tokensPerMinute}, {@code systemPrompt}, {@code maxImagePixels} and both prices.
 */
@JsonDeserialize(builder = EndpointConfig.Builder.class)
public record EndpointConfig(
        String name,
        Protocol protocol,
        String baseUrl,
        String model,
        String apiKeyEnv,
        ModelFamily family,
        int maxConcurrency,
        Duration timeout,
        int maxRetries,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        int circuitFailureThreshold,
        Duration circuitCoolDown,
        Integer requestsPerMinute,
        Integer tokensPerMinute,
        double temperature,
        int repeats,
        int maxTokens,
        String systemPrompt,
        ImageMode imageMode,
        long maxImageBytes,
        Long maxImagePixels,
        Double pricePerMillionInputTokens,
        Double pricePerMillionOutputTokens,
        String recordings)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_MAX_CONCURRENCY = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(500);
    public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(30);
    public static final int DEFAULT_CIRCUIT_FAILURE_THRESHOLD = 5;
    public static final Duration DEFAULT_CIRCUIT_COOL_DOWN = Duration.ofSeconds(30);
    public static final double DEFAULT_TEMPERATURE = 0.0;

    /**
     * The most answers one question may be sampled for: beyond it a "stability" figure costs more
     * than it tells (20 samples already resolve agreement to a few points).
     */
    public static final int MAX_REPEATS = 20;

    public static final int DEFAULT_MAX_TOKENS = 512;
    public static final long DEFAULT_MAX_IMAGE_BYTES = 20L * 1024 * 1024;

    public EndpointConfig {
        Check.nonBlank("name", name);
        Check.required("protocol", protocol);
        if (protocol == Protocol.RECORDED) {
            Check.that(
                    recordings != null && !recordings.isBlank(),
                    "recordings",
                    "is required: a recorded endpoint answers from a recordings file");
            baseUrl = baseUrl == null || baseUrl.isBlank() ? null : normalizeBaseUrl(baseUrl);
        } else {
            Check.that(
                    recordings == null, "recordings", "only protocol 'recorded' reads recordings");
            baseUrl = normalizeBaseUrl(Check.nonBlank("base_url", baseUrl));
        }
        Check.nonBlank("model", model);
        Check.envNameOrNull("api_key_env", apiKeyEnv);
        family = family == null ? ModelFamily.GENERIC : family;
        Check.atLeast("max_concurrency", maxConcurrency, 1);
        Check.positive("timeout", timeout);
        Check.atLeast("max_retries", maxRetries, 0);
        Check.positive("retry_base_delay", retryBaseDelay);
        Check.positive("retry_max_delay", retryMaxDelay);
        Check.that(
                retryMaxDelay.compareTo(retryBaseDelay) >= 0,
                "retry_max_delay",
                "must be >= retry_base_delay (" + Durations.format(retryBaseDelay) + ")");
        Check.atLeast("circuit_failure_threshold", circuitFailureThreshold, 1);
        Check.positive("circuit_cool_down", circuitCoolDown);
        Check.atLeastOrNull("requests_per_minute", requestsPerMinute, 1);
        Check.atLeastOrNull("tokens_per_minute", tokensPerMinute, 1);
        Check.inRange("temperature", temperature, 0, 2);
        Check.inRange("repeats", repeats, 1, MAX_REPEATS);
        Check.atLeast("max_tokens", maxTokens, 1);
        imageMode = imageMode == null ? ImageMode.INLINE : imageMode;
        Check.that(
                !(protocol == Protocol.OLLAMA && imageMode == ImageMode.URL),
                "image_mode",
                "ollama cannot fetch image URLs; use inline");
        Check.atLeast("max_image_bytes", maxImageBytes, 1);
        Check.atLeastOrNull("max_image_pixels", maxImagePixels, 1);
        Check.nonNegativeOrNull("price_per_million_input_tokens", pricePerMillionInputTokens);
        Check.nonNegativeOrNull("price_per_million_output_tokens", pricePerMillionOutputTokens);
    }

    public static Builder builder(String name, Protocol protocol, String baseUrl, String model) {
        return new Builder(name, protocol, baseUrl, model);
    }

    /** The chat URL; not defined for {@link Protocol#RECORDED}. */
    public String chatUrl() {
        return baseUrl + (protocol == Protocol.OPENAI ? "/chat/completions" : "/api/chat");
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static String normalizeBaseUrl(String baseUrl) {
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (URISyntaxException e) {
            throw new InvalidOptionException("base_url", "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Check.that(
                scheme.equals("http") || scheme.equals("https"),
                "base_url",
                "must be an http or https URL, was '" + baseUrl + "'");
        Check.that(uri.getHost() != null, "base_url", "has no host: '" + baseUrl + "'");
        Check.that(
                uri.getRawQuery() == null && uri.getRawFragment() == null,
                "base_url",
                "must not have a query or fragment: '" + baseUrl + "'");
        Check.that(
                uri.getRawUserInfo() == null,
                "base_url",
                "must not contain credentials; use api_key_env");
        String normalized = uri.toString();
        while (normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return normalized;
    }

    /**
     * Builds an {@link EndpointConfig} with the documented defaults; also what an endpoints file's
     * entries bind to (every method is an option of the same snake_case name).
     */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String name;
        private Protocol protocol;
        private String baseUrl;
        private String model;
        private String apiKeyEnv;
        private ModelFamily family = ModelFamily.GENERIC;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration retryBaseDelay = DEFAULT_RETRY_BASE_DELAY;
        private Duration retryMaxDelay = DEFAULT_RETRY_MAX_DELAY;
        private int circuitFailureThreshold = DEFAULT_CIRCUIT_FAILURE_THRESHOLD;
        private Duration circuitCoolDown = DEFAULT_CIRCUIT_COOL_DOWN;
        private Integer requestsPerMinute;
        private Integer tokensPerMinute;
        private double temperature = DEFAULT_TEMPERATURE;
        private int repeats = 1;
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private String systemPrompt;
        private ImageMode imageMode = ImageMode.INLINE;
        private long maxImageBytes = DEFAULT_MAX_IMAGE_BYTES;
        private Long maxImagePixels;
        private Double pricePerMillionInputTokens;
        private Double pricePerMillionOutputTokens;
        private String recordings;

        private Builder() {}

        private Builder(String name, Protocol protocol, String baseUrl, String model) {
            this.name = name;
            this.protocol = protocol;
            this.baseUrl = baseUrl;
            this.model = model;
        }

        private Builder(EndpointConfig c) {
            this(c.name, c.protocol, c.baseUrl, c.model);
            apiKeyEnv = c.apiKeyEnv;
            family = c.family;
            maxConcurrency = c.maxConcurrency;
            timeout = c.timeout;
            maxRetries = c.maxRetries;
            retryBaseDelay = c.retryBaseDelay;
            retryMaxDelay = c.retryMaxDelay;
            circuitFailureThreshold = c.circuitFailureThreshold;
            circuitCoolDown = c.circuitCoolDown;
            requestsPerMinute = c.requestsPerMinute;
            tokensPerMinute = c.tokensPerMinute;
            temperature = c.temperature;
            repeats = c.repeats;
            maxTokens = c.maxTokens;
            systemPrompt = c.systemPrompt;
            imageMode = c.imageMode;
            maxImageBytes = c.maxImageBytes;
            maxImagePixels = c.maxImagePixels;
            pricePerMillionInputTokens = c.pricePerMillionInputTokens;
            pricePerMillionOutputTokens = c.pricePerMillionOutputTokens;
            recordings = c.recordings;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder protocol(Protocol value) {
            protocol = value;
            return this;
        }

        public Builder baseUrl(String value) {
            baseUrl = value;
            return this;
        }

        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder apiKeyEnv(String value) {
            apiKeyEnv = value;
            return this;
        }

        public Builder family(ModelFamily value) {
            family = value;
            return this;
        }

        public Builder maxConcurrency(int value) {
            maxConcurrency = value;
            return this;
        }

        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        public Builder maxRetries(int value) {
            maxRetries = value;
            return this;
        }

        public Builder retryBaseDelay(Duration value) {
            retryBaseDelay = value;
            return this;
        }

        public Builder retryMaxDelay(Duration value) {
            retryMaxDelay = value;
            return this;
        }

        public Builder circuitFailureThreshold(int value) {
            circuitFailureThreshold = value;
            return this;
        }

        public Builder circuitCoolDown(Duration value) {
            circuitCoolDown = value;
            return this;
        }

        public Builder requestsPerMinute(Integer value) {
            requestsPerMinute = value;
            return this;
        }

        public Builder tokensPerMinute(Integer value) {
            tokensPerMinute = value;
            return this;
        }

        public Builder temperature(double value) {
            temperature = value;
            return this;
        }

        /**
         * How many answers to sample for each question (each a call, paid and counted); the
         * answers' agreement is the endpoint's stability.
         */
        public Builder repeats(int value) {
            repeats = value;
            return this;
        }

        public Builder maxTokens(int value) {
            maxTokens = value;
            return this;
        }

        public Builder systemPrompt(String value) {
            systemPrompt = value;
            return this;
        }

        public Builder imageMode(ImageMode value) {
            imageMode = value;
            return this;
        }

        @JsonDeserialize(using = YamlOptions.ByteSizeDeserializer.class)
        public Builder maxImageBytes(long value) {
            maxImageBytes = value;
            return this;
        }

        public Builder maxImagePixels(Long value) {
            maxImagePixels = value;
            return this;
        }

        public Builder pricePerMillionInputTokens(Double value) {
            pricePerMillionInputTokens = value;
            return this;
        }

        /** The recordings file of a {@link Protocol#RECORDED} endpoint. */
        public Builder recordings(String value) {
            recordings = value;
            return this;
        }

        public Builder pricePerMillionOutputTokens(Double value) {
            pricePerMillionOutputTokens = value;
            return this;
        }

        public EndpointConfig build() {
            return new EndpointConfig(
                    name,
                    protocol,
                    baseUrl,
                    model,
                    apiKeyEnv,
                    family,
                    maxConcurrency,
                    timeout,
                    maxRetries,
                    retryBaseDelay,
                    retryMaxDelay,
                    circuitFailureThreshold,
                    circuitCoolDown,
                    requestsPerMinute,
                    tokensPerMinute,
                    temperature,
                    repeats,
                    maxTokens,
                    systemPrompt,
                    imageMode,
                    maxImageBytes,
                    maxImagePixels,
                    pricePerMillionInputTokens,
                    pricePerMillionOutputTokens,
                    recordings);
        }
    }
}
