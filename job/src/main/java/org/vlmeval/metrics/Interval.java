package org.vlmeval.metrics;

/**
 * A confidence interval for a rate.
 *
 * @param low lower bound, 0..1
 * @param high upper bound, 0..1
 */
public record Interval(double low, double high) {

    public Interval {
        if (!(0.0 <= low && low <= high && high <= 1.0)) {
            throw new IllegalArgumentException(
                    "need 0 <= low <= high <= 1, got [" + low + ", " + high + "]");
        }
    }
}
