package org.vlmeval.config;

import org.vlmeval.options.Durations;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads the fields of one YAML mapping, remembering which were read to reject unknown ones. */
final class YamlReader {

    private final JsonNode node;
    private final String path;
    private final Set<String> read = new TreeSet<>();

    YamlReader(JsonNode node, String path) {
        if (node != null && !node.isObject()) {
            throw new JobConfigException(path + ": must be a mapping");
        }
        this.node = node;
        this.path = path;
    }

    JobConfigException error(String field, String problem) {
        return new JobConfigException(child(field) + ": " + problem);
    }

    /** {@code job.yaml: sinks} at the top, {@code job.yaml: sinks.store} below. */
    private String child(String field) {
        return path.endsWith(":") ? path + " " + field : path + "." + field;
    }

    boolean has(String field) {
        return node != null && node.hasNonNull(field);
    }

    JsonNode raw(String field) {
        read.add(field);
        return node == null ? null : node.get(field);
    }

    YamlReader section(String field) {
        JsonNode v = raw(field);
        return v == null || v.isNull() ? null : new YamlReader(v, child(field));
    }

    String string(String field) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw error(field, "must be a string");
        }
        return v.asText();
    }

    String requiredString(String field) {
        String v = string(field);
        if (v == null || v.isBlank()) {
            throw error(field, "is required");
        }
        return v;
    }

    Integer integer(String field) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw error(field, "must be an integer, was " + v);
        }
        return v.asInt();
    }

    Boolean bool(String field) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw error(field, "must be true or false, was " + v);
        }
        return v.asBoolean();
    }

    Duration duration(String field) {
        String v = string(field);
        if (v == null) {
            return null;
        }
        try {
            return Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
    }

    Map<String, String> stringMap(String field) {
        JsonNode v = raw(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw error(field, "must be a mapping of names to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw error(field + "." + e.getKey(), "must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    String path() {
        return path;
    }

    /** Fails on a field nobody read: a typo must not silently fall back to a default. */
    void rejectUnknown() {
        if (node == null) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!read.contains(name)) {
                throw new JobConfigException(
                        path
                                + "."
                                + name
                                + ": unknown field (known: "
                                + String.join(", ", read)
                                + ")");
            }
        }
    }
}
