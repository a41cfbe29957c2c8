package org.vlmeval.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DifferenceIntervalsTest {

    private static final double Z = Wilson.Z_95;

    private static void assertInterval(Difference d, double low, double high) {
        assertThat(d.low()).as("low of %s", d).isCloseTo(low, within(5e-5));
        assertThat(d.high()).as("high of %s", d).isCloseTo(high, within(5e-5));
    }

    @Test
    void unpairedMatchesNewcombesWorkedExamples() {
        // Newcombe (1998), Stat Med 17:873, table II, method 10 (hybrid score), examples (a)-(h).
        assertInterval(UnpairedDifference.interval(56, 70, 48, 80, Z), 0.0524, 0.3339);
        assertInterval(UnpairedDifference.interval(9, 10, 3, 10, Z), 0.1705, 0.8090);
        // (c): only the upper bound, 0.8062, could be checked against the published table.
        assertThat(UnpairedDifference.interval(6, 7, 2, 7, Z).high())
                .isCloseTo(0.8062, within(5e-5));
        assertInterval(UnpairedDifference.interval(5, 56, 0, 29, Z), -0.0381, 0.1926);
        assertInterval(UnpairedDifference.interval(0, 10, 0, 20, Z), -0.1611, 0.2775);
        assertInterval(UnpairedDifference.interval(0, 10, 0, 10, Z), -0.2775, 0.2775);
        assertInterval(UnpairedDifference.interval(10, 10, 0, 20, Z), 0.6791, 1.0);
        assertInterval(UnpairedDifference.interval(10, 10, 0, 10, Z), 0.6075, 1.0);
    }

    @Test
    void pairedMatchesThePublishedCavoExample() {
        // Fagerland, Lydersen, Laake (2014), Stat Med 33:2850, and their book "Statistical
        // Analysis of Contingency Tables" (2017), ch. 8: Cavo et al. table [[59, 6], [16, 80]],
        // Newcombe square-and-add interval -0.0621 (-0.1186 to -0.0046).
        Difference d = PairedDifference.interval(59, 6, 16, 80, Z);
        assertThat(d.estimate()).isCloseTo(-0.0621, within(5e-5));
        assertInterval(d, -0.1186, -0.0046);
    }

    @Test
    void pairedPhiUsesNewcombesContinuityCorrection() {
        // ad - bc = 59*80 - 6*16 = 4624 > n/2 = 80.5: numerator 4543.5.
        double margins = 65.0 * 96 * 75 * 86;
        assertThat(PairedDifference.phi(59, 6, 16, 80))
                .isCloseTo(4543.5 / Math.sqrt(margins), within(1e-15));
        // 0 <= ad - bc <= n/2 gives 0; negative is used as it is.
        assertThat(PairedDifference.phi(1, 1, 1, 1)).isZero();
        assertThat(PairedDifference.phi(0, 5, 5, 0)).isCloseTo(-1.0, within(1e-15));
        assertThat(PairedDifference.phi(0, 5, 0, 0)).isZero();
    }

    @Test
    void pairedIntervalCoversNearItsNominalLevel() {
        // Newcombe reports method 10's mean coverage close to 0.95; a seeded simulation of 4000
        // tables of 200 pairs with correlated outcomes must cover the true difference 93-97%.
        Random random = new Random(14);
        double pBoth = 0.55;
        double pFirstOnly = 0.12;
        double pSecondOnly = 0.07;
        double truth = pFirstOnly - pSecondOnly;
        int covered = 0;
        int tables = 4000;
        for (int t = 0; t < tables; t++) {
            long[] cells = new long[4];
            for (int i = 0; i < 200; i++) {
                double u = random.nextDouble();
                cells[
                        u < pBoth
                                ? 0
                                : u < pBoth + pFirstOnly
                                        ? 1
                                        : u < pBoth + pFirstOnly + pSecondOnly ? 2 : 3]++;
            }
            Difference d = PairedDifference.interval(cells[0], cells[1], cells[2], cells[3], Z);
            if (d.low() <= truth && truth <= d.high()) {
                covered++;
            }
        }
        assertThat(covered / (double) tables).isBetween(0.93, 0.97);
    }

    @Test
    void unpairedScoreTestEqualsPearsonsChiSquare() {
        // 56/70 vs 48/80: chi-square without correction = n(ad - bc)^2 / (row and column totals).
        double a = 56;
        double b = 14;
        double c = 48;
        double d = 32;
        double n = a + b + c + d;
        double chi2 = n * Math.pow(a * d - b * c, 2) / ((a + b) * (c + d) * (a + c) * (b + d));
        double expected = Normal.twoSided(Math.sqrt(chi2));
        assertThat(UnpairedDifference.scoreTestP(56, 70, 48, 80))
                .isCloseTo(expected, within(1e-12));
        assertThat(UnpairedDifference.scoreTestP(0, 10, 0, 20)).isEqualTo(1.0);
        assertThat(UnpairedDifference.scoreTestP(0, 0, 1, 2)).isNaN();
    }

    @Test
    void emptyTablesHaveNoInterval() {
        assertThat(PairedDifference.interval(0, 0, 0, 0, Z)).isNull();
        assertThat(UnpairedDifference.interval(0, 0, 3, 4, Z)).isNull();
    }
}
