package org.vlmeval.pipeline;

import org.vlmeval.model.CallResult;
import org.vlmeval.model.Question;
import org.vlmeval.testing.Rows;

import java.time.Instant;
import java.util.List;

/** Questions and call results for the operator tests; rows come from {@link Rows}. */
final class Fixtures {

    /** Minute-aligned, so tumbling and sliding windows start here. */
    static final Instant T0 = Rows.T0;

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
}
