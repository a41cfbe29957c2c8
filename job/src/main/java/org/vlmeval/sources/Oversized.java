package org.vlmeval.sources;

import org.vlmeval.pipeline.DeadLetter;
import org.vlmeval.pipeline.SourceEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The {@link DeadLetter#OVERSIZED} dead letter a source makes itself, from a prefix of the event
 * and its full size, so an oversized event is never handed to the parser (or, for files, never
 * loaded whole into memory). The wording matches {@link org.vlmeval.pipeline.EventParser}'s own.
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
                        "event of " + fullSize + " bytes exceeds the limit of " + limit,
                        position,
                        at,
                        preview(prefix, prefixLength),
                        (int) Math.min(Integer.MAX_VALUE, fullSize)));
    }

    /** As the parser's preview: lossy UTF-8, at most {@link DeadLetter#MAX_PAYLOAD_CHARS} chars. */
    private static String preview(byte[] prefix, int prefixLength) {
        int bytes = Math.min(prefixLength, DeadLetter.MAX_PAYLOAD_CHARS * 4);
        String text = new String(prefix, 0, bytes, StandardCharsets.UTF_8);
        if (text.length() > DeadLetter.MAX_PAYLOAD_CHARS) {
            int end = DeadLetter.MAX_PAYLOAD_CHARS;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text = text.substring(0, end);
        }
        return text;
    }
}
