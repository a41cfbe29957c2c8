package org.vlmeval.endpoints.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads an endpoints file:
 *
 * <pre>
 * images:                    # optional, shared by all endpoints
 *   root: /data/images       # where `path` images live; without it path images are refused
 *   allow_hosts: [minio]     # image URL hosts allowed although private/loopback
 * endpoints:
 *   - name: llama-11b        # unique
 *     protocol: openai       # openai | ollama
 *     base_url: http://vllm:8000/v1
 *     model: meta-llama/Llama-3.2-11B-Vision-Instruct
 *     family: llama-3.2-vision
 *     ...                    # see docs: every other field has a default
 * </pre>
 *
 * Unknown keys, duplicate keys and invalid values are errors naming the file, endpoint and field.
 */
public final class EndpointsConfigLoader {

    private static final ObjectMapper YAML =
            new ObjectMapper(
                    YAMLFactory.builder()
                            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                            .build());

    private EndpointsConfigLoader() {}

    public static EndpointsConfig load(Path file) {
        String source = file.getFileName().toString();
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EndpointConfigException(source + ": cannot read " + file + ": " + e, e);
        }
        Path parent = file.toAbsolutePath().getParent();
        return parse(yaml, source, parent);
    }

    /**
     * @param source the file name for messages
     */
    public static EndpointsConfig parse(String yaml, String source) {
        return parse(yaml, source, null);
    }

    /**
     * @param source the file name for messages
     * @param baseDir the directory relative {@code recordings} paths resolve against, or null to
     *     keep them as written
     */
    public static EndpointsConfig parse(String yaml, String source, Path baseDir) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new EndpointConfigException(
                    source + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new EndpointConfigException(
                    source + ": expected a mapping with an 'endpoints:' list");
        }
        YamlFields top = new YamlFields(root, source + ":");
        JsonNode list = top.section("endpoints");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw top.error("endpoints", "must be a non-empty list of endpoints");
        }
        ImagesConfig images = images(top.section("images"), source);
        top.rejectUnknownFields();
        List<EndpointConfig> endpoints = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            endpoints.add(endpoint(list.get(i), source, i + 1, baseDir));
        }
        return new EndpointsConfig(source, endpoints, images);
    }

    private static ImagesConfig images(JsonNode section, String source) {
        if (section == null) {
            return ImagesConfig.DEFAULT;
        }
        if (!section.isObject()) {
            throw new EndpointConfigException(source + ": field 'images': must be a mapping");
        }
        YamlFields fields = new YamlFields(section, source + ": images");
        ImagesConfig images =
                new ImagesConfig(fields.optionalString("root"), fields.stringList("allow_hosts"));
        fields.rejectUnknownFields();
        return images;
    }

    private static EndpointConfig endpoint(
            JsonNode node, String source, int position, Path baseDir) {
        if (!node.isObject()) {
            throw new EndpointConfigException(
                    source + ": endpoint #" + position + ": must be a mapping");
        }
        YamlFields anonymous = new YamlFields(node, source + ": endpoint #" + position);
        String name = anonymous.requiredString("name");
        YamlFields f = new YamlFields(node, source + ": endpoint '" + name + "'");
        f.requiredString("name");
        Protocol protocol = enumValue(f, "protocol", Protocol.class);
        String baseUrl =
                protocol == Protocol.RECORDED
                        ? f.optionalString("base_url")
                        : f.requiredString("base_url");
        EndpointConfig.Builder b =
                EndpointConfig.builder(name, protocol, baseUrl, f.requiredString("model"));
        String recordings = f.optionalString("recordings");
        if (recordings != null && baseDir != null) {
            recordings = baseDir.resolve(recordings).normalize().toString();
        }
        b.recordings(recordings);
        b.apiKeyEnv(f.optionalString("api_key_env"));
        b.family(enumValue(f, "family", ModelFamily.class));
        b.imageMode(enumValue(f, "image_mode", ImageMode.class));
        setIfPresent(f.optionalInt("max_concurrency"), b::maxConcurrency);
        setIfPresent(f.optionalDuration("timeout"), b::timeout);
        setIfPresent(f.optionalInt("max_retries"), b::maxRetries);
        setIfPresent(f.optionalDuration("retry_base_delay"), b::retryBaseDelay);
        setIfPresent(f.optionalDuration("retry_max_delay"), b::retryMaxDelay);
        setIfPresent(f.optionalInt("circuit_failure_threshold"), b::circuitFailureThreshold);
        setIfPresent(f.optionalDuration("circuit_cool_down"), b::circuitCoolDown);
        b.requestsPerMinute(f.optionalInt("requests_per_minute"));
        b.tokensPerMinute(f.optionalInt("tokens_per_minute"));
        setIfPresent(f.optionalDouble("temperature"), b::temperature);
        setIfPresent(f.optionalInt("max_tokens"), b::maxTokens);
        b.systemPrompt(f.optionalString("system_prompt"));
        setIfPresent(f.optionalLong("max_image_bytes"), b::maxImageBytes);
        b.maxImagePixels(f.optionalLong("max_image_pixels"));
        b.pricePerMillionInputTokens(f.optionalDouble("price_per_million_input_tokens"));
        b.pricePerMillionOutputTokens(f.optionalDouble("price_per_million_output_tokens"));
        f.rejectUnknownFields();
        try {
            EndpointConfig built = b.build();
            if (built.protocol() == Protocol.RECORDED) {
                // Read it now: a missing or broken recordings file is a configuration error, not a
                // failure of the running job.
                org.vlmeval.endpoints.Recordings.load(Path.of(built.recordings()), name);
            }
            return built;
        } catch (EndpointConfigException e) {
            throw new EndpointConfigException(source + ": " + e.getMessage());
        }
    }

    /** The constant whose YAML name is the field's value; null when the field is absent. */
    private static <E extends Enum<E> & YamlName> E enumValue(
            YamlFields fields, String field, Class<E> type) {
        String text = fields.optionalString(field);
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.yamlName().equals(text)) {
                return constant;
            }
        }
        String allowed =
                Arrays.stream(type.getEnumConstants())
                        .map(YamlName::yamlName)
                        .collect(Collectors.joining(", "));
        throw fields.error(field, "unknown value '" + text + "' (allowed: " + allowed + ")");
    }

    private static <T> void setIfPresent(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
