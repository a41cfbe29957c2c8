package org.vlmeval.model;

/** Argument checks shared by the row records; each message names the offending field. */
final class Checks {

    private Checks() {}

    static String nonBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must be non-blank, was " + quote(value));
        }
        return value;
    }

    static <T> T nonNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    static Integer nonNegative(Integer value, String field) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0 or null, was " + value);
        }
        return value;
    }

    static Long nonNegative(Long value, String field) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0 or null, was " + value);
        }
        return value;
    }

    /** A finite value >= 0, or null. */
    static Double nonNegative(Double value, String field) {
        if (value != null && (!Double.isFinite(value) || value < 0)) {
            throw new IllegalArgumentException(
                    field + " must be a finite number >= 0 or null, was " + value);
        }
        return value;
    }

    static double nonNegative(double value, String field) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(
                    field + " must be a finite number >= 0, was " + value);
        }
        return value;
    }

    /** A value in [0, 1], or null. */
    static Double unit(Double value, String field) {
        if (value != null && !(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be in [0, 1] or null, was " + value);
        }
        return value;
    }

    static void atMost(long value, String field, long bound, String boundField) {
        if (value > bound) {
            throw new IllegalArgumentException(
                    field + " (" + value + ") must be <= " + boundField + " (" + bound + ")");
        }
    }

    static void isTrue(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
