package org.vlmeval.kafka;

import org.vlmeval.options.Check;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client properties passed through to a consumer or producer (TLS, SASL, tuning), shared by
 * the Kafka source and sinks. Values may be secrets ({@code sasl.jaas.config}): {@link #toString()}
 * lists keys, never values, and no message names a value. In job.yaml a value may be written as
 * {@code ${env:NAME}}; the configuration loader resolves it (see {@code YamlOptions}).
 */
public final class KafkaClientProperties implements Serializable {

    private static final long serialVersionUID = 1L;

    private final TreeMap<String, String> properties;

    /**
     * @param properties the properties; null is none
     * @param reserved keys that first-class options set; giving them here is an error
     */
    public KafkaClientProperties(Map<String, String> properties, Set<String> reserved) {
        this.properties = new TreeMap<>();
        if (properties == null) {
            return;
        }
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String key = e.getKey();
            Check.that(key != null && !key.isBlank(), "properties", "a key must not be blank");
            Check.required("properties." + key, e.getValue());
            Check.that(
                    !reserved.contains(key),
                    "properties." + key,
                    "is set by its own option, not as a property");
            this.properties.put(key, e.getValue());
        }
    }

    /** The properties, key-ordered. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(properties);
    }

    /** A fresh {@link Properties} for a client to take. */
    public Properties toProperties() {
        Properties out = new Properties();
        out.putAll(properties);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaClientProperties p && properties.equals(p.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(properties);
    }

    /** The keys only: values may be secrets. */
    @Override
    public String toString() {
        return properties.keySet().toString();
    }
}
