package org.vlmeval.pipeline;

import org.vlmeval.model.CallResult;
import org.vlmeval.model.InvalidInputException;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.Question;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The content of an event as 64 bits, to tell an exact re-delivery from a different event that
 * reuses a request id.
 *
 * <p>What counts is the validated request ({@link Question#requestJson}: id, ts, run, category,
 * lang, image, question, reference, objects, models) in canonical form (object keys sorted, no
 * whitespace), so a producer that re-serializes an event with its keys in another order sends the
 * same content. What does not count is what legitimately differs between deliveries of one event:
 * its position (offset, line) and its arrival time (which is not in the JSON; it becomes the event
 * time only when {@code ts} is missing). A recorded answer's fingerprint adds its response (text,
 * finish reason, latency, tokens); its model is part of the key.
 *
 * <p>The first 64 bits of SHA-256: stable across JVMs and versions (state written by one job
 * version is compared by the next), and a false "exact duplicate" needs two different contents
 * under the same key to collide (probability 2<sup>-64</sup>).
 */
public final class Fingerprint {

    private Fingerprint() {}

    /** One digest per thread: looking the algorithm up per event was ~1% of re-scoring's CPU. */
    private static final ThreadLocal<MessageDigest> SHA_256 =
            ThreadLocal.withInitial(
                    () -> {
                        try {
                            return MessageDigest.getInstance("SHA-256");
                        } catch (NoSuchAlgorithmException e) {
                            throw new IllegalStateException("SHA-256 is required of every JVM", e);
                        }
                    });

    public static long of(Question q) {
        return hash(canonical(q.requestJson()));
    }

    public static long of(CallResult recorded) {
        StringBuilder s = new StringBuilder(canonical(recorded.question().requestJson()));
        // Separated by NUL, which canonical JSON never contains unescaped.
        s.append('\0').append(recorded.text());
        s.append('\0').append(recorded.finishReason());
        s.append('\0').append(recorded.errorKind());
        s.append('\0').append(recorded.latencyMs());
        s.append('\0').append(recorded.inputTokens());
        s.append('\0').append(recorded.outputTokens());
        return hash(s.toString());
    }

    /**
     * The JSON text with object keys sorted and no whitespace; text that does not parse (never the
     * case for a validated request) as it is.
     */
    static String canonical(String json) {
        JsonNode tree;
        try {
            // Shared with scoring, which reads the same request next in the same chain.
            tree = JsonCodec.readRequestTree(json);
        } catch (InvalidInputException notAnObject) {
            try {
                tree = JsonCodec.MAPPER.readTree(json);
            } catch (JsonProcessingException e) {
                return json;
            }
        }
        StringBuilder out = new StringBuilder(json.length());
        write(tree, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                quoted(names.get(i), out).append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            Iterator<JsonNode> it = node.elements();
            for (int i = 0; it.hasNext(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(it.next(), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            quoted(node.textValue(), out);
        } else {
            out.append(node);
        }
    }

    /**
     * A JSON string exactly as Jackson writes it ({@code TextNode.toString()}: the fingerprints in
     * state were made that way), without going through a generator for every name and value: the
     * quote and the backslash escaped, control characters as short escapes (newline, tab…) or as
     * six-character hex escapes, everything else as it is.
     */
    static StringBuilder quoted(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                out.append(c);
                continue;
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.append('"');
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static long hash(String text) {
        byte[] d = SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xFF);
        }
        return h;
    }
}
