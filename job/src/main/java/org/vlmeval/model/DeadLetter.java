package org.vlmeval.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * An input event the job could not accept, with enough to find and fix it: why, where it came from,
 * and the start of what it contained.
 *
 * @param reason the class of problem, one of {@link #OVERSIZED}, {@link #UNDECODABLE}, {@link
 *     #INVALID_JSON}, {@link #SCHEMA_VIOLATION}, {@link #EMPTY} (decided by the source), {@link
 *     #CONFLICTING_DUPLICATE}, {@link #UNKNOWN_ENDPOINT} (decided by the pipeline)
 * @param detail the problem in words, naming the field where there is one
 * @param position where the event was read ({@code topic-partition@offset} or {@code file:line})
 * @param receivedAt when the job read it; for the reasons the pipeline decides, which no longer
 *     knows the arrival time, the event's time (its {@code ts}, else its arrival time)
 * @param payload the payload as text (invalid UTF-8 replaced by U+FFFD), cut to {@link
 *     #MAX_PAYLOAD_CHARS} characters
 * @param payloadBytes the payload's full size in bytes
 */
public record DeadLetter(
        String reason,
        String detail,
        String position,
        Instant receivedAt,
        String payload,
        int payloadBytes) {

    public static final String OVERSIZED = "oversized";
    public static final String UNDECODABLE = "undecodable";
    public static final String INVALID_JSON = "invalid_json";
    public static final String SCHEMA_VIOLATION = "schema_violation";
    public static final String EMPTY = "empty";

    /**
     * A second event with the (run, request id) of an earlier one (a recorded answer: and its
     * model) but different content; the first one counts.
     */
    public static final String CONFLICTING_DUPLICATE = "conflicting_duplicate";

    /** A request's {@code models} names an endpoint that is not configured (one per name). */
    public static final String UNKNOWN_ENDPOINT = "unknown_endpoint";

    /** Enough to recognise the event; a dead-letter topic must not double the input's volume. */
    public static final int MAX_PAYLOAD_CHARS = 2048;

    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * A payload as text for people to read: lossy UTF-8 of its first {@code length} bytes, cut to
     * {@link #MAX_PAYLOAD_CHARS} characters without splitting a surrogate pair.
     */
    public static String preview(byte[] payload, int length) {
        int bytes = Math.min(length, MAX_PAYLOAD_CHARS * 4);
        String text = new String(payload, 0, bytes, StandardCharsets.UTF_8);
        if (text.length() > MAX_PAYLOAD_CHARS) {
            int end = MAX_PAYLOAD_CHARS;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text = text.substring(0, end);
        }
        return text;
    }

    /** The detail of an {@link #OVERSIZED} dead letter, the same from every source. */
    public static String oversizedDetail(long size, int limit) {
        return "event of " + size + " bytes exceeds the limit of " + limit;
    }
}
