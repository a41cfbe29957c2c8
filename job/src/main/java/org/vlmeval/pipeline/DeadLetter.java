package org.vlmeval.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * An input event the job could not accept, with enough to find and fix it: why, where it came from,
 * and the start of what it contained.
 *
 * @param reason the class of problem, one of {@link #OVERSIZED}, {@link #UNDECODABLE}, {@link
 *     #INVALID_JSON}, {@link #SCHEMA_VIOLATION}, {@link #EMPTY}
 * @param detail the problem in words, naming the field where there is one
 * @param position where the event was read ({@code topic-partition@offset} or {@code file:line})
 * @param receivedAt when the job read it
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

    /** Enough to recognise the event; a dead-letter topic must not double the input's volume. */
    public static final int MAX_PAYLOAD_CHARS = 2048;

    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(payload, "payload");
    }
}
