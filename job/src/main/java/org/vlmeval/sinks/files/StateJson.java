package org.vlmeval.sinks.files;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.RowJson;
import org.vlmeval.model.WindowMetricsRow;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads rows back from {@link RowJson}'s form, for restoring checkpoint state. The state is the
 * same JSON the files hold, so it stays readable and survives changes to the records' Java shape
 * that keep the JSON fields.
 */
final class StateJson {

    private StateJson() {}

    static AnswerRow answer(JsonNode n) throws IOException {
        try {
            List<String> objects = new ArrayList<>();
            n.path("hallucinated_objects").forEach(o -> objects.add(o.asText()));
            return new AnswerRow(
                    text(n, "run"),
                    text(n, "request_id"),
                    text(n, "endpoint"),
                    text(n, "model"),
                    text(n, "category"),
                    text(n, "lang"),
                    instant(n, "event_time"),
                    text(n, "question"),
                    text(n, "response_text"),
                    text(n, "finish_reason"),
                    bool(n, "correct"),
                    dbl(n, "score"),
                    bool(n, "refusal"),
                    bool(n, "hallucination"),
                    objects,
                    text(n, "explanation"),
                    text(n, "error_kind"),
                    text(n, "error_message"),
                    n.path("latency_ms").asLong(),
                    integer(n, "input_tokens"),
                    integer(n, "output_tokens"),
                    dbl(n, "cost"),
                    n.path("attempts").asInt(),
                    n.path("late").asBoolean());
        } catch (RuntimeException e) {
            throw new IOException("cannot restore an answer row from state: " + e.getMessage(), e);
        }
    }

    static WindowMetricsRow windowMetrics(JsonNode n) throws IOException {
        try {
            Map<String, Long> byKind = new TreeMap<>();
            n.path("errors_by_kind")
                    .properties()
                    .forEach(e -> byKind.put(e.getKey(), e.getValue().asLong()));
            return new WindowMetricsRow(
                    text(n, "run"),
                    text(n, "model"),
                    text(n, "category"),
                    instant(n, "window_start"),
                    instant(n, "window_end"),
                    text(n, "window_kind"),
                    n.path("requests").asLong(),
                    n.path("answered").asLong(),
                    n.path("errors").asLong(),
                    byKind,
                    n.path("scored").asLong(),
                    n.path("correct").asLong(),
                    dbl(n, "accuracy"),
                    dbl(n, "accuracy_low"),
                    dbl(n, "accuracy_high"),
                    dbl(n, "mean_score"),
                    n.path("refusals").asLong(),
                    dbl(n, "refusal_rate"),
                    dbl(n, "refusal_rate_low"),
                    dbl(n, "refusal_rate_high"),
                    n.path("with_objects").asLong(),
                    n.path("hallucinations").asLong(),
                    dbl(n, "hallucination_rate"),
                    dbl(n, "hallucination_rate_low"),
                    dbl(n, "hallucination_rate_high"),
                    lng(n, "latency_p50_ms"),
                    lng(n, "latency_p95_ms"),
                    lng(n, "latency_p99_ms"),
                    n.path("input_tokens").asLong(),
                    n.path("output_tokens").asLong(),
                    n.path("cost").asDouble(),
                    n.path("late").asLong());
        } catch (RuntimeException e) {
            throw new IOException(
                    "cannot restore a window metrics row from state: " + e.getMessage(), e);
        }
    }

    static DeadLetter deadLetter(JsonNode n) throws IOException {
        try {
            return new DeadLetter(
                    text(n, "reason"),
                    text(n, "detail"),
                    text(n, "position"),
                    instant(n, "received_at"),
                    text(n, "payload"),
                    n.path("payload_bytes").asInt());
        } catch (RuntimeException e) {
            throw new IOException("cannot restore a dead letter from state: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        String v = text(n, field);
        return v == null ? null : Instant.parse(v);
    }

    private static Boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asBoolean();
    }

    private static Double dbl(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }

    private static Long lng(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }
}
