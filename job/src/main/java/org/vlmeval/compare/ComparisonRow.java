package org.vlmeval.compare;

import org.vlmeval.metrics.Difference;
import org.vlmeval.sinks.files.PairedTable;

/**
 * One compared rate: an endpoint, a category ({@link RunComparison#ALL_CATEGORIES} for all), a
 * measure; the two runs' counts, the difference candidate - baseline with its interval, the test.
 *
 * @param endpoint the endpoint name (both runs must call it the same)
 * @param category the request category, {@code *} for all together
 * @param measure the rate
 * @param test how the runs were compared
 * @param baselineSuccesses successes in the baseline (over the paired events when paired)
 * @param baselineEvents the baseline's denominator
 * @param candidateSuccesses successes in the candidate
 * @param candidateEvents the candidate's denominator
 * @param paired the paired table; null unless {@code test} is {@link Test#PAIRED}
 * @param unmatched events only one run answered, left out of a paired comparison
 * @param difference candidate rate - baseline rate with its interval; null when not tested
 * @param p the test's two-sided p-value; NaN when not tested
 * @param holmP p adjusted by Holm over all rows tested; NaN when not tested
 * @param regression significantly worse (holmP at most alpha) by more than the allowed drop
 */
public record ComparisonRow(
        String endpoint,
        String category,
        Measure measure,
        Test test,
        long baselineSuccesses,
        long baselineEvents,
        long candidateSuccesses,
        long candidateEvents,
        PairedTable paired,
        long unmatched,
        Difference difference,
        double p,
        double holmP,
        boolean regression) {

    /** How two runs' rates are compared. */
    public enum Test {
        /** Exact McNemar and Newcombe's paired interval over the events both runs answered. */
        PAIRED,
        /** Pooled score test and Newcombe's hybrid score interval: no event in common. */
        UNPAIRED,
        /** One run has no event for this rate. */
        NONE
    }

    ComparisonRow withHolm(double adjusted, boolean isRegression) {
        return new ComparisonRow(
                endpoint,
                category,
                measure,
                test,
                baselineSuccesses,
                baselineEvents,
                candidateSuccesses,
                candidateEvents,
                paired,
                unmatched,
                difference,
                p,
                adjusted,
                isRegression);
    }

    /** {@code endpoint/category/measure}, how the command names a regression. */
    public String name() {
        return endpoint + "/" + category + "/" + measure.label();
    }

    public Double baselineRate() {
        return baselineEvents == 0 ? null : (double) baselineSuccesses / baselineEvents;
    }

    public Double candidateRate() {
        return candidateEvents == 0 ? null : (double) candidateSuccesses / candidateEvents;
    }

    /** Whether the difference is significant at alpha after Holm, in either direction. */
    public boolean significant(double alpha) {
        return !Double.isNaN(holmP) && holmP <= alpha;
    }
}
