package org.vlmeval.endpoints.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads typed fields of one YAML mapping and remembers which were read, so that unknown (often
 * misspelt) keys can be reported instead of silently ignored. Every error names the place and the
 * field.
 */
final class YamlFields {

    private final JsonNode node;
    private final String where;
    private final Set<String> read = new HashSet<>();

    /**
     * @param where the place for messages, e.g. {@code endpoints.yaml: endpoint 'qwen'}
     */
    YamlFields(JsonNode node, String where) {
        this.node = node;
        this.where = where;
    }

    String requiredString(String field) {
        String value = optionalString(field);
        if (value == null) {
            throw error(field, "missing");
        }
        return value;
    }

    String optionalString(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw error(field, "must be a string, was " + value);
        }
        return value.asText();
    }

    Integer optionalInt(String field) {
        Long value = optionalLong(field);
        if (value == null) {
            return null;
        }
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw error(field, "out of range, was " + value);
        }
        return value.intValue();
    }

    Long optionalLong(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw error(field, "must be a whole number, was " + value);
        }
        return value.asLong();
    }

    Double optionalDouble(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw error(field, "must be a number, was " + value);
        }
        return value.asDouble();
    }

    Duration optionalDuration(String field) {
        String text = optionalString(field);
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
    }

    List<String> stringList(String field) {
        JsonNode value = value(field);
        List<String> strings = new ArrayList<>();
        if (value == null) {
            return strings;
        }
        if (!value.isArray()) {
            throw error(field, "must be a list of strings");
        }
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw error(field, "must be a list of non-empty strings, has " + item);
            }
            strings.add(item.asText());
        }
        return strings;
    }

    /** The raw value of a nested section; null when absent. */
    JsonNode section(String field) {
        return value(field);
    }

    void rejectUnknownFields() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!read.contains(name)) {
                throw error(name, "unknown field");
            }
        }
    }

    EndpointConfigException error(String field, String reason) {
        return new EndpointConfigException(where + " field '" + field + "': " + reason);
    }

    private JsonNode value(String field) {
        read.add(field);
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }
}
