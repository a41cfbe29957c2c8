package org.vlmeval.sinks.files;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.WindowMetricsRow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Rows for the tests, with only the fields that matter to them spelt out. */
final class TestRows {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private TestRows() {}

    /** An answered call. {@code correct} null means no reference; score follows correct. */
    static AnswerRow answered(
            String run,
            String requestId,
            String endpoint,
            String category,
            Boolean correct,
            boolean refusal,
            Boolean hallucination,
            long latencyMs,
            Integer inputTokens,
            Integer outputTokens,
            Double cost) {
        Double score = correct == null ? null : correct ? 1.0 : 0.0;
        return answered(
                run,
                requestId,
                endpoint,
                category,
                correct,
                score,
                refusal,
                hallucination,
                latencyMs,
                inputTokens,
                outputTokens,
                cost);
    }

    static AnswerRow answered(
            String run,
            String requestId,
            String endpoint,
            String category,
            Boolean correct,
            Double score,
            boolean refusal,
            Boolean hallucination,
            long latencyMs,
            Integer inputTokens,
            Integer outputTokens,
            Double cost) {
        return new AnswerRow(
                run,
                requestId,
                endpoint,
                endpoint + "-model",
                category,
                "en",
                T0,
                "What is in the image?",
                "an answer",
                "stop",
                correct,
                score,
                refusal,
                hallucination,
                Boolean.TRUE.equals(hallucination) ? List.of("dog") : List.of(),
                "explained",
                null,
                null,
                latencyMs,
                inputTokens,
                outputTokens,
                cost,
                1,
                false);
    }

    static AnswerRow errored(
            String run, String requestId, String endpoint, String category, String kind, long ms) {
        return AnswerRow.errored(
                run,
                requestId,
                endpoint,
                endpoint + "-model",
                category,
                "en",
                T0,
                "What is in the image?",
                kind,
                kind + " after " + ms + " ms",
                ms,
                2,
                false);
    }

    /** A window row with simple numbers: 2 requests, 1 correct of 1 scored. */
    static WindowMetricsRow window(String run, String model, String category, int minute) {
        Instant start = T0.plusSeconds(60L * minute);
        return new WindowMetricsRow(
                run,
                model,
                category,
                start,
                start.plusSeconds(300),
                WindowMetricsRow.SLIDING,
                2,
                1,
                1,
                Map.of("timeout", 1L),
                1,
                1,
                1.0,
                0.5,
                1.0,
                1.0,
                0,
                0.0,
                0.0,
                0.75,
                0,
                0,
                null,
                null,
                null,
                120L,
                900L,
                900L,
                10,
                4,
                0.5,
                0);
    }

    static DeadLetter deadLetter(String position, String payload) {
        return new DeadLetter(
                DeadLetter.INVALID_JSON,
                "invalid JSON: unexpected end",
                position,
                T0,
                payload,
                payload.length());
    }
}
