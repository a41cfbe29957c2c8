package org.vlmeval.sources;

/**
 * Option checks shared by the Kafka and file inputs and outputs; every message starts with the
 * field's name, as the job's other options do.
 */
public final class Validation {

    private Validation() {}

    public static String nonBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
        return value.trim();
    }

    public static int positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": must be > 0, was " + value);
        }
        return value;
    }

    /** A comma-separated list of {@code host:port}; blank entries are an error. */
    public static String bootstrapServers(String field, String value) {
        String v = nonBlank(field, value);
        for (String server : v.split(",", -1)) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            if (s.isEmpty() || colon <= 0 || colon == s.length() - 1) {
                throw new IllegalArgumentException(
                        field + ": each server must be host:port, was \"" + s + "\"");
            }
            try {
                int port = Integer.parseInt(s.substring(colon + 1));
                if (port <= 0 || port > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        field + ": each server must be host:port, was \"" + s + "\"");
            }
        }
        return v;
    }
}
