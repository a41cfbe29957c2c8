package org.vlmeval.metrics;

/**
 * A difference of two proportions, p1 - p2, with its confidence interval; all three in [-1, 1].
 *
 * @param estimate the observed difference
 * @param low lower bound
 * @param high upper bound
 */
public record Difference(double estimate, double low, double high) {

    public Difference {
        if (!(-1.0 <= low && low <= estimate && estimate <= high && high <= 1.0)) {
            throw new IllegalArgumentException(
                    "need -1 <= low <= estimate <= high <= 1, got "
                            + estimate
                            + " ["
                            + low
                            + ", "
                            + high
                            + "]");
        }
    }
}
