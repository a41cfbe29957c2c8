package org.vlmeval.endpoints.config;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One model endpoint, validated. Serializable because Flink ships it to its operators; the API key
 * itself is not here, only the name of the environment variable holding it ({@code apiKeyEnv}).
 *
 * <p>Optional values are null when absent: {@code apiKeyEnv}, {@code requestsPerMinute}, {@code
 * tokensPerMinute}, {@code systemPrompt}, {@code maxImagePixels} and both prices.
 */
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
    public static final int DEFAULT_MAX_TOKENS = 512;
    public static final long DEFAULT_MAX_IMAGE_BYTES = 20L * 1024 * 1024;

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public EndpointConfig {
        String where = "endpoint '" + name + "'";
        if (name == null || name.isBlank()) {
            throw new EndpointConfigException("endpoint field 'name': missing");
        }
        require(protocol != null, where, "protocol", "missing (openai, ollama or recorded)");
        if (protocol == Protocol.RECORDED) {
            require(
                    recordings != null && !recordings.isBlank(),
                    where,
                    "recordings",
                    "missing: a recorded endpoint answers from a recordings file");
            baseUrl =
                    baseUrl == null || baseUrl.isBlank() ? null : normalizeBaseUrl(where, baseUrl);
        } else {
            require(
                    recordings == null,
                    where,
                    "recordings",
                    "only protocol 'recorded' reads recordings");
            baseUrl = normalizeBaseUrl(where, baseUrl);
        }
        require(model != null && !model.isBlank(), where, "model", "missing");
        // The value is deliberately not echoed: a key pasted here by mistake must not be printed.
        require(
                apiKeyEnv == null || ENV_NAME.matcher(apiKeyEnv).matches(),
                where,
                "api_key_env",
                "must be the name of an environment variable (letters, digits, _), not the key"
                        + " itself");
        family = family == null ? ModelFamily.GENERIC : family;
        require(maxConcurrency > 0, where, "max_concurrency", "must be > 0, was " + maxConcurrency);
        requirePositive(where, "timeout", timeout);
        require(maxRetries >= 0, where, "max_retries", "must be >= 0, was " + maxRetries);
        requirePositive(where, "retry_base_delay", retryBaseDelay);
        requirePositive(where, "retry_max_delay", retryMaxDelay);
        require(
                retryMaxDelay.compareTo(retryBaseDelay) >= 0,
                where,
                "retry_max_delay",
                "must be >= retry_base_delay (" + Durations.format(retryBaseDelay) + ")");
        require(
                circuitFailureThreshold > 0,
                where,
                "circuit_failure_threshold",
                "must be > 0, was " + circuitFailureThreshold);
        requirePositive(where, "circuit_cool_down", circuitCoolDown);
        require(
                requestsPerMinute == null || requestsPerMinute > 0,
                where,
                "requests_per_minute",
                "must be > 0, was " + requestsPerMinute);
        require(
                tokensPerMinute == null || tokensPerMinute > 0,
                where,
                "tokens_per_minute",
                "must be > 0, was " + tokensPerMinute);
        require(
                temperature >= 0 && temperature <= 2,
                where,
                "temperature",
                "must be between 0 and 2, was " + temperature);
        require(maxTokens > 0, where, "max_tokens", "must be > 0, was " + maxTokens);
        imageMode = imageMode == null ? ImageMode.INLINE : imageMode;
        require(
                !(protocol == Protocol.OLLAMA && imageMode == ImageMode.URL),
                where,
                "image_mode",
                "ollama cannot fetch image URLs; use inline");
        require(maxImageBytes > 0, where, "max_image_bytes", "must be > 0, was " + maxImageBytes);
        require(
                maxImagePixels == null || maxImagePixels > 0,
                where,
                "max_image_pixels",
                "must be > 0, was " + maxImagePixels);
        requireNonNegative(where, "price_per_million_input_tokens", pricePerMillionInputTokens);
        requireNonNegative(where, "price_per_million_output_tokens", pricePerMillionOutputTokens);
    }

    public static Builder builder(String name, Protocol protocol, String baseUrl, String model) {
        return new Builder(name, protocol, baseUrl, model);
    }

    /** The URL the client POSTs to, from the protocol and {@code base_url}. */
    /** The chat URL; not defined for {@link Protocol#RECORDED}. */
    public String chatUrl() {
        return baseUrl + (protocol == Protocol.OPENAI ? "/chat/completions" : "/api/chat");
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static String normalizeBaseUrl(String where, String baseUrl) {
        require(baseUrl != null && !baseUrl.isBlank(), where, "base_url", "missing");
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (URISyntaxException e) {
            throw fieldError(where, "base_url", "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        require(
                scheme.equals("http") || scheme.equals("https"),
                where,
                "base_url",
                "must be an http or https URL, was '" + baseUrl + "'");
        require(uri.getHost() != null, where, "base_url", "has no host: '" + baseUrl + "'");
        require(
                uri.getRawQuery() == null && uri.getRawFragment() == null,
                where,
                "base_url",
                "must not have a query or fragment: '" + baseUrl + "'");
        require(
                uri.getRawUserInfo() == null,
                where,
                "base_url",
                "must not contain credentials; use api_key_env");
        String normalized = uri.toString();
        while (normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return normalized;
    }

    private static void requirePositive(String where, String field, Duration value) {
        require(value != null, where, field, "missing");
        require(
                !value.isNegative() && !value.isZero(),
                where,
                field,
                "must be > 0, was " + Durations.format(value));
    }

    private static void requireNonNegative(String where, String field, Double value) {
        require(
                value == null || (value >= 0 && !value.isInfinite()),
                where,
                field,
                "must be >= 0, was " + value);
    }

    private static void require(boolean condition, String where, String field, String reason) {
        if (!condition) {
            throw fieldError(where, field, reason);
        }
    }

    private static EndpointConfigException fieldError(String where, String field, String reason) {
        return new EndpointConfigException(where + " field '" + field + "': " + reason);
    }

    /** Builds an {@link EndpointConfig} with the documented defaults. */
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
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private String systemPrompt;
        private ImageMode imageMode = ImageMode.INLINE;
        private long maxImageBytes = DEFAULT_MAX_IMAGE_BYTES;
        private Long maxImagePixels;
        private Double pricePerMillionInputTokens;
        private Double pricePerMillionOutputTokens;
        private String recordings;

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
