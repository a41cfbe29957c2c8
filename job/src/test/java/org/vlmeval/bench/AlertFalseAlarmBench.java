package org.vlmeval.bench;

import org.vlmeval.alerts.AlertMetric;
import org.vlmeval.alerts.AlertOptions;
import org.vlmeval.alerts.RateTrack;

import java.util.SplittableRandom;

/**
 * Measures the regression alerts' false-alarm rate: a stable rate (binomial answers at a fixed
 * accuracy) fed window by window to a {@link RateTrack}; every alert is false. Prints one line per
 * (alpha, window size, rate). Arguments: seeds, windows per seed (defaults 400 and 2,500: a million
 * windows per line). Figures in docs/job.md ("Regression alerts").
 */
public final class AlertFalseAlarmBench {

    private AlertFalseAlarmBench() {}

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int windowsPerSeed = args.length > 1 ? Integer.parseInt(args[1]) : 2_500;
        for (double alpha : new double[] {0.001, AlertOptions.DEFAULT_ALPHA}) {
            AlertOptions options = AlertOptions.builder().alpha(alpha).build();
            for (int n : new int[] {30, 100, 1000}) {
                for (double p : new double[] {0.5, 0.8, 0.95}) {
                    long alarms = 0;
                    for (long seed = 0; seed < seeds; seed++) {
                        SplittableRandom random = new SplittableRandom(seed);
                        RateTrack track = new RateTrack();
                        for (int w = 0; w < windowsPerSeed; w++) {
                            int successes = 0;
                            for (int i = 0; i < n; i++) {
                                if (random.nextDouble() < p) {
                                    successes++;
                                }
                            }
                            RateTrack.Change change =
                                    track.observe(successes, n, AlertMetric.ACCURACY, options, "x")
                                            .change();
                            if (change == RateTrack.Change.FIRING) {
                                alarms++;
                            }
                        }
                    }
                    long windows = (long) seeds * windowsPerSeed;
                    System.out.printf(
                            "alpha=%s window_trials=%d rate=%.2f windows=%d false_alerts=%d"
                                    + " per_million_windows=%.1f%n",
                            alpha, n, p, windows, alarms, alarms * 1e6 / windows);
                }
            }
        }
    }
}
