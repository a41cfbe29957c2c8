package org.vlmeval.alerts;

import org.vlmeval.alerts.RateTrack.Change;
import org.vlmeval.alerts.RateTrack.Outcome;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RateTrackTest {

    private static final AlertOptions DEFAULTS = AlertOptions.defaults();

    /** Feeds windows of {@code n} trials each at the given rates; returns the changes by window. */
    private static List<String> run(
            RateTrack track, AlertMetric metric, double[] rates, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> changes = new ArrayList<>();
        for (int w = 0; w < rates.length; w++) {
            int successes = 0;
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() < rates[w]) {
                    successes++;
                }
            }
            Outcome o = track.observe(successes, n, metric, DEFAULTS, "alert-" + w);
            if (o.change() != Change.NONE) {
                changes.add(w + ":" + o.change() + ":" + o.alertId());
            }
        }
        return changes;
    }

    private static double[] rates(double base, int windows) {
        double[] r = new double[windows];
        java.util.Arrays.fill(r, base);
        return r;
    }

    @Test
    void aStableRateNeverAlertsOverManySeeds() {
        // 200 seeds × 500 windows of 100 answers = 10 million answers at 80% accuracy.
        for (long seed = 0; seed < 200; seed++) {
            assertThat(run(new RateTrack(), AlertMetric.ACCURACY, rates(0.8, 500), 100, seed))
                    .as("seed %d", seed)
                    .isEmpty();
        }
    }

    @Test
    void aPlantedDropFiresOnceWhenConfirmedAndResolvesOnceWhenItEnds() {
        double[] r = rates(0.8, 40);
        for (int w = 20; w < 26; w++) {
            r[w] = 0.45;
        }
        for (long seed = 0; seed < 50; seed++) {
            List<String> changes = run(new RateTrack(), AlertMetric.ACCURACY, r, 100, seed);
            // Window 20 is suspect, 21 confirms; 26 and 27 are calm.
            assertThat(changes)
                    .as("seed %d", seed)
                    .containsExactly("21:FIRING:alert-21", "27:RESOLVED:alert-21");
        }
    }

    @Test
    void aPermanentShiftStaysFiringBecauseTheBaselineIsFrozen() {
        double[] r = rates(0.8, 60);
        for (int w = 20; w < 60; w++) {
            r[w] = 0.55;
        }
        RateTrack track = new RateTrack();
        assertThat(run(track, AlertMetric.ACCURACY, r, 100, 7))
                .containsExactly("21:FIRING:alert-21");
        assertThat(track.alertId).isEqualTo("alert-21");
    }

    @Test
    void aSingleBadWindowIsABlipThatJoinsTheBaseline() {
        RateTrack track = new RateTrack();
        for (int w = 0; w < 12; w++) {
            track.observe(80, 100, AlertMetric.ACCURACY, DEFAULTS, "a" + w);
        }
        Outcome blip = track.observe(50, 100, AlertMetric.ACCURACY, DEFAULTS, "blip");
        assertThat(blip.change()).isEqualTo(Change.NONE);
        assertThat(blip.pValue()).isLessThan(DEFAULTS.alpha());
        assertThat(track.suspect).isEqualTo(1);
        Outcome normal = track.observe(80, 100, AlertMetric.ACCURACY, DEFAULTS, "n");
        assertThat(normal.change()).isEqualTo(Change.NONE);
        assertThat(track.suspect).isZero();
        assertThat(track.heldTrials).isZero();
        // The blip and the normal window replaced the two oldest baseline windows.
        long successes = 0;
        for (long s : track.baseSuccesses) {
            successes += s;
        }
        assertThat(successes).isEqualTo(10 * 80 + 50 + 80);
    }

    @Test
    void thinWindowsAndAThinBaselineChangeNothing() {
        RateTrack track = new RateTrack();
        // Below min_baseline_trials (150) nothing is tested: these windows only fill the baseline.
        Outcome first = track.observe(80, 100, AlertMetric.ACCURACY, DEFAULTS, "x");
        assertThat(first.pValue()).isNaN();
        track.observe(80, 100, AlertMetric.ACCURACY, DEFAULTS, "x");
        // A window under min_window_trials (30) is not tested, however bad.
        for (int i = 0; i < 5; i++) {
            Outcome thin = track.observe(0, 29, AlertMetric.ACCURACY, DEFAULTS, "thin");
            assertThat(thin.change()).isEqualTo(Change.NONE);
            assertThat(thin.pValue()).isNaN();
        }
        assertThat(track.suspect).isZero();
    }

    @Test
    void ratesWhereHigherIsWorseAlertOnARiseAndNeverOnAFall() {
        double[] rise = rates(0.05, 30);
        double[] fall = rates(0.30, 30);
        for (int w = 15; w < 30; w++) {
            rise[w] = 0.30;
            fall[w] = 0.05;
        }
        assertThat(run(new RateTrack(), AlertMetric.REFUSAL_RATE, rise, 100, 3))
                .containsExactly("16:FIRING:alert-16");
        assertThat(run(new RateTrack(), AlertMetric.REFUSAL_RATE, fall, 100, 3)).isEmpty();
        // For accuracy the same fall is the regression.
        assertThat(run(new RateTrack(), AlertMetric.ACCURACY, fall, 100, 3))
                .containsExactly("16:FIRING:alert-16");
    }

    @Test
    void aSmallButSignificantChangeUnderMinDeltaDoesNotAlert() {
        // 3 points on windows of 20,000 answers: hugely significant, but under min_delta (5).
        double[] r = rates(0.80, 30);
        for (int w = 15; w < 30; w++) {
            r[w] = 0.77;
        }
        assertThat(run(new RateTrack(), AlertMetric.ACCURACY, r, 20_000, 11)).isEmpty();
    }
}
