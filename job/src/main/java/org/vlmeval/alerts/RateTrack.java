package org.vlmeval.alerts;

import java.util.Arrays;

/**
 * The alert state of one rate of one (run, endpoint, category): its trailing baseline and whether
 * an alert is open. Fed one closed window at a time, in window order, by {@link #observe}.
 *
 * <p>The rules, for a window with enough trials (see {@link AlertOptions}):
 *
 * <ul>
 *   <li><b>Normal.</b> A window is <em>suspect</em> when it is worse than the baseline by at least
 *       {@code min_delta} and significantly so ({@link ShiftTest}, one-sided, at {@code alpha}).
 *       Suspect windows are held out of the baseline; {@code confirm_windows} in a row open an
 *       alert (one event, {@code firing}). A window that is not suspect ends the streak: the held
 *       windows and it join the baseline (a blip is part of normal variation).
 *   <li><b>Firing.</b> The baseline is frozen (a shift must not become its own baseline). A window
 *       closer to the baseline rate than to the rate that fired counts as calm; {@code
 *       resolve_windows} calm windows in a row close the alert (one event, {@code resolved}); the
 *       firing windows never join the baseline.
 * </ul>
 *
 * Windows with too few trials change nothing. A public no-argument constructor and public fields
 * make this a POJO that Flink keeps in keyed state without Kryo.
 */
public final class RateTrack {

    /** Successes of the baseline's windows, a ring of {@code baseline_windows} slots. */
    public long[] baseSuccesses = new long[0];

    /** Trials of the baseline's windows, parallel to {@link #baseSuccesses}. */
    public long[] baseTrials = new long[0];

    /** The next ring slot to overwrite. */
    public int ringNext;

    /** Suspect windows in a row (normal state). */
    public int suspect;

    /** Successes and trials of the suspect windows held out of the baseline. */
    public long heldSuccesses;

    public long heldTrials;

    /** The open alert's id, or null when none is open. */
    public String alertId;

    /** The baseline rate when the alert opened (frozen while it is open). */
    public double firedBaseline;

    /** The rate of the windows that opened the alert. */
    public double firedRate;

    /** Calm windows in a row (firing state). */
    public int calm;

    public RateTrack() {}

    /** What {@link #observe} decided for one window. */
    public enum Change {
        NONE,
        FIRING,
        RESOLVED
    }

    /**
     * The outcome of one window: the change (if any) with the figures it was decided on.
     *
     * @param change none, an alert opened, or the open alert resolved
     * @param alertId the alert's id (for {@code FIRING} and {@code RESOLVED}), else null
     * @param baselineRate the baseline rate the window was compared with (NaN without a baseline)
     * @param baselineTrials trials in that baseline
     * @param pValue the one-sided p-value of the window against it (NaN when not tested)
     */
    public record Outcome(
            Change change,
            String alertId,
            double baselineRate,
            long baselineTrials,
            double pValue) {}

    /**
     * Takes one closed window.
     *
     * @param successes the window's successes (correct, refusals, hallucinations)
     * @param trials the window's trials (scored, answered, answers with objects)
     * @param metric which rate, for the direction of a regression
     * @param options thresholds
     * @param newAlertId the id an alert opened by this window gets
     */
    public Outcome observe(
            long successes,
            long trials,
            AlertMetric metric,
            AlertOptions options,
            String newAlertId) {
        ensureRing(options.baselineWindows());
        long baseS = 0;
        long baseN = 0;
        for (int i = 0; i < baseTrials.length; i++) {
            baseS += baseSuccesses[i];
            baseN += baseTrials[i];
        }
        if (trials < options.minWindowTrials()) {
            return new Outcome(Change.NONE, null, rate(baseS, baseN), baseN, Double.NaN);
        }
        double windowRate = (double) successes / trials;
        if (alertId != null) {
            return whileFiring(windowRate, baseN, options.resolveWindows());
        }
        if (baseN < options.minBaselineTrials()) {
            admit(successes, trials);
            return new Outcome(Change.NONE, null, rate(baseS, baseN), baseN, Double.NaN);
        }
        double baseRate = (double) baseS / baseN;
        double p = ShiftTest.pValue(successes, trials, baseS, baseN, metric.higherIsWorse());
        double worse = metric.higherIsWorse() ? windowRate - baseRate : baseRate - windowRate;
        boolean isSuspect = p < options.alpha() && worse >= options.minDelta();
        if (!isSuspect) {
            if (heldTrials > 0) {
                admit(heldSuccesses, heldTrials);
            }
            admit(successes, trials);
            suspect = 0;
            heldSuccesses = 0;
            heldTrials = 0;
            return new Outcome(Change.NONE, null, baseRate, baseN, p);
        }
        suspect++;
        heldSuccesses += successes;
        heldTrials += trials;
        if (suspect < options.confirmWindows()) {
            return new Outcome(Change.NONE, null, baseRate, baseN, p);
        }
        alertId = newAlertId;
        firedBaseline = baseRate;
        firedRate = (double) heldSuccesses / heldTrials;
        calm = 0;
        suspect = 0;
        heldSuccesses = 0;
        heldTrials = 0;
        return new Outcome(Change.FIRING, alertId, baseRate, baseN, p);
    }

    private Outcome whileFiring(double windowRate, long baseN, int resolveWindows) {
        String id = alertId;
        boolean isCalm = Math.abs(windowRate - firedBaseline) < Math.abs(windowRate - firedRate);
        calm = isCalm ? calm + 1 : 0;
        if (calm < resolveWindows) {
            return new Outcome(Change.NONE, id, firedBaseline, baseN, Double.NaN);
        }
        alertId = null;
        calm = 0;
        return new Outcome(Change.RESOLVED, id, firedBaseline, baseN, Double.NaN);
    }

    private void admit(long successes, long trials) {
        baseSuccesses[ringNext] = successes;
        baseTrials[ringNext] = trials;
        ringNext = (ringNext + 1) % baseTrials.length;
    }

    /** Sizes the ring to the configured baseline (a restore with a new setting starts afresh). */
    private void ensureRing(int windows) {
        if (baseTrials.length != windows) {
            baseSuccesses = new long[windows];
            baseTrials = new long[windows];
            ringNext = 0;
        }
    }

    private static double rate(long successes, long trials) {
        return trials == 0 ? Double.NaN : (double) successes / trials;
    }

    @Override
    public String toString() {
        return "RateTrack{base="
                + Arrays.toString(baseTrials)
                + ", suspect="
                + suspect
                + ", alert="
                + alertId
                + ", calm="
                + calm
                + '}';
    }
}
