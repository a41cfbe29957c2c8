package org.vlmeval.journal;

import org.vlmeval.model.JsonCodec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of the Kafka journal topic.
 *
 * <ul>
 *   <li><b>Key</b>: {@code j1/RUN/REQUEST_ID/ENDPOINT/SAMPLE/FINGERPRINT}, UTF-8, each text part
 *       with {@code %} and {@code /} escaped as {@code %25} and {@code %2F}. The same {@link
 *       JournalKey} always gives the same bytes (compaction and partitioning go by them), the parts
 *       can be read back unambiguously, and the key stays readable in a console consumer. {@code
 *       j1} is the key format's version: a key of another version is skipped when the journal is
 *       read, never misread.
 *   <li><b>Value</b>: the {@link JournalEntry} as JSON through the project's mapping ({@link
 *       JsonCodec#MAPPER}: components in lower snake case, nulls written) with {@code "format": 1}
 *       first; a value of another format is skipped. A null value (a tombstone) deletes the key.
 * </ul>
 */
public final class KafkaJournalFormat {

    /** The value's format version, written as its {@code format} field. */
    public static final int FORMAT = 1;

    static final String KEY_PREFIX = "j1/";

    private static final byte[] VALUE_PREFIX =
            ("{\"format\":" + FORMAT + ",").getBytes(StandardCharsets.UTF_8);

    /** {@link JsonCodec#MAPPER}, with the entry's JSON form (a mix-in keeps the record free). */
    private static final ObjectMapper MAPPER =
            JsonCodec.MAPPER.copy().addMixIn(JournalEntry.class, EntryJson.class);

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    private interface EntryJson {}

    private KafkaJournalFormat() {}

    /** The record key of {@code key}. */
    public static byte[] key(JournalKey key) {
        return keyText(key).getBytes(StandardCharsets.UTF_8);
    }

    /** The record key of {@code key} as text (what the in-memory journal is indexed by). */
    public static String keyText(JournalKey key) {
        return KEY_PREFIX
                + escape(key.run())
                + '/'
                + escape(key.requestId())
                + '/'
                + escape(key.endpoint())
                + '/'
                + key.sample()
                + '/'
                + escape(key.fingerprint());
    }

    /** The journal key of a record key, or null when it is not one of ours (version, shape). */
    public static JournalKey parseKey(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.startsWith(KEY_PREFIX)) {
            return null;
        }
        List<String> parts = split(text.substring(KEY_PREFIX.length()));
        if (parts == null || parts.size() != 5) {
            return null;
        }
        try {
            return new JournalKey(
                    parts.get(0),
                    parts.get(1),
                    parts.get(2),
                    Integer.parseInt(parts.get(3)),
                    parts.get(4));
        } catch (IllegalArgumentException e) {
            // A blank part or a bad sample number: not a key this build wrote.
            return null;
        }
    }

    /** The record value of {@code entry}. */
    public static byte[] value(JournalEntry entry) {
        ObjectNode node = MAPPER.createObjectNode().put("format", FORMAT);
        node.setAll((ObjectNode) MAPPER.valueToTree(entry));
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether {@code bytes} starts as a value of this format does ({@link #value} always writes
     * {@code {"format":1,} first): a check cheap enough for every record read at start-up; the
     * entry itself is read on a hit ({@link #parseValue}).
     */
    public static boolean hasFormat(byte[] bytes) {
        if (bytes == null || bytes.length < VALUE_PREFIX.length) {
            return false;
        }
        return java.util.Arrays.equals(
                bytes, 0, VALUE_PREFIX.length, VALUE_PREFIX, 0, VALUE_PREFIX.length);
    }

    /**
     * The entry of a record value, or null when the value is of another format or unreadable (a
     * journal entry that cannot be read is a miss: the question is asked again).
     */
    public static JournalEntry parseValue(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null
                    || !node.isObject()
                    || !node.path("format").isInt()
                    || node.get("format").intValue() != FORMAT) {
                return null;
            }
            return MAPPER.treeToValue(node, JournalEntry.class);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String escape(String part) {
        if (part.indexOf('%') < 0 && part.indexOf('/') < 0) {
            return part;
        }
        return part.replace("%", "%25").replace("/", "%2F");
    }

    /** The parts between slashes, unescaped; null when an escape is malformed. */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>(5);
        for (String raw : text.split("/", -1)) {
            StringBuilder part = new StringBuilder(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c != '%') {
                    part.append(c);
                } else if (raw.startsWith("%25", i)) {
                    part.append('%');
                    i += 2;
                } else if (raw.startsWith("%2F", i)) {
                    part.append('/');
                    i += 2;
                } else {
                    return null;
                }
            }
            parts.add(part.toString());
        }
        return parts;
    }
}
