package org.vlmeval.kafka;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka client properties passed through to a consumer or producer (TLS, SASL, tuning), with {@code
 * ${env:NAME}} placeholders resolved from the environment only when a client is built.
 *
 * <p>Secrets such as {@code sasl.jaas.config} or {@code ssl.keystore.password} can so stay out of
 * configuration files and job graphs: the options hold the placeholder, and the resolved value
 * exists only in the {@link Properties} handed to Kafka. {@link #toString()} lists keys, never
 * values, and error messages name the property and the variable, never a value. (Kafka clients log
 * their configuration at startup with password-type values such as {@code sasl.jaas.config} shown
 * as {@code [hidden]}; a placeholder in a non-password key appears resolved there.)
 *
 * <p>Resolution happens where the client is built (the job's client process); the resolved values
 * then travel inside the serialized source or sink to the cluster.
 */
public final class KafkaClientProperties implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private final String field;
    private final TreeMap<String, String> raw;

    /**
     * @param field the option's name for error messages, e.g. {@code kafka.properties}
     * @param properties the properties as configured, placeholders unresolved
     * @param reserved keys that first-class options set; giving them here is an error
     */
    public KafkaClientProperties(
            String field, Map<String, String> properties, Set<String> reserved) {
        this.field = Objects.requireNonNull(field, "field");
        Objects.requireNonNull(properties, field);
        this.raw = new TreeMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException(field + ": a property key must not be blank");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException(field + "." + key + ": must not be null");
            }
            if (reserved.contains(key)) {
                throw new IllegalArgumentException(
                        field + "." + key + ": is set by its own option, not as a property");
            }
            checkPlaceholders(key, e.getValue());
            raw.put(key, e.getValue());
        }
    }

    /** The properties as configured, placeholders unresolved. */
    public Map<String, String> raw() {
        return Collections.unmodifiableMap(raw);
    }

    /** The properties with every placeholder resolved from {@link System#getenv(String)}. */
    public Properties resolve() {
        return resolve(System::getenv);
    }

    /**
     * The properties with every placeholder resolved through {@code env}; an unset variable is an
     * error naming the property and the variable.
     */
    public Properties resolve(UnaryOperator<String> env) {
        Properties out = new Properties();
        raw.forEach((key, value) -> out.setProperty(key, substitute(key, value, env)));
        return out;
    }

    private String substitute(String key, String value, UnaryOperator<String> env) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String resolved = env.apply(name);
            if (resolved == null) {
                throw new IllegalArgumentException(
                        field
                                + "."
                                + key
                                + ": environment variable "
                                + name
                                + " is not set (referenced as ${env:"
                                + name
                                + "})");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Fails early on a placeholder that can never resolve, such as {@code ${env:}}. */
    private void checkPlaceholders(String key, String value) {
        String rest = PLACEHOLDER.matcher(value).replaceAll("");
        int at = rest.indexOf("${env:");
        if (at >= 0) {
            throw new IllegalArgumentException(
                    field
                            + "."
                            + key
                            + ": malformed placeholder; write ${env:NAME} with NAME of letters,"
                            + " digits and _");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaClientProperties p && field.equals(p.field) && raw.equals(p.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, raw);
    }

    /** The keys only: values may be secrets. */
    @Override
    public String toString() {
        return raw.keySet().toString();
    }
}
