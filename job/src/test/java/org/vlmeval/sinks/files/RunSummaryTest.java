package org.vlmeval.sinks.files;

import org.vlmeval.metrics.Wilson;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.testing.Rows;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunSummaryTest {

    /**
     * Endpoint a: 3 answers (1 correct, 1 wrong, 1 without reference) and 2 errors; endpoint b: 1
     * half-scored correct answer and 1 error, no costs at all.
     */
    static final List<AnswerRow> ROWS =
            List.of(
                    Rows.answer()
                            .run("r1")
                            .requestId("q1")
                            .endpoint("a")
                            .category("chart")
                            .correct(true)
                            .latencyMs(100)
                            .tokens(10, 5)
                            .cost(0.01)
                            .build(),
                    Rows.answer()
                            .run("r1")
                            .requestId("q2")
                            .endpoint("a")
                            .category("chart")
                            .correct(false)
                            .hallucination(true)
                            .latencyMs(300)
                            .tokens(20, 7)
                            .cost(0.02)
                            .build(),
                    Rows.answer()
                            .run("r1")
                            .requestId("q3")
                            .endpoint("a")
                            .category(null)
                            .refusal(true)
                            .hallucination(false)
                            .latencyMs(200)
                            .tokens(null, null)
                            .cost(null)
                            .build(),
                    Rows.answer()
                            .run("r1")
                            .requestId("q4")
                            .endpoint("a")
                            .category("chart")
                            .error("timeout")
                            .latencyMs(30_000)
                            .build(),
                    Rows.answer()
                            .run("r1")
                            .requestId("q5")
                            .endpoint("a")
                            .category(null)
                            .error("server_error")
                            .latencyMs(50)
                            .build(),
                    Rows.answer()
                            .run("r1")
                            .requestId("q1")
                            .endpoint("b")
                            .category("chart")
                            .correct(true)
                            .score(0.5)
                            .latencyMs(80)
                            .tokens(3, 1)
                            .cost(null)
                            .build(),
                    Rows.answer()
                            .run("r1")
                            .requestId("q2")
                            .endpoint("b")
                            .category("chart")
                            .error("timeout")
                            .latencyMs(400)
                            .build());

    @Test
    void endpointTotalsLeaveErrorsOutOfTheRates() {
        EndpointStats a = RunSummary.of(ROWS).models().get("a");

        assertThat(a.requests()).isEqualTo(5);
        assertThat(a.answered()).isEqualTo(3);
        assertThat(a.errors()).isEqualTo(2);
        assertThat(a.errorsByKind())
                .containsExactly(Map.entry("server_error", 1L), Map.entry("timeout", 1L));
        // q3 has no reference: answered, but not scored.
        assertThat(a.scored()).isEqualTo(2);
        assertThat(a.correct()).isEqualTo(1);
        assertThat(a.accuracy()).isEqualTo(0.5);
        assertThat(a.accuracyCi()).isEqualTo(Wilson.interval95(1, 2));
        assertThat(a.meanScore()).isEqualTo(0.5);
        assertThat(a.refusals()).isEqualTo(1);
        assertThat(a.refusalRate()).isEqualTo(1.0 / 3);
        assertThat(a.refusalRateCi()).isEqualTo(Wilson.interval95(1, 3));
        // q1 listed no objects; q2 (hallucinated) and q3 (did not) did.
        assertThat(a.withObjects()).isEqualTo(2);
        assertThat(a.hallucinations()).isEqualTo(1);
        assertThat(a.hallucinationRate()).isEqualTo(0.5);
        assertThat(a.hallucinationRateCi()).isEqualTo(Wilson.interval95(1, 2));
        // Latencies of all five calls: 50, 100, 200, 300, 30000.
        assertThat(a.latencyMsP50()).isEqualTo(200);
        assertThat(a.latencyMsP95()).isEqualTo(30_000);
        assertThat(a.inputTokens()).isEqualTo(30);
        assertThat(a.outputTokens()).isEqualTo(12);
        assertThat(a.cost()).isEqualTo(0.01 + 0.02);
    }

    @Test
    void costIsNullWhenNoRowHadOneAndScoresMayBePartial() {
        EndpointStats b = RunSummary.of(ROWS).models().get("b");

        assertThat(b.requests()).isEqualTo(2);
        assertThat(b.answered()).isEqualTo(1);
        assertThat(b.scored()).isEqualTo(1);
        assertThat(b.accuracy()).isEqualTo(1.0);
        assertThat(b.accuracyCi()).isEqualTo(Wilson.interval95(1, 1));
        assertThat(b.meanScore()).isEqualTo(0.5);
        assertThat(b.withObjects()).isZero();
        assertThat(b.hallucinationRate()).isNull();
        assertThat(b.hallucinationRateCi()).isNull();
        assertThat(b.refusalRate()).isEqualTo(0.0);
        assertThat(b.cost()).isNull();
        assertThat(b.inputTokens()).isEqualTo(3);
    }

    @Test
    void categoriesSplitPerEndpointAndNullIsUncategorized() {
        RunSummary s = RunSummary.of(ROWS);

        assertThat(s.run()).isEqualTo("r1");
        assertThat(s.categories().keySet()).containsExactly("chart", RunSummary.UNCATEGORIZED);
        assertThat(s.categories().get("chart").keySet()).containsExactly("a", "b");
        assertThat(s.categories().get(RunSummary.UNCATEGORIZED).keySet()).containsExactly("a");

        EndpointStats chartA = s.categories().get("chart").get("a");
        assertThat(chartA.requests()).isEqualTo(3);
        assertThat(chartA.accuracy()).isEqualTo(0.5);
        // 100, 300, 30000: rank ceil(1.5) = 2 and ceil(2.85) = 3.
        assertThat(chartA.latencyMsP50()).isEqualTo(300);
        assertThat(chartA.latencyMsP95()).isEqualTo(30_000);

        EndpointStats otherA = s.categories().get(RunSummary.UNCATEGORIZED).get("a");
        assertThat(otherA.scored()).isZero();
        assertThat(otherA.accuracy()).isNull();
        assertThat(otherA.accuracyCi()).isNull();
        assertThat(otherA.meanScore()).isNull();
        assertThat(otherA.refusalRate()).isEqualTo(1.0);
        assertThat(otherA.hallucinationRate()).isEqualTo(0.0);
        assertThat(otherA.hallucinationRateCi()).isEqualTo(Wilson.interval95(0, 1));
        assertThat(otherA.cost()).isNull();
        assertThat(otherA.inputTokens()).isZero();
    }

    @Test
    void percentilesAreNearestRank() {
        List<AnswerRow> rows = new ArrayList<>();
        // 1..20 ms, in reverse so that sorting matters.
        for (int ms = 20; ms >= 1; ms--) {
            rows.add(
                    Rows.answer()
                            .run("r")
                            .requestId("q" + ms)
                            .endpoint("a")
                            .category(null)
                            .latencyMs(ms)
                            .tokens(null, null)
                            .cost(null)
                            .build());
        }
        EndpointStats a = RunSummary.of(rows).models().get("a");

        assertThat(a.latencyMsP50()).isEqualTo(10);
        assertThat(a.latencyMsP95()).isEqualTo(19);
        assertThat(EndpointStats.nearestRank(new long[] {7}, 1, 0.95)).isEqualTo(7);
        assertThat(EndpointStats.nearestRank(new long[0], 0, 0.5)).isNull();
    }

    @Test
    void onlyErrorsLeaveEveryRateUndefined() {
        EndpointStats s =
                EndpointStats.of(
                        List.of(
                                Rows.answer()
                                        .run("r")
                                        .requestId("q")
                                        .endpoint("a")
                                        .category(null)
                                        .error("timeout")
                                        .latencyMs(5_000)
                                        .build()));

        assertThat(s.answered()).isZero();
        assertThat(s.accuracy()).isNull();
        assertThat(s.refusalRate()).isNull();
        assertThat(s.refusalRateCi()).isNull();
        assertThat(s.hallucinationRate()).isNull();
        assertThat(s.latencyMsP50()).isEqualTo(5_000);
        assertThat(s.cost()).isNull();
    }

    @Test
    void severalRunsAreSummarisedSeparately() {
        List<AnswerRow> rows = new ArrayList<>(ROWS);
        rows.add(
                Rows.answer()
                        .run("r0")
                        .requestId("q1")
                        .endpoint("a")
                        .category(null)
                        .correct(true)
                        .latencyMs(1)
                        .tokens(1, 1)
                        .cost(1.0)
                        .build());

        assertThat(RunSummary.byRun(rows).keySet()).containsExactly("r0", "r1");
        assertThat(RunSummary.byRun(rows).get("r1")).isEqualTo(RunSummary.of(ROWS));
        assertThatThrownBy(() -> RunSummary.of(rows))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[r0, r1]");
        assertThat(RunSummary.document(rows).fieldNames()).toIterable().containsExactly("runs");
        assertThat(RunSummary.document(rows).get("runs").fieldNames())
                .toIterable()
                .containsExactly("r0", "r1");
        assertThat(RunSummary.document(ROWS)).isEqualTo(RunSummary.of(ROWS).toJson());
        assertThat(RunSummary.document(List.of()).toString()).isEqualTo("{\"runs\":{}}");
    }

    @Test
    void theSameRowsInAnyOrderGiveTheSameDocument() {
        List<AnswerRow> reversed = new ArrayList<>(ROWS);
        java.util.Collections.reverse(reversed);

        assertThat(RunSummary.of(reversed)).isEqualTo(RunSummary.of(ROWS));
    }

    @Test
    void jsonDocument() throws Exception {
        List<AnswerRow> rows =
                List.of(
                        Rows.answer()
                                .run("r1")
                                .requestId("q1")
                                .endpoint("m")
                                .category("vqa")
                                .correct(true)
                                .latencyMs(100)
                                .tokens(10, 5)
                                .cost(0.25)
                                .reused(true)
                                .build(),
                        Rows.answer()
                                .run("r1")
                                .requestId("q2")
                                .endpoint("m")
                                .category("vqa")
                                .error("timeout")
                                .latencyMs(900)
                                .build());
        var acc = Wilson.interval95(1, 1);
        var ref = Wilson.interval95(0, 1);
        String stats =
                """
                {
                  "requests": 2,
                  "answered": 1,
                  "errors": 1,
                  "errors_by_kind": {
                    "timeout": 1
                  },
                  "scored": 1,
                  "correct": 1,
                  "accuracy": 1.0,
                  "accuracy_ci": [ %s, %s ],
                  "mean_score": 1.0,
                  "judged": 0,
                  "judged_correct": 0,
                  "judged_accuracy": null,
                  "judged_accuracy_ci": null,
                  "refusals": 0,
                  "refusal_rate": 0.0,
                  "refusal_rate_ci": [ %s, %s ],
                  "with_objects": 0,
                  "hallucinations": 0,
                  "hallucination_rate": null,
                  "hallucination_rate_ci": null,
                  "judged_with_objects": 0,
                  "judged_hallucinations": 0,
                  "judged_hallucination_rate": null,
                  "judged_hallucination_rate_ci": null,
                  "latency_ms_p50": 100,
                  "latency_ms_p95": 900,
                  "input_tokens": 10,
                  "output_tokens": 5,
                  "cost": 0.25,
                  "reused": 1,
                  "repeated_events": 0,
                  "stable_events": 0,
                  "stability": null,
                  "stability_ci": null,
                  "first_sample_accuracy": null,
                  "majority_accuracy": null
                }"""
                        .formatted(acc.low(), acc.high(), ref.low(), ref.high());
        String expected =
                """
                {
                  "run": "r1",
                  "models": {
                    "m": %s
                  },
                  "categories": {
                    "vqa": {
                      "m": %s
                    }
                  }
                }
                """
                        .formatted(indent(stats, 4), indent(stats, 6));

        assertThat(JsonText.pretty(RunSummary.document(rows))).isEqualTo(expected);
    }

    /** Indents every line but the first by {@code n} more spaces, to nest a pretty object. */
    private static String indent(String text, int n) {
        return text.replace("\n", "\n" + " ".repeat(n));
    }
}
