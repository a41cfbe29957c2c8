package org.vlmeval.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction for testing several hypotheses at once (Holm S, "A simple
 * sequentially rejective multiple test procedure", Scandinavian Journal of Statistics 6:65-70,
 * 1979): it keeps the chance of any false "significant" at or below alpha under any dependence
 * between the tests (a comparison's category rows and its overall row are far from independent),
 * and rejects at least what Bonferroni rejects.
 */
public final class Holm {

    private Holm() {}

    /**
     * The adjusted p-values, in the order given: sorted ascending, the i-th smallest (from 0) of m
     * becomes max over j <= i of min(1, (m - j) p_(j)); a hypothesis is rejected at level alpha
     * when its adjusted p-value is at most alpha. NaN entries (nothing tested) stay NaN and do not
     * count in m.
     */
    public static double[] adjust(double[] p) {
        Integer[] order =
                IntStream.range(0, p.length)
                        .filter(i -> !Double.isNaN(p[i]))
                        .boxed()
                        .sorted(Comparator.comparingDouble(i -> p[i]))
                        .toArray(Integer[]::new);
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        int m = order.length;
        double running = 0;
        for (int j = 0; j < m; j++) {
            double p0 = p[order[j]];
            if (p0 < 0 || p0 > 1) {
                throw new IllegalArgumentException("not a p-value: " + p0);
            }
            running = Math.max(running, Math.min(1.0, (m - j) * p0));
            adjusted[order[j]] = running;
        }
        return adjusted;
    }
}
