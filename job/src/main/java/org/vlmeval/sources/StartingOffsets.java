package org.vlmeval.sources;

import org.vlmeval.options.Check;
import org.vlmeval.options.InvalidOptionException;

import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Where a Kafka source starts: {@code earliest}, {@code latest}, {@code committed} (the group's
 * committed offsets, falling back to earliest for partitions without one) or {@code
 * timestamp:<epoch millis>} (the first record at or after that time).
 */
final class StartingOffsets {

    static final String EARLIEST = "earliest";
    static final String LATEST = "latest";
    static final String COMMITTED = "committed";
    static final String TIMESTAMP_PREFIX = "timestamp:";

    private StartingOffsets() {}

    /** Checks {@code spec}; returns it trimmed. */
    static String validate(String field, String spec) {
        toInitializer(field, spec);
        return spec.trim();
    }

    @SuppressWarnings("deprecation") // the connector's API still takes OffsetResetStrategy
    static OffsetsInitializer toInitializer(String field, String spec) {
        String s = Check.nonBlank(field, spec);
        switch (s) {
            case EARLIEST:
                return OffsetsInitializer.earliest();
            case LATEST:
                return OffsetsInitializer.latest();
            case COMMITTED:
                // Earliest, not latest, for a new group: a first run must not skip what is there.
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            default:
                if (s.startsWith(TIMESTAMP_PREFIX)) {
                    return OffsetsInitializer.timestamp(millis(field, s));
                }
                throw new InvalidOptionException(
                        field,
                        "must be earliest, latest, committed or timestamp:<epoch millis>, was \""
                                + s
                                + "\"");
        }
    }

    private static long millis(String field, String spec) {
        String digits = spec.substring(TIMESTAMP_PREFIX.length()).trim();
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new InvalidOptionException(
                    field, "timestamp must be epoch milliseconds, was \"" + digits + "\"");
        }
        Check.that(value >= 0, field, "timestamp must not be negative, was " + value);
        return value;
    }
}
