package org.vlmeval.metrics;

/**
 * The exact McNemar test for paired binary outcomes: of the events both runs answered, {@code b}
 * went right in the first and wrong in the second, {@code c} the reverse. Under "no difference"
 * each discordant event is equally likely to fall either way, so b ~ Binomial(b + c, 1/2), and the
 * two-sided p-value is {@code min(1, 2 * P(X <= min(b, c)))} (McNemar 1947; the exact conditional
 * form, e.g. Fagerland, Lydersen and Laake 2013, BMC Med Res Methodol 13:91).
 *
 * <p>Computed in log space: log C(m, k) - m log 2 plus the log of the tail sum relative to its
 * largest term, so b + c in the millions neither overflows nor underflows before the result does (a
 * p-value below about 1e-308 is reported as 0).
 */
public final class McNemar {

    private McNemar() {}

    /** The two-sided exact p-value for discordant counts b and c; 1 when both are 0. */
    public static double exactP(long b, long c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("need b, c >= 0, got " + b + ", " + c);
        }
        long m = b + c;
        if (m == 0) {
            return 1.0;
        }
        long k = Math.min(b, c);
        if (2 * k == m) {
            return 1.0; // the lower tail holds at least half the mass
        }
        return Math.min(1.0, 2 * Math.exp(logLowerTail(m, k)));
    }

    /**
     * log P(X <= k) for X ~ Binomial(m, 1/2) and k < m/2. The terms C(m, i) grow with i up to m/2,
     * so the largest is C(m, k); the others are summed relative to it (ratio C(m, i-1)/C(m, i) = i
     * / (m - i + 1)) until they no longer change the sum.
     */
    static double logLowerTail(long m, long k) {
        double relative = 1.0;
        double term = 1.0;
        for (long i = k; i > 0; i--) {
            term *= (double) i / (m - i + 1);
            relative += term;
            if (term < relative * 1e-17) {
                break;
            }
        }
        return logChoose(m, k) - m * Math.log(2) + Math.log(relative);
    }

    /**
     * log C(m, k) as the sum of log((m - i) / (i + 1)) for i < k: exact in every factor, and k
     * terms (at most half a million for m = 10^6) take a few milliseconds. log1p keeps the factors
     * near 1 exact when m is large and i small.
     */
    static double logChoose(long m, long k) {
        double sum = 0;
        for (long i = 0; i < k; i++) {
            sum += Math.log1p((double) (m - 2 * i - 1) / (i + 1));
        }
        return sum;
    }
}
