package org.vlmeval.pipeline;

import org.vlmeval.model.CallResult;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.Question;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

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
        try {
            StringBuilder out = new StringBuilder(json.length());
            write(JsonCodec.MAPPER.readTree(json), out);
            return out.toString();
        } catch (JsonProcessingException e) {
            return json;
        }
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
                out.append(TextNode.valueOf(names.get(i))).append(':');
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
        } else {
            out.append(node);
        }
    }

    private static long hash(String text) {
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xFF);
        }
        return h;
    }
}
