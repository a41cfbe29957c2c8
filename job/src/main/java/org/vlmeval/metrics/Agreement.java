package org.vlmeval.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How well a rater (a judge) agrees with the truth on a square confusion table over the same
 * categories: raw accuracy, and Cohen's kappa, which discounts the agreement two raters with these
 * marginals would reach by chance: {@code kappa = (po - pe) / (1 - pe)}, where {@code po} is the
 * observed agreement and {@code pe = sum_i rowShare_i * columnShare_i}. 1 is perfect, 0 is chance,
 * below 0 worse than chance.
 *
 * @param labels the categories, in row and column order
 * @param counts {@code counts[rater][truth]}: how often the rater said {@code labels[rater]} when
 *     the truth was {@code labels[truth]}
 */
public record Agreement(List<String> labels, long[][] counts) {

    public Agreement {
        labels = List.copyOf(labels);
        Objects.requireNonNull(counts, "counts");
        if (counts.length != labels.size()) {
            throw new IllegalArgumentException("one row per label");
        }
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != labels.size()) {
                throw new IllegalArgumentException("one column per label");
            }
            for (long c : counts[i]) {
                if (c < 0) {
                    throw new IllegalArgumentException("negative count");
                }
            }
            copy[i] = counts[i].clone();
        }
        counts = copy;
    }

    /** An empty table over {@code labels}, to fill with {@link #add}. */
    public static Agreement empty(List<String> labels) {
        return new Agreement(labels, new long[labels.size()][labels.size()]);
    }

    /** The same table with one more case. */
    public Agreement add(String rater, String truth) {
        long[][] next = counts();
        next[index(rater)][index(truth)]++;
        return new Agreement(labels, next);
    }

    public long count(String rater, String truth) {
        return counts[index(rater)][index(truth)];
    }

    /** A copy of the table. */
    @Override
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    public long agreements() {
        long a = 0;
        for (int i = 0; i < counts.length; i++) {
            a += counts[i][i];
        }
        return a;
    }

    /** Observed agreement; NaN for an empty table. */
    public double accuracy() {
        long n = total();
        return n == 0 ? Double.NaN : (double) agreements() / n;
    }

    /** Agreement expected by chance from the marginals; NaN for an empty table. */
    public double chanceAgreement() {
        long n = total();
        if (n == 0) {
            return Double.NaN;
        }
        double pe = 0;
        for (int i = 0; i < counts.length; i++) {
            long row = 0;
            long column = 0;
            for (int j = 0; j < counts.length; j++) {
                row += counts[i][j];
                column += counts[j][i];
            }
            pe += ((double) row / n) * ((double) column / n);
        }
        return pe;
    }

    /**
     * Cohen's kappa; NaN when undefined: an empty table, or both raters putting every case in one
     * and the same category (chance agreement 1).
     */
    public double kappa() {
        double pe = chanceAgreement();
        if (Double.isNaN(pe) || pe >= 1.0) {
            return Double.NaN;
        }
        return (accuracy() - pe) / (1 - pe);
    }

    private int index(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("unknown label '" + label + "', known " + labels);
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Agreement a
                && labels.equals(a.labels)
                && Arrays.deepEquals(counts, a.counts);
    }

    @Override
    public int hashCode() {
        return 31 * labels.hashCode() + Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "Agreement" + labels + Arrays.deepToString(counts);
    }
}
