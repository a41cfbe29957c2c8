package org.vlmeval.metrics;

/**
 * The Wilson score interval for a binomial proportion. Chosen over the normal ("Wald") interval
 * because dashboards show rates of small windows: with 3 of 3 correct the Wald interval collapses
 * to [1, 1], while Wilson says [0.44, 1], which is what a careful reader should see.
 */
public final class Wilson {

    /** The 97.5th percentile of the standard normal distribution: a 95% two-sided interval. */
    public static final double Z_95 = 1.959963984540054;

    private Wilson() {}

    /** The 95% interval, or null when there were no trials. */
    public static Interval interval95(long successes, long trials) {
        return interval(successes, trials, Z_95);
    }

    /** The interval for confidence level given by {@code z}, or null when there were no trials. */
    public static Interval interval(long successes, long trials, double z) {
        if (successes < 0 || trials < 0 || successes > trials) {
            throw new IllegalArgumentException(
                    "need 0 <= successes <= trials, got " + successes + "/" + trials);
        }
        if (trials == 0) {
            return null;
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // Clamp the floating-point dust at the ends (p = 0 or 1 gives exactly 0 or 1 in exact
        // math).
        double low = successes == 0 ? 0.0 : Math.max(0.0, centre - half);
        double high = successes == trials ? 1.0 : Math.min(1.0, centre + half);
        return new Interval(low, high);
    }
}
