package org.vlmeval.pipeline;

import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.metrics.Interval;
import org.vlmeval.metrics.LatencyHistogram;
import org.vlmeval.metrics.Wilson;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.Question;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.sources.EventParser;
import org.vlmeval.sources.SourceEvent;
import org.vlmeval.testing.Rows;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rolling-metrics window operator, built by {@link VlmEvalJob#windowMetrics} exactly as the job
 * builds it (assigner, allowed lateness, {@link WindowMetrics.Sum} + {@link WindowMetrics.ToRow}),
 * taken out of the stream graph and driven in a keyed operator harness. The answers it is fed go
 * through {@link KeyByCategoryAndAll} first, as in the job.
 */
class WindowMetricsTest {

    static final long T = Fixtures.T0.toEpochMilli();
    static final long MINUTE = 60_000;

    KeyedOneInputStreamOperatorTestHarness<MetricsKey, KeyedAnswer, WindowMetricsRow> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    static PipelineOptions options(WindowSpec spec, Duration allowedLateness) {
        return PipelineOptions.builder(new EndpointsConfig("test", List.of(), null))
                .windows(List.of(spec))
                .allowedLateness(allowedLateness)
                .build();
    }

    /** The window operator of {@code spec} as {@link VlmEvalJob#windowMetrics} builds it. */
    @SuppressWarnings("unchecked")
    static KeyedOneInputStreamOperatorTestHarness<MetricsKey, KeyedAnswer, WindowMetricsRow>
            harnessFor(PipelineOptions options) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<AnswerRow> answers =
                env.fromData(
                        Rows.answer()
                                .requestId("seed")
                                .eventTime(Fixtures.T0)
                                .category("c")
                                .latencyMs(1)
                                .build());
        DataStream<WindowMetricsRow> rows = VlmEvalJob.windowMetrics(answers, options);
        var window =
                (OneInputTransformation<KeyedAnswer, WindowMetricsRow>) rows.getTransformation();
        assertThat(window.getOperator()).isInstanceOf(WindowOperator.class);
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        window.getOperator(),
                        (org.apache.flink.api.java.functions.KeySelector<KeyedAnswer, MetricsKey>)
                                window.getStateKeySelector(),
                        (TypeInformation<MetricsKey>) window.getStateKeyType());
        harness.open();
        return harness;
    }

    /** Feeds one answer as the job does: under its category and under "*". */
    void feed(AnswerRow a) throws Exception {
        List<KeyedAnswer> keyed = new ArrayList<>();
        new KeyByCategoryAndAll()
                .flatMap(
                        a,
                        new Collector<>() {
                            @Override
                            public void collect(KeyedAnswer record) {
                                keyed.add(record);
                            }

                            @Override
                            public void close() {}
                        });
        assertThat(keyed).hasSize(2);
        for (KeyedAnswer k : keyed) {
            harness.processElement(k, a.eventTime().toEpochMilli());
        }
    }

    static Instant at(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    static String id(WindowMetricsRow r) {
        return r.category() + " " + (r.windowStart().toEpochMilli() - T) / 1000 + "s";
    }

    Map<String, WindowMetricsRow> rows() {
        return harness.extractOutputValues().stream()
                .collect(Collectors.toMap(WindowMetricsTest::id, Function.identity()));
    }

    // -- the first minute's answers --------------------------------------------------------------

    static final AnswerRow RIGHT =
            Rows.answer()
                    .requestId("right")
                    .eventTime(at(T + 1_000))
                    .category("charts")
                    .correct(true)
                    .latencyMs(100)
                    .tokens(1000, 20)
                    .cost(0.010)
                    .build();
    static final AnswerRow WRONG =
            Rows.answer()
                    .requestId("wrong")
                    .eventTime(at(T + 2_000))
                    .category("charts")
                    .correct(false)
                    .score(0.25)
                    .hallucination(false)
                    .latencyMs(200)
                    .tokens(900, 10)
                    .cost(0.008)
                    .build();
    static final AnswerRow REFUSED =
            Rows.answer()
                    .requestId("refused")
                    .eventTime(at(T + 3_000))
                    .category("charts")
                    .refusal(true)
                    .hallucination(true)
                    .latencyMs(300)
                    .tokens(800, 30)
                    .cost(0.007)
                    .build();
    static final AnswerRow COUNTED =
            Rows.answer()
                    .requestId("counted")
                    .eventTime(at(T + 4_000))
                    .category("counting")
                    .correct(true)
                    .hallucination(false)
                    .latencyMs(400)
                    .tokens(700, 40)
                    .cost(null)
                    .build();
    static final AnswerRow NO_TOKENS =
            Rows.answer()
                    .requestId("no-tokens")
                    .eventTime(at(T + 5_000))
                    .category("counting")
                    .latencyMs(500)
                    .tokens(null, null)
                    .cost(null)
                    .build();
    static final AnswerRow SERVER_ERROR =
            Rows.answer()
                    .requestId("server-error")
                    .eventTime(at(T + 6_000))
                    .category("charts")
                    .error("server_error")
                    .latencyMs(5_000)
                    .build();
    static final AnswerRow TIMEOUT =
            Rows.answer()
                    .requestId("timeout")
                    .eventTime(at(T + 59_999))
                    .category(null)
                    .error("timeout")
                    .latencyMs(90_000)
                    .build();
    static final List<AnswerRow> FIRST_MINUTE =
            List.of(RIGHT, WRONG, REFUSED, COUNTED, NO_TOKENS, SERVER_ERROR, TIMEOUT);

    @Test
    void tumblingWindowsFireWhenTheWatermarkPassesTheirEndWithExactCounts() throws Exception {
        harness = harnessFor(options(WindowSpec.tumbling(Duration.ofMinutes(1)), Duration.ZERO));
        for (AnswerRow a : FIRST_MINUTE) {
            feed(a);
        }
        AnswerRow nextMinute =
                Rows.answer()
                        .requestId("next")
                        .eventTime(at(T + MINUTE))
                        .category("charts")
                        .correct(true)
                        .latencyMs(50)
                        .build();
        feed(nextMinute);

        harness.processWatermark(T + MINUTE - 2);
        assertThat(harness.extractOutputValues()).isEmpty();

        // Watermark end - 1 (= window.maxTimestamp): no record <= it can follow; the window fires.
        harness.processWatermark(T + MINUTE - 1);
        Map<String, WindowMetricsRow> rows = rows();
        assertThat(rows).containsOnlyKeys("* 0s", "charts 0s", "counting 0s", "uncategorized 0s");
        assertThat(harness.extractOutputStreamRecords())
                .allSatisfy(r -> assertThat(r.getTimestamp()).isEqualTo(T + MINUTE - 1));

        WindowMetricsRow all = rows.get("* 0s");
        assertThat(all.run()).isEqualTo(RIGHT.run());
        assertThat(all.model()).isEqualTo(RIGHT.endpoint());
        assertThat(all.windowStart()).isEqualTo(Fixtures.T0);
        assertThat(all.windowEnd()).isEqualTo(at(T + MINUTE));
        assertThat(all.windowKind()).isEqualTo(WindowMetricsRow.TUMBLING);
        assertThat(all.requests()).isEqualTo(7);
        assertThat(all.answered()).isEqualTo(5);
        assertThat(all.errors()).isEqualTo(2);
        assertThat(all.errorsByKind()).isEqualTo(Map.of("server_error", 1L, "timeout", 1L));
        // Errors stay out of every rate: 3 scored of 5 answered, not of 7 requests.
        assertThat(all.scored()).isEqualTo(3);
        assertThat(all.correct()).isEqualTo(2);
        assertRate(all.accuracy(), all.accuracyLow(), all.accuracyHigh(), 2, 3);
        assertThat(all.meanScore()).isCloseTo(2.25 / 3, Offset.offset(1e-12));
        assertThat(all.refusals()).isEqualTo(1);
        assertRate(all.refusalRate(), all.refusalRateLow(), all.refusalRateHigh(), 1, 5);
        assertThat(all.withObjects()).isEqualTo(3);
        assertThat(all.hallucinations()).isEqualTo(1);
        assertRate(
                all.hallucinationRate(),
                all.hallucinationRateLow(),
                all.hallucinationRateHigh(),
                1,
                3);
        assertThat(all.inputTokens()).isEqualTo(1000 + 900 + 800 + 700);
        assertThat(all.outputTokens()).isEqualTo(20 + 10 + 30 + 40);
        assertThat(all.cost()).isCloseTo(0.025, Offset.offset(1e-12));
        assertThat(all.late()).isZero();
        // Latency over all 7 calls (errors took time too): nearest rank, within 1% of a real one.
        assertLatency(all, 100, 200, 300, 400, 500, 5_000, 90_000);
        assertThat(all.latencyP50Ms()).isCloseTo(400L, Offset.offset(4L));
        assertThat(all.latencyP95Ms()).isCloseTo(90_000L, Offset.offset(900L));
        assertThat(all.latencyP99Ms()).isLessThanOrEqualTo(90_000L).isGreaterThanOrEqualTo(89_100L);

        WindowMetricsRow charts = rows.get("charts 0s");
        assertThat(charts.requests()).isEqualTo(4);
        assertThat(charts.answered()).isEqualTo(3);
        assertThat(charts.errorsByKind()).isEqualTo(Map.of("server_error", 1L));
        assertRate(charts.accuracy(), charts.accuracyLow(), charts.accuracyHigh(), 1, 2);
        assertRate(charts.refusalRate(), charts.refusalRateLow(), charts.refusalRateHigh(), 1, 3);
        assertLatency(charts, 100, 200, 300, 5_000);

        WindowMetricsRow counting = rows.get("counting 0s");
        assertThat(counting.requests()).isEqualTo(2);
        assertRate(counting.accuracy(), counting.accuracyLow(), counting.accuracyHigh(), 1, 1);
        assertThat(counting.accuracyLow()).isLessThan(1.0);
        assertThat(counting.inputTokens()).isEqualTo(700);
        assertThat(counting.cost()).isZero();

        // Only errors: requests and latency, but no rate is defined.
        WindowMetricsRow uncategorized = rows.get("uncategorized 0s");
        assertThat(uncategorized.requests()).isEqualTo(1);
        assertThat(uncategorized.answered()).isZero();
        assertThat(uncategorized.errors()).isEqualTo(1);
        assertThat(uncategorized.accuracy()).isNull();
        assertThat(uncategorized.accuracyLow()).isNull();
        assertThat(uncategorized.refusalRate()).isNull();
        assertThat(uncategorized.refusalRateHigh()).isNull();
        assertThat(uncategorized.hallucinationRate()).isNull();
        assertThat(uncategorized.meanScore()).isNull();
        assertThat(uncategorized.latencyP50Ms()).isEqualTo(90_000L);

        // The categories add up to "*".
        assertThat(
                        rows.values().stream()
                                .filter(r -> !r.category().equals("*"))
                                .mapToLong(WindowMetricsRow::requests)
                                .sum())
                .isEqualTo(all.requests());

        // The next minute's window is still open, with its state and two timers per key (its end,
        // and its cleanup after the grace); the fired window keeps its state and cleanup timer for
        // the grace (VlmEvalJob.windowGrace), in case an answer on time at its source comes late.
        assertThat(harness.numEventTimeTimers()).isEqualTo(rows.size() + 2 * 2);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(rows.size() + 2);

        harness.getOutput().clear();
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(rows()).containsOnlyKeys("* 60s", "charts 60s");
        assertThat(rows().get("* 60s").requests()).isEqualTo(1);
        assertThat(rows().get("* 60s").correct()).isEqualTo(1);

        // Every window fired and cleaned up: no state, no timers left.
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void slidingWindowsCountEachAnswerInEveryWindowItFallsIn() throws Exception {
        harness =
                harnessFor(
                        options(
                                new WindowSpec(Duration.ofMinutes(2), Duration.ofMinutes(1)),
                                Duration.ZERO));
        feed(RIGHT); // windows [-1m, 1m) and [0, 2m)
        feed(
                Rows.answer()
                        .requestId("later")
                        .eventTime(at(T + 90_000))
                        .category("charts")
                        .correct(false)
                        .latencyMs(70)
                        .build());

        harness.processWatermark(T + MINUTE - 1);
        assertThat(rows()).containsOnlyKeys("* -60s", "charts -60s");
        assertThat(rows().get("* -60s").windowKind()).isEqualTo(WindowMetricsRow.SLIDING);
        assertThat(rows().get("* -60s").requests()).isEqualTo(1);

        harness.getOutput().clear();
        harness.processWatermark(T + 2 * MINUTE - 1);
        WindowMetricsRow both = rows().get("* 0s");
        assertThat(both.windowEnd()).isEqualTo(at(T + 2 * MINUTE));
        assertThat(both.requests()).isEqualTo(2);
        assertThat(both.correct()).isEqualTo(1);
        assertRate(both.accuracy(), both.accuracyLow(), both.accuracyHigh(), 1, 2);

        harness.processWatermark(Long.MAX_VALUE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /**
     * Regression (chaos runs, docs/reliability.md): an answer its source did not mark late can
     * still reach the window behind the window's watermark, when its source subtask was idle and
     * the other one moved the windows on. It must fire its window again (the row is replaced in the
     * store), not vanish from the windows while the store holds it as on time.
     */
    @Test
    void anAnswerOnTimeAtItsSourceButBehindTheWindowsWatermarkFiresTheWindowAgain()
            throws Exception {
        harness = harnessFor(options(WindowSpec.tumbling(Duration.ofMinutes(1)), Duration.ZERO));
        feed(RIGHT);
        harness.processWatermark(T + MINUTE - 1);
        assertThat(rows().get("* 0s").requests()).isEqualTo(1);
        harness.getOutput().clear();

        // The other subtask's watermark is 30 s past the window's end when WRONG (not late) comes.
        harness.processWatermark(T + MINUTE + 30_000);
        feed(WRONG);
        WindowMetricsRow again = rows().get("* 0s");
        assertThat(again.requests()).isEqualTo(2);
        assertThat(again.late()).isZero();
        assertThat(harness.getSideOutput(VlmEvalJob.LATE_AT_WINDOW)).isNull();

        // The state is kept for the grace (max(idleness, 1m); idleness defaults to 1m), then
        // cleared.
        harness.processWatermark(T + 2 * MINUTE - 1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anAnswerBeyondTheGraceIsNotCountedButSentToTheLateAtWindowOutput() throws Exception {
        harness = harnessFor(options(WindowSpec.tumbling(Duration.ofMinutes(1)), Duration.ZERO));
        feed(RIGHT);
        harness.processWatermark(T + 2 * MINUTE);
        harness.getOutput().clear();

        feed(WRONG);
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(harness.extractOutputValues()).isEmpty();
        // Under its category and under "*".
        assertThat(harness.getSideOutput(VlmEvalJob.LATE_AT_WINDOW)).hasSize(2);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void theGraceIsTheIdlenessButAtLeastAMinute() {
        var endpoints = new EndpointsConfig("test", List.of(), null);
        assertThat(
                        VlmEvalJob.windowGrace(
                                PipelineOptions.builder(endpoints)
                                        .idleness(Duration.ofSeconds(5))
                                        .build()))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(
                        VlmEvalJob.windowGrace(
                                PipelineOptions.builder(endpoints)
                                        .idleness(Duration.ofMinutes(3))
                                        .build()))
                .isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void withAllowedLatenessALateAnswerFiresTheWindowAgainAndIsCountedLate() throws Exception {
        harness =
                harnessFor(
                        options(WindowSpec.tumbling(Duration.ofMinutes(1)), Duration.ofMinutes(5)));
        feed(RIGHT);
        harness.processWatermark(T + MINUTE - 1);
        assertThat(rows().get("* 0s").requests()).isEqualTo(1);
        harness.getOutput().clear();

        AnswerRow late =
                Rows.answer()
                        .requestId("late")
                        .eventTime(at(T + 2_000))
                        .category("charts")
                        .correct(false)
                        .latencyMs(200)
                        .tokens(1, 1)
                        .cost(0.0)
                        .late(true)
                        .build();
        feed(late);
        WindowMetricsRow again = rows().get("* 0s");
        assertThat(again.requests()).isEqualTo(2);
        assertThat(again.late()).isEqualTo(1);
        assertRate(again.accuracy(), again.accuracyLow(), again.accuracyHigh(), 1, 2);

        // State is kept until the end of the allowed lateness and the grace (1m), then cleared.
        harness.processWatermark(T + MINUTE - 1 + 5 * MINUTE);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        harness.processWatermark(T + MINUTE - 1 + 6 * MINUTE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /**
     * An answer that {@link RouteEvents} lets through as on time (not late) must be counted in its
     * window. It is not when its timestamp equals the watermark and is the last millisecond of a
     * window: RouteEvents uses {@code ts < watermark}, the window operator {@code ts <= watermark}.
     */
    @Test
    void anAnswerRouteEventsLetsThroughOnTimeIsCountedInItsWindow() throws Exception {
        long w = T + MINUTE - 1;
        Question q = Fixtures.question("edge", at(w), "charts");
        boolean late;
        try (OneInputStreamOperatorTestHarness<SourceEvent, Question> route =
                ProcessFunctionTestHarnesses.forProcessFunction(new RouteEvents())) {
            route.processWatermark(w);
            route.processElement(new StreamRecord<>(SourceEvent.of(q), w));
            late = route.extractOutputValues().get(0).late();
        }

        harness = harnessFor(options(WindowSpec.tumbling(Duration.ofMinutes(1)), Duration.ZERO));
        harness.processWatermark(w);
        feed(
                Rows.answer()
                        .requestId("edge")
                        .eventTime(at(w))
                        .category("charts")
                        .correct(true)
                        .latencyMs(10)
                        .tokens(1, 1)
                        .cost(0.0)
                        .late(late)
                        .build());
        harness.processWatermark(Long.MAX_VALUE);

        long counted =
                harness.extractOutputValues().stream()
                        .filter(r -> r.category().equals("*"))
                        .mapToLong(WindowMetricsRow::requests)
                        .sum();
        assertThat(late || counted == 1)
                .as("on time (late=%s) but counted in %d window rows", late, counted)
                .isTrue();
    }

    /**
     * {@code "*"} names the row over all categories, so a request may not use it as its own
     * category: it would be counted twice there. The parser turns it into a dead letter.
     */
    @Test
    void categoryStarIsReservedForTheAllCategoriesRow() {
        SourceEvent e =
                new EventParser(1000, null)
                        .parse(
                                "{\"id\":\"s\",\"category\":\"*\",\"question\":\"q\"}"
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                "p",
                                Fixtures.T0);
        assertThat(e.deadLetter()).isNotNull();
        assertThat(e.deadLetter().reason()).isEqualTo(DeadLetter.SCHEMA_VIOLATION);
        assertThat(e.deadLetter().detail()).contains("category");
    }

    // -- the functions on their own --------------------------------------------------------------

    @Test
    void sumMergesLikeAddingEverythingToOneAccumulator() {
        WindowMetrics.Sum sum = new WindowMetrics.Sum();
        WindowAccumulator one = sum.createAccumulator();
        WindowAccumulator left = sum.createAccumulator();
        WindowAccumulator right = sum.createAccumulator();
        MetricsKey key = new MetricsKey(Fixtures.RUN, Fixtures.ENDPOINT, "*");
        for (int i = 0; i < FIRST_MINUTE.size(); i++) {
            KeyedAnswer k = new KeyedAnswer(key, FIRST_MINUTE.get(i));
            sum.add(k, one);
            sum.add(k, i % 2 == 0 ? left : right);
        }
        WindowAccumulator merged = sum.merge(left, right);
        assertThat(sum.getResult(merged)).usingRecursiveComparison().isEqualTo(one);
        assertThat(WindowMetrics.row(key, Fixtures.T0, at(T + MINUTE), "tumbling", merged))
                .isEqualTo(WindowMetrics.row(key, Fixtures.T0, at(T + MINUTE), "tumbling", one));
    }

    /**
     * Answers from several subtasks reach a window in a different order on every run; the row must
     * not depend on it. As doubles, 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 differ in the last bit.
     */
    @Test
    void scoresAndCostsSumToTheSameRowInAnyOrder() {
        assertThat(0.1 + 0.2 + 0.3).isNotEqualTo(0.3 + 0.2 + 0.1);
        List<AnswerRow> answers = new ArrayList<>();
        for (double v : new double[] {0.1, 0.2, 0.3, 2.508e-4, 1.0 / 3}) {
            answers.add(
                    Rows.answer()
                            .requestId("r" + answers.size())
                            .eventTime(Fixtures.T0)
                            .correct(true)
                            .score(v)
                            .cost(v)
                            .build());
        }
        WindowAccumulator forward = new WindowAccumulator();
        answers.forEach(forward::add);
        WindowAccumulator backward = new WindowAccumulator();
        for (int i = answers.size() - 1; i >= 0; i--) {
            backward.add(answers.get(i));
        }
        MetricsKey key = new MetricsKey("r", "m", "*");
        WindowMetricsRow row =
                WindowMetrics.row(key, Fixtures.T0, at(T + MINUTE), "tumbling", forward);
        assertThat(WindowMetrics.row(key, Fixtures.T0, at(T + MINUTE), "tumbling", backward))
                .isEqualTo(row);
        assertThat(row.cost()).isEqualTo(0.6 + 2.508e-4 + 1.0 / 3, Offset.offset(1e-15));
    }

    @Test
    void anEmptyAccumulatorGivesARowWithoutRatesOrLatency() {
        WindowMetricsRow row =
                WindowMetrics.row(
                        new MetricsKey("r", "m", "*"),
                        Fixtures.T0,
                        at(T + MINUTE),
                        WindowMetricsRow.TUMBLING,
                        new WindowAccumulator());
        assertThat(row.requests()).isZero();
        assertThat(row.accuracy()).isNull();
        assertThat(row.refusalRate()).isNull();
        assertThat(row.hallucinationRate()).isNull();
        assertThat(row.latencyP50Ms()).isNull();
        assertThat(row.errorsByKind()).isEmpty();
    }

    static void assertRate(Double rate, Double low, Double high, long successes, long trials) {
        Interval wilson = Wilson.interval95(successes, trials);
        assertThat(rate).isEqualTo((double) successes / trials);
        assertThat(low).isEqualTo(wilson.low());
        assertThat(high).isEqualTo(wilson.high());
    }

    static void assertLatency(WindowMetricsRow row, long... latencies) {
        LatencyHistogram h = new LatencyHistogram();
        for (long l : latencies) {
            h.add(l);
        }
        assertThat(row.latencyP50Ms()).isEqualTo(h.quantileMs(0.50));
        assertThat(row.latencyP95Ms()).isEqualTo(h.quantileMs(0.95));
        assertThat(row.latencyP99Ms()).isEqualTo(h.quantileMs(0.99));
    }
}
