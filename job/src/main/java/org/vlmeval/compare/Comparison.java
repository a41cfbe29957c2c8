package org.vlmeval.compare;

import java.util.List;

/**
 * The result of comparing a candidate run with a baseline.
 *
 * @param baseline what the baseline was read from (a directory or a run id)
 * @param candidate likewise for the candidate
 * @param alpha the significance level (intervals are at confidence 1 - alpha)
 * @param maxDropPoints the allowed worsening, in percentage points
 * @param rows every compared rate, by endpoint, category (all first) and measure
 */
public record Comparison(
        String baseline,
        String candidate,
        double alpha,
        double maxDropPoints,
        List<ComparisonRow> rows) {

    public Comparison {
        rows = List.copyOf(rows);
    }

    /** The rows that failed the gate. */
    public List<ComparisonRow> regressions() {
        return rows.stream().filter(ComparisonRow::regression).toList();
    }

    /** How many rows were tested: the size of Holm's family. */
    public long tested() {
        return rows.stream().filter(r -> !Double.isNaN(r.p())).count();
    }
}
