package org.vlmeval.metrics;

/**
 * The standard normal distribution's tail and quantile, in plain Java (the JDK has neither). The
 * tail is accurate to about 1e-13 relative, far below what a p-value or an interval bound printed
 * to four places can show.
 */
public final class Normal {

    private static final double SQRT_PI = Math.sqrt(Math.PI);

    private Normal() {}

    /** P(Z > z) for a standard normal Z. */
    public static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** Two-sided p-value of a standard normal statistic: P(|Z| >= |z|). */
    public static double twoSided(double z) {
        return Math.min(1.0, erfc(Math.abs(z) / Math.sqrt(2)));
    }

    /**
     * The z of a two-sided interval at confidence 1 - alpha: the (1 - alpha/2) quantile, e.g.
     * 1.959964 for alpha = 0.05.
     */
    public static double zForTwoSided(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        return upperQuantile(alpha / 2);
    }

    /**
     * The z with P(Z > z) = q, by bisection on {@link #upperTail}: 200 halvings of [-40, 40] are
     * exact to double precision, and an interval is computed once per command, so speed does not
     * matter here.
     */
    static double upperQuantile(double q) {
        double lo = -40;
        double hi = 40;
        for (int i = 0; i < 200 && hi - lo > 0; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) {
                break;
            }
            if (upperTail(mid) > q) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The complementary error function. */
    static double erfc(double x) {
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 2.5) {
            return 1 - erfSeries(x);
        }
        return erfcContinuedFraction(x);
    }

    /**
     * erf(x) = 2/sqrt(pi) e^(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)): every term is positive,
     * so nothing cancels (the Taylor series alternates and loses digits for x above 1).
     */
    private static double erfSeries(double x) {
        double term = x;
        double sum = x;
        double x2 = x * x;
        for (int n = 1; n < 500; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return 2 / SQRT_PI * Math.exp(-x2) * sum;
    }

    /**
     * erfc(x) = e^(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated
     * by the modified Lentz method; it converges in a few dozen steps for x >= 2.5.
     */
    private static double erfcContinuedFraction(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 1000; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = d == 0 ? tiny : d;
            c = x + a / c;
            c = c == 0 ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / SQRT_PI / f;
    }
}
