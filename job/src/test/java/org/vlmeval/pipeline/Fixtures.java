package org.vlmeval.pipeline;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.CallResult;
import org.vlmeval.model.Question;

import java.time.Instant;
import java.util.List;

/** Small builders for the pipeline's value types, shared by the operator tests. */
final class Fixtures {

    /** Minute-aligned, so tumbling and sliding windows start here. */
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static final String RUN = "run-1";
    static final String ENDPOINT = "llama";

    private Fixtures() {}

    static Question question(String id, Instant eventTime, String category) {
        return new Question(
                id,
                RUN,
                category,
                "en",
                eventTime,
                "What is 2 + 2?",
                List.of(ENDPOINT),
                "{\"id\":\""
                        + id
                        + "\",\"question\":\"What is 2 + 2?\",\"reference\":{\"type\":\"numeric\",\"value\":4}}",
                "test:1",
                false);
    }

    static CallResult answered(Question q, String endpoint, String text) {
        return new CallResult(
                q, endpoint, endpoint + "-model", text, "stop", null, null, 250, 100, 5, 0.001, 1);
    }

    /** An answered row; {@code correct == null} means the request had no reference. */
    static AnswerRow row(
            String id,
            Instant eventTime,
            String category,
            Boolean correct,
            Double score,
            boolean refusal,
            Boolean hallucination,
            long latencyMs) {
        return row(
                id,
                eventTime,
                category,
                correct,
                score,
                refusal,
                hallucination,
                latencyMs,
                1000,
                20,
                0.01,
                false);
    }

    static AnswerRow row(
            String id,
            Instant eventTime,
            String category,
            Boolean correct,
            Double score,
            boolean refusal,
            Boolean hallucination,
            long latencyMs,
            Integer inputTokens,
            Integer outputTokens,
            Double cost,
            boolean late) {
        return new AnswerRow(
                RUN,
                id,
                ENDPOINT,
                ENDPOINT + "-model",
                category,
                "en",
                eventTime,
                "q " + id,
                "answer " + id,
                "stop",
                correct,
                score,
                refusal,
                hallucination,
                Boolean.TRUE.equals(hallucination) ? List.of("eggplant") : List.of(),
                "explained",
                null,
                null,
                latencyMs,
                inputTokens,
                outputTokens,
                cost,
                1,
                late);
    }

    static AnswerRow errored(
            String id, Instant eventTime, String category, String kind, long latencyMs) {
        return AnswerRow.errored(
                RUN,
                id,
                ENDPOINT,
                ENDPOINT + "-model",
                category,
                "en",
                eventTime,
                "q " + id,
                kind,
                "failed: " + kind,
                latencyMs,
                2,
                false);
    }
}
