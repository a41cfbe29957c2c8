package org.vlmeval.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON Schemas of vlm-eval's messages, loaded from the classpath ({@code
 * org/vlmeval/schema/*.schema.json}) and never fetched from the network. Thread-safe.
 */
public final class Schemas {

    static final String BASE = "https://schemas.vlmeval.org/";
    private static final List<String> FILES =
            List.of(
                    "eval-request.schema.json",
                    "reference.schema.json",
                    "recorded-response.schema.json",
                    "verdict.schema.json",
                    "label.schema.json");
    private static final int MAX_MESSAGES = 3;

    private final Schema evalRequest;
    private final Schema recordedResponse;
    private final Schema verdict;
    private final Schema label;
    private final boolean typedChecks;

    private Schemas(boolean typedChecks) {
        this.typedChecks = typedChecks;
        Map<String, String> sources = new HashMap<>();
        for (String file : FILES) {
            sources.put(BASE + file, load(file));
        }
        SchemaRegistry registry =
                SchemaRegistry.withDefaultDialect(
                        SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(sources));
        evalRequest = registry.getSchema(SchemaLocation.of(BASE + "eval-request.schema.json"));
        recordedResponse =
                registry.getSchema(SchemaLocation.of(BASE + "recorded-response.schema.json"));
        verdict = registry.getSchema(SchemaLocation.of(BASE + "verdict.schema.json"));
        label = registry.getSchema(SchemaLocation.of(BASE + "label.schema.json"));
    }

    public static Schemas get() {
        return Holder.INSTANCE;
    }

    /**
     * Schemas that always run the schema validator, without the {@link TypedChecks} shortcut (for
     * tests and benchmarks comparing the two).
     */
    static Schemas validatorOnly() {
        return new Schemas(false);
    }

    public void validateEvalRequest(JsonNode node) throws InvalidInputException {
        if (!(typedChecks && TypedChecks.evalRequest(node))) {
            check(evalRequest, node);
        }
    }

    public void validateRecordedResponse(JsonNode node) throws InvalidInputException {
        if (!(typedChecks && TypedChecks.recordedResponse(node))) {
            check(recordedResponse, node);
        }
    }

    public void validateVerdict(JsonNode node) throws InvalidInputException {
        check(verdict, node);
    }

    public void validateLabel(JsonNode node) throws InvalidInputException {
        check(label, node);
    }

    private static void check(Schema schema, JsonNode node) throws InvalidInputException {
        List<Error> errors = schema.validate(node);
        if (!errors.isEmpty()) {
            String message =
                    errors.stream()
                            .map(Schemas::describe)
                            .distinct()
                            .limit(MAX_MESSAGES)
                            .collect(Collectors.joining("; "));
            throw new InvalidInputException(message);
        }
    }

    /** "reference.type: does not have a value in the enumeration …" instead of JSON pointers. */
    private static String describe(Error e) {
        String location = e.getInstanceLocation().toString();
        String message = e.getMessage();
        if (message.startsWith(location + ": ")) {
            message = message.substring(location.length() + 2);
        } else if (message.startsWith(location + " ")) {
            message = message.substring(location.length() + 1);
        }
        String field = fieldName(location);
        return field.isEmpty() ? message : field + ": " + message;
    }

    /** "/objects/0/name" or "$.objects[0].name" → "objects[0].name"; the root → "". */
    static String fieldName(String location) {
        if (location.startsWith("$")) {
            return location.replaceFirst("^\\$\\.?", "");
        }
        StringBuilder out = new StringBuilder();
        for (String segment : location.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                out.append('[').append(name).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(name);
            }
        }
        return out.toString();
    }

    private static String load(String file) {
        try (InputStream in = Schemas.class.getResourceAsStream("/org/vlmeval/schema/" + file)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Holder {
        static final Schemas INSTANCE = new Schemas(true);
    }
}
