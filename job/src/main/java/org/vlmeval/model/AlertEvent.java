package org.vlmeval.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A regression alert opening or closing: a row of the {@code alerts} table (one per alert, the
 * resolution updating it) and a message on the alerts topic (keyed by {@link #alertId}). An alert
 * is one episode of one rate of one (run, model, category) being worse than its own trailing
 * baseline; see {@code org.vlmeval.alerts.RateTrack} for the rules.
 *
 * @param alertId stable id: run, model, category, metric and the start of the window that opened
 *     the alert, so a replay of the same input gives the same ids
 * @param state {@value #FIRING} or {@value #RESOLVED}
 * @param run the evaluation run
 * @param model the endpoint name
 * @param category the category, or {@link WindowMetricsRow#ALL_CATEGORIES}
 * @param metric {@code accuracy}, {@code refusal_rate} or {@code hallucination_rate}
 * @param windowStart start of the window that opened (firing) or closed (resolved) the alert
 * @param windowEnd end of that window (exclusive)
 * @param windowRate the rate in that window
 * @param windowTrials the rate's denominator in that window
 * @param baselineRate the baseline rate it was compared with
 * @param baselineTrials trials in that baseline
 * @param pValue one-sided p-value of the window against the baseline (firing only; else null)
 */
public record AlertEvent(
        String alertId,
        String state,
        String run,
        String model,
        String category,
        String metric,
        Instant windowStart,
        Instant windowEnd,
        double windowRate,
        long windowTrials,
        Double baselineRate,
        long baselineTrials,
        Double pValue) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public AlertEvent {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(state, "state");
        if (!state.equals(FIRING) && !state.equals(RESOLVED)) {
            throw new IllegalArgumentException("state must be firing or resolved, was " + state);
        }
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
    }

    /** The id of the alert a window opens. */
    public static String id(
            String run, String model, String category, String metric, Instant windowStart) {
        return run + "/" + model + "/" + category + "/" + metric + "/" + windowStart;
    }
}
