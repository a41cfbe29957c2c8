package org.vlmeval.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON form of the job's outputs, shared by every sink that writes JSON (the answers and
 * dead-letter topics, {@code answers.jsonl}, {@code dead-letters.jsonl}) so that a consumer sees
 * the same field names everywhere: the store's column names, in lower snake case.
 */
public final class RowJson {

    private RowJson() {}

    public static ObjectNode answer(AnswerRow a) {
        ObjectNode o = JsonCodec.MAPPER.createObjectNode();
        o.put("run", a.run());
        o.put("request_id", a.requestId());
        o.put("endpoint", a.endpoint());
        o.put("model", a.model());
        o.put("category", a.category());
        o.put("lang", a.lang());
        o.put("event_time", a.eventTime().toString());
        o.put("question", a.question());
        o.put("response_text", a.responseText());
        o.put("finish_reason", a.finishReason());
        o.put("correct", a.correct());
        o.put("score", a.score());
        o.put("refusal", a.refusal());
        o.put("hallucination", a.hallucination());
        ArrayNode objects = o.putArray("hallucinated_objects");
        a.hallucinatedObjects().forEach(objects::add);
        o.put("explanation", a.explanation());
        o.put("error_kind", a.errorKind());
        o.put("error_message", a.errorMessage());
        o.put("latency_ms", a.latencyMs());
        o.put("input_tokens", a.inputTokens());
        o.put("output_tokens", a.outputTokens());
        o.put("cost", a.cost());
        o.put("attempts", a.attempts());
        o.put("late", a.late());
        return o;
    }

    /** The natural key of an answer as a message key: {@code run/request_id/endpoint}. */
    public static String answerKey(AnswerRow a) {
        return a.run() + "/" + a.requestId() + "/" + a.endpoint();
    }

    public static ObjectNode deadLetter(DeadLetter d) {
        ObjectNode o = JsonCodec.MAPPER.createObjectNode();
        o.put("reason", d.reason());
        o.put("detail", d.detail());
        o.put("position", d.position());
        o.put("received_at", d.receivedAt().toString());
        o.put("payload_bytes", d.payloadBytes());
        o.put("payload", d.payload());
        return o;
    }

    public static ObjectNode windowMetrics(WindowMetricsRow m) {
        ObjectNode o = JsonCodec.MAPPER.createObjectNode();
        o.put("run", m.run());
        o.put("model", m.model());
        o.put("category", m.category());
        o.put("window_start", m.windowStart().toString());
        o.put("window_end", m.windowEnd().toString());
        o.put("window_kind", m.windowKind());
        o.put("requests", m.requests());
        o.put("answered", m.answered());
        o.put("errors", m.errors());
        ObjectNode byKind = o.putObject("errors_by_kind");
        m.errorsByKind().forEach(byKind::put);
        o.put("scored", m.scored());
        o.put("correct", m.correct());
        o.put("accuracy", m.accuracy());
        o.put("accuracy_low", m.accuracyLow());
        o.put("accuracy_high", m.accuracyHigh());
        o.put("mean_score", m.meanScore());
        o.put("refusals", m.refusals());
        o.put("refusal_rate", m.refusalRate());
        o.put("refusal_rate_low", m.refusalRateLow());
        o.put("refusal_rate_high", m.refusalRateHigh());
        o.put("with_objects", m.withObjects());
        o.put("hallucinations", m.hallucinations());
        o.put("hallucination_rate", m.hallucinationRate());
        o.put("hallucination_rate_low", m.hallucinationRateLow());
        o.put("hallucination_rate_high", m.hallucinationRateHigh());
        o.put("latency_p50_ms", m.latencyP50Ms());
        o.put("latency_p95_ms", m.latencyP95Ms());
        o.put("latency_p99_ms", m.latencyP99Ms());
        o.put("input_tokens", m.inputTokens());
        o.put("output_tokens", m.outputTokens());
        o.put("cost", m.cost());
        o.put("late", m.late());
        return o;
    }
}
