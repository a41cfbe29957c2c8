package org.vlmeval.pipeline;

import org.vlmeval.metrics.Interval;
import org.vlmeval.metrics.LatencyHistogram;
import org.vlmeval.metrics.Wilson;
import org.vlmeval.model.WindowMetricsRow;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.time.Instant;

/**
 * The functions of the rolling-metrics windows: {@link Sum} adds answers into a {@link
 * WindowAccumulator} as they arrive (one small accumulator per key and window, not the answers),
 * and {@link ToRow} turns the final sums into a {@link WindowMetricsRow} with rates and 95% Wilson
 * intervals.
 */
public final class WindowMetrics {

    private WindowMetrics() {}

    /** Incremental aggregation of answers. */
    public static final class Sum
            implements AggregateFunction<KeyedAnswer, WindowAccumulator, WindowAccumulator> {

        private static final long serialVersionUID = 1L;

        @Override
        public WindowAccumulator createAccumulator() {
            return new WindowAccumulator();
        }

        @Override
        public WindowAccumulator add(KeyedAnswer value, WindowAccumulator acc) {
            acc.add(value.sample());
            return acc;
        }

        @Override
        public WindowAccumulator getResult(WindowAccumulator acc) {
            return acc;
        }

        @Override
        public WindowAccumulator merge(WindowAccumulator a, WindowAccumulator b) {
            return a.merge(b);
        }
    }

    /** Emits the row of one fired window; a late firing emits the same key again, replacing it. */
    public static final class ToRow
            extends ProcessWindowFunction<
                    WindowAccumulator, WindowMetricsRow, MetricsKey, TimeWindow> {

        private static final long serialVersionUID = 1L;

        private final String windowKind;

        public ToRow(String windowKind) {
            this.windowKind = windowKind;
        }

        @Override
        public void process(
                MetricsKey key,
                Context ctx,
                Iterable<WindowAccumulator> sums,
                Collector<WindowMetricsRow> out) {
            for (WindowAccumulator acc : sums) {
                out.collect(
                        row(
                                key,
                                Instant.ofEpochMilli(ctx.window().getStart()),
                                Instant.ofEpochMilli(ctx.window().getEnd()),
                                windowKind,
                                acc));
            }
        }
    }

    /** The row for one key and window from its sums. */
    public static WindowMetricsRow row(
            MetricsKey key, Instant start, Instant end, String kind, WindowAccumulator a) {
        Interval accuracy = a.scored == 0 ? null : Wilson.interval95(a.correct, a.scored);
        Interval refusal = a.answered == 0 ? null : Wilson.interval95(a.refusals, a.answered);
        Interval hallucination =
                a.withObjects == 0 ? null : Wilson.interval95(a.hallucinations, a.withObjects);
        Interval judged = a.judged == 0 ? null : Wilson.interval95(a.judgedCorrect, a.judged);
        Interval judgedHallucination =
                a.judgedWithObjects == 0
                        ? null
                        : Wilson.interval95(a.judgedHallucinations, a.judgedWithObjects);
        LatencyHistogram latency = a.latency();
        return new WindowMetricsRow(
                key.run(),
                key.model(),
                key.category(),
                start,
                end,
                kind,
                a.requests,
                a.answered,
                a.errors,
                a.errorsByKind,
                a.scored,
                a.correct,
                ratio(a.correct, a.scored),
                accuracy == null ? null : accuracy.low(),
                accuracy == null ? null : accuracy.high(),
                a.scored == 0 ? null : Math.min(1.0, a.scoreSum() / a.scored),
                a.refusals,
                ratio(a.refusals, a.answered),
                refusal == null ? null : refusal.low(),
                refusal == null ? null : refusal.high(),
                a.withObjects,
                a.hallucinations,
                ratio(a.hallucinations, a.withObjects),
                hallucination == null ? null : hallucination.low(),
                hallucination == null ? null : hallucination.high(),
                latency.quantileMs(0.50),
                latency.quantileMs(0.95),
                latency.quantileMs(0.99),
                a.inputTokens,
                a.outputTokens,
                a.cost(),
                a.late,
                a.judged,
                a.judgedCorrect,
                ratio(a.judgedCorrect, a.judged),
                judged == null ? null : judged.low(),
                judged == null ? null : judged.high(),
                a.judgedWithObjects,
                a.judgedHallucinations,
                ratio(a.judgedHallucinations, a.judgedWithObjects),
                judgedHallucination == null ? null : judgedHallucination.low(),
                judgedHallucination == null ? null : judgedHallucination.high());
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
