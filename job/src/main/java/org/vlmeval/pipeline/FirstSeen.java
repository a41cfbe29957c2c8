package org.vlmeval.pipeline;

/**
 * What {@link Deduplicate} keeps per key: the first event's content fingerprint and where it was
 * read (for the detail of a conflicting duplicate's dead letter).
 *
 * @param fingerprint {@link Fingerprint} of the first event's content
 * @param position the first event's position ({@code topic-partition@offset} or {@code file:line})
 */
public record FirstSeen(long fingerprint, String position) {}
