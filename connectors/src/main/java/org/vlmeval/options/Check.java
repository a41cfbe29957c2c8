package org.vlmeval.options;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The one way options and records validate their values: each check takes the field's YAML name
 * first and throws {@link InvalidOptionException} with a message of the form {@code field: must …,
 * was …}. Options classes call these once, in their builders' {@code build()}.
 */
public final class Check {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Check() {}

    public static void that(boolean condition, String field, String problem) {
        if (!condition) {
            throw new InvalidOptionException(field, problem);
        }
    }

    /**
     * {@link #that(boolean, String, String)} with the message built only when the check fails:
     * records validated per answer must not pay for a message they never show.
     */
    public static void that(boolean condition, String field, Supplier<String> problem) {
        if (!condition) {
            throw new InvalidOptionException(field, problem.get());
        }
    }

    public static <T> T required(String field, T value) {
        that(value != null, field, "is required");
        return value;
    }

    /** A string with a non-blank value, returned trimmed. */
    public static String nonBlank(String field, String value) {
        required(field, value);
        that(!value.isBlank(), field, "must not be blank");
        return value.trim();
    }

    /** Null, or a non-blank string (returned trimmed). */
    public static String optionalNonBlank(String field, String value) {
        return value == null ? null : nonBlank(field, value);
    }

    public static long atLeast(String field, long value, long min) {
        if (!(value >= min)) {
            throw new InvalidOptionException(field, "must be >= " + min + ", was " + value);
        }
        return value;
    }

    public static int atLeast(String field, int value, int min) {
        if (!(value >= min)) {
            throw new InvalidOptionException(field, "must be >= " + min + ", was " + value);
        }
        return value;
    }

    /** Null, or a value of at least {@code min}. */
    public static <N extends Number> N atLeastOrNull(String field, N value, long min) {
        if (!(value == null || value.longValue() >= min)) {
            throw new InvalidOptionException(field, "must be >= " + min + ", was " + value);
        }
        return value;
    }

    public static int inRange(String field, int value, int min, int max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidOptionException(
                    field, "must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    public static double inRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidOptionException(
                    field, "must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    /** Null, or a finite number >= 0. */
    public static Double nonNegativeOrNull(String field, Double value) {
        if (!(value == null || (Double.isFinite(value) && value >= 0))) {
            throw new InvalidOptionException(field, "must be a finite number >= 0, was " + value);
        }
        return value;
    }

    /** Null, or a finite number >= 0. */
    public static <N extends Number> N nonNegative(String field, N value) {
        if (!(value == null
                || (Double.isFinite(value.doubleValue()) && value.doubleValue() >= 0))) {
            throw new InvalidOptionException(field, "must be >= 0, was " + value);
        }
        return value;
    }

    /** Null, or a number in [0, 1]: a rate, a score. */
    public static Double fractionOrNull(String field, Double value) {
        if (!(value == null || (value >= 0.0 && value <= 1.0))) {
            throw new InvalidOptionException(field, "must be in [0, 1], was " + value);
        }
        return value;
    }

    /** {@code value <= bound}, where the bound is another field. */
    public static void atMost(String field, long value, String boundField, long bound) {
        if (!(value <= bound)) {
            throw new InvalidOptionException(
                    field, "must be <= " + boundField + " (" + bound + "), was " + value);
        }
    }

    /** A duration of at least one millisecond. */
    public static Duration positive(String field, Duration value) {
        required(field, value);
        if (!(value.toMillis() > 0)) {
            throw new InvalidOptionException(field, "must be > 0, was " + Durations.format(value));
        }
        return value;
    }

    public static Duration nonNegative(String field, Duration value) {
        required(field, value);
        if (value.isNegative()) {
            throw new InvalidOptionException(field, "must not be negative, was " + value);
        }
        return value;
    }

    /**
     * Null, or the name of an environment variable. The value is not echoed: a secret pasted here
     * by mistake must not be printed.
     */
    public static String envNameOrNull(String field, String value) {
        if (!(value == null || ENV_NAME.matcher(value).matches())) {
            throw new InvalidOptionException(
                    field,
                    "must be the name of an environment variable (letters, digits, _), not the value"
                            + " itself");
        }
        return value;
    }
}
