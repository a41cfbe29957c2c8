package org.vlmeval.metrics;

/**
 * The confidence interval for the difference of two proportions measured on the same events:
 * Newcombe's method 10 (Newcombe RG, "Improved confidence intervals for the difference between
 * binomial proportions based on paired data", Statistics in Medicine 17:2635-2650, 1998), the
 * "square-and-add" combination of the two marginal Wilson intervals with the correlation of the
 * pairs. Chosen over the Wald interval, which collapses or overshoots [-1, 1] when the rates are
 * near 0 or 1 or the table is small, and over Tango's score interval, which needs an iterative root
 * search for no practical gain (Fagerland, Lydersen and Laake, Stat Med 33:2850, 2014 rank both
 * among the recommended intervals).
 *
 * <p>The table: {@code a} events right in both, {@code b} right in the first only, {@code c} right
 * in the second only, {@code d} wrong in both; n = a + b + c + d; p1 = (a + b)/n, p2 = (a + c)/n, D
 * = p1 - p2 = (b - c)/n. With (l1, u1) and (l2, u2) the Wilson intervals of p1 and p2:
 *
 * <pre>
 *   L = D - sqrt((p1 - l1)^2 - 2 phi (p1 - l1)(u2 - p2) + (u2 - p2)^2)
 *   U = D + sqrt((p2 - l2)^2 - 2 phi (p2 - l2)(u1 - p1) + (u1 - p1)^2)
 * </pre>
 *
 * where phi estimates the correlation of the pairs, (ad - bc)/sqrt((a+b)(c+d)(a+c)(b+d)), with
 * Newcombe's correction: ad - bc is replaced by max(ad - bc - n/2, 0) when positive; phi = 0 when a
 * margin is empty.
 */
public final class PairedDifference {

    private PairedDifference() {}

    /** The difference p1 - p2 and its interval at the confidence given by z; null when n = 0. */
    public static Difference interval(long a, long b, long c, long d, double z) {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException(
                    "negative count in " + a + ", " + b + ", " + c + ", " + d);
        }
        long n = a + b + c + d;
        if (n == 0) {
            return null;
        }
        double p1 = (double) (a + b) / n;
        double p2 = (double) (a + c) / n;
        Interval first = Wilson.interval(a + b, n, z);
        Interval second = Wilson.interval(a + c, n, z);
        double phi = phi(a, b, c, d);
        double below1 = p1 - first.low();
        double above1 = first.high() - p1;
        double below2 = p2 - second.low();
        double above2 = second.high() - p2;
        double estimate = (double) (b - c) / n;
        double low =
                estimate
                        - Math.sqrt(
                                Math.max(
                                        0,
                                        below1 * below1
                                                - 2 * phi * below1 * above2
                                                + above2 * above2));
        double high =
                estimate
                        + Math.sqrt(
                                Math.max(
                                        0,
                                        below2 * below2
                                                - 2 * phi * below2 * above1
                                                + above1 * above1));
        return new Difference(estimate, Math.max(-1, low), Math.min(1, high));
    }

    /** Newcombe's phi: the pairs' correlation with a continuity correction when positive. */
    static double phi(long a, long b, long c, long d) {
        double margins = (double) (a + b) * (c + d) * (a + c) * (b + d);
        if (margins == 0) {
            return 0;
        }
        double n = a + b + c + d;
        double cross = (double) a * d - (double) b * c;
        double corrected = cross > 0 ? Math.max(cross - n / 2, 0) : cross;
        return corrected / Math.sqrt(margins);
    }
}
