package org.vlmeval.metrics;

/**
 * Comparing two proportions measured on different events (two runs that asked different questions):
 * the Newcombe hybrid score interval for p1 - p2 (method 10 of Newcombe RG, "Interval estimation
 * for the difference between independent proportions: comparison of eleven methods", Statistics in
 * Medicine 17:873-890, 1998) and the two-sided pooled score test.
 *
 * <p>Interval, with (l1, u1), (l2, u2) the Wilson intervals of p1 = x1/n1 and p2 = x2/n2 and D = p1
 * - p2: L = D - sqrt((p1 - l1)^2 + (u2 - p2)^2), U = D + sqrt((u1 - p1)^2 + (p2 - l2)^2).
 *
 * <p>Test: z = D / sqrt(p(1 - p)(1/n1 + 1/n2)) with the pooled p = (x1 + x2)/(n1 + n2), two-sided
 * normal p-value (the score test whose inversion gives the Wilson interval; it equals Pearson's
 * chi-square test of the 2x2 table without continuity correction).
 */
public final class UnpairedDifference {

    private UnpairedDifference() {}

    /** p1 - p2 with its interval at the confidence given by z; null when n1 or n2 is 0. */
    public static Difference interval(long x1, long n1, long x2, long n2, double z) {
        Interval first = Wilson.interval(x1, n1, z);
        Interval second = Wilson.interval(x2, n2, z);
        if (first == null || second == null) {
            return null;
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double estimate = p1 - p2;
        double low = estimate - Math.hypot(p1 - first.low(), second.high() - p2);
        double high = estimate + Math.hypot(first.high() - p1, p2 - second.low());
        return new Difference(estimate, Math.max(-1, low), Math.min(1, high));
    }

    /**
     * The two-sided p-value of the pooled score test; 1 when the pooled rate is 0 or 1 (nothing can
     * differ), NaN when n1 or n2 is 0.
     */
    public static double scoreTestP(long x1, long n1, long x2, long n2) {
        if (x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) {
            throw new IllegalArgumentException(
                    "need 0 <= x <= n, got " + x1 + "/" + n1 + ", " + x2 + "/" + n2);
        }
        if (n1 == 0 || n2 == 0) {
            return Double.NaN;
        }
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
        if (variance == 0) {
            return 1.0;
        }
        double z = ((double) x1 / n1 - (double) x2 / n2) / Math.sqrt(variance);
        return Normal.twoSided(z);
    }
}
