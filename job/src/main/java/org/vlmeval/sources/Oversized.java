package org.vlmeval.sources;

import org.vlmeval.model.DeadLetter;

import java.time.Instant;

/**
 * The {@link DeadLetter#OVERSIZED} dead letter a source makes itself, from a prefix of the event
 * and its full size, so an oversized event is never handed to the parser (or, for files, never
 * loaded whole into memory). The wording matches {@link org.vlmeval.sources.EventParser}'s own.
 */
final class Oversized {

    private Oversized() {}

    static SourceEvent deadLetter(
            byte[] prefix,
            int prefixLength,
            long fullSize,
            int limit,
            String position,
            Instant at) {
        return SourceEvent.of(
                new DeadLetter(
                        DeadLetter.OVERSIZED,
                        DeadLetter.oversizedDetail(fullSize, limit),
                        position,
                        at,
                        DeadLetter.preview(prefix, prefixLength),
                        (int) Math.min(Integer.MAX_VALUE, fullSize)));
    }
}
