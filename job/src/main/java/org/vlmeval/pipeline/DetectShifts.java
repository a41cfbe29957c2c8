package org.vlmeval.pipeline;

import org.vlmeval.alerts.AlertMetric;
import org.vlmeval.alerts.AlertOptions;
import org.vlmeval.alerts.RateTrack;
import org.vlmeval.alerts.WindowCounts;
import org.vlmeval.model.AlertEvent;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Instant;

/**
 * Regression alerts per (run, model, category): counts each answer into its tumbling event-time
 * window of {@code pipeline.alerts.window}; when the watermark passes a window's end, feeds the
 * window's counts of each watched rate to that rate's {@link RateTrack} (kept in keyed state) and
 * emits an {@link AlertEvent} when an alert opens or resolves. Windows are closed in event-time
 * order, so the decisions, and the alert ids, are the same on every run of the same input.
 *
 * <p>State per key: the open windows' counts (removed when they close) and one {@link RateTrack}
 * per rate (its baseline ring, {@code baseline_windows} × 16 bytes). Answers marked late at the
 * source are not counted, nor are answers whose window this operator has already closed (counted as
 * {@code alertLateAnswers}), as the window operators do.
 */
public final class DetectShifts extends KeyedProcessFunction<MetricsKey, KeyedAnswer, AlertEvent> {

    private static final long serialVersionUID = 1L;

    private final AlertOptions options;

    private transient MapState<Long, WindowCounts> windows;
    private transient MapState<String, RateTrack> tracks;
    private transient Counter fired;
    private transient Counter resolved;
    private transient Counter late;

    public DetectShifts(AlertOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext openContext) {
        windows =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "alert-windows", Long.class, WindowCounts.class));
        tracks =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "alert-tracks", String.class, RateTrack.class));
        fired = getRuntimeContext().getMetricGroup().counter("alertsFired");
        resolved = getRuntimeContext().getMetricGroup().counter("alertsResolved");
        late = getRuntimeContext().getMetricGroup().counter("alertLateAnswers");
    }

    @Override
    public void processElement(KeyedAnswer in, Context ctx, Collector<AlertEvent> out)
            throws Exception {
        // Repeated samples stay out: the alert rates are over first samples, like the windows'.
        if (in.sample().late() || in.sample().repeat() || ctx.timestamp() == null) {
            return;
        }
        long size = options.window().toMillis();
        long start = ctx.timestamp() - Math.floorMod(ctx.timestamp(), size);
        long lastMillis = start + size - 1;
        if (lastMillis <= ctx.timerService().currentWatermark()) {
            late.inc();
            return;
        }
        WindowCounts counts = windows.get(start);
        if (counts == null) {
            counts = new WindowCounts();
            ctx.timerService().registerEventTimeTimer(lastMillis);
        }
        counts.add(
                in.sample().correct(),
                in.sample().refusal(),
                in.sample().hallucination(),
                in.sample().errorKind() == null);
        windows.put(start, counts);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out)
            throws Exception {
        long size = options.window().toMillis();
        long start = timestamp + 1 - size;
        WindowCounts counts = windows.get(start);
        windows.remove(start);
        if (counts == null) {
            return;
        }
        MetricsKey key = ctx.getCurrentKey();
        Instant windowStart = Instant.ofEpochMilli(start);
        for (AlertMetric metric : AlertMetric.values()) {
            RateTrack track = tracks.get(metric.id());
            if (track == null) {
                track = new RateTrack();
            }
            long successes = counts.successes(metric);
            long trials = counts.trials(metric);
            RateTrack.Outcome outcome =
                    track.observe(
                            successes,
                            trials,
                            metric,
                            options,
                            AlertEvent.id(
                                    key.run(),
                                    key.model(),
                                    key.category(),
                                    metric.id(),
                                    windowStart));
            tracks.put(metric.id(), track);
            if (outcome.change() == RateTrack.Change.NONE) {
                continue;
            }
            boolean firing = outcome.change() == RateTrack.Change.FIRING;
            (firing ? fired : resolved).inc();
            out.collect(
                    new AlertEvent(
                            outcome.alertId(),
                            firing ? AlertEvent.FIRING : AlertEvent.RESOLVED,
                            key.run(),
                            key.model(),
                            key.category(),
                            metric.id(),
                            windowStart,
                            Instant.ofEpochMilli(start + size),
                            (double) successes / trials,
                            trials,
                            orNull(outcome.baselineRate()),
                            outcome.baselineTrials(),
                            firing ? orNull(outcome.pValue()) : null));
        }
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
