package org.vlmeval.endpoints.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an HTTP {@code Retry-After} header: delay seconds or an HTTP date. */
public final class RetryAfter {

    /**
     * Longer waits are cut to this: beyond any call's deadline anyway, and small enough that
     * millisecond arithmetic on it cannot overflow.
     */
    static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {}

    /** The wait the server asked for; null when the header is absent or unreadable. */
    public static Duration parse(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return capped(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return null; // more digits than a long: not a usable delay
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return wait.isNegative() ? Duration.ZERO : capped(wait);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration capped(Duration wait) {
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
