package org.vlmeval.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AgreementTest {

    /**
     * A 2x2 table worked by hand: judge yes/no (rows) against truth yes/no (columns), [[20, 5],
     * [10, 15]], n = 50. po = 35/50 = 0.7. Row shares 25/50, 25/50; column shares 30/50, 20/50; pe
     * = 0.5 * 0.6 + 0.5 * 0.4 = 0.5. kappa = (0.7 - 0.5) / 0.5 = 0.4.
     */
    @Test
    void kappaOfATwoByTwoTableWorkedByHand() {
        Agreement a = new Agreement(List.of("yes", "no"), new long[][] {{20, 5}, {10, 15}});
        assertThat(a.total()).isEqualTo(50);
        assertThat(a.accuracy()).isCloseTo(0.7, within(1e-12));
        assertThat(a.chanceAgreement()).isCloseTo(0.5, within(1e-12));
        assertThat(a.kappa()).isCloseTo(0.4, within(1e-12));
    }

    /**
     * Three categories, the truth never in the third (a judge's "unsure"): rows correct, incorrect,
     * unsure = [[6, 1, 0], [2, 4, 0], [1, 1, 0]], n = 15. po = 10/15. Rows 7, 6, 2; columns 9, 6,
     * 0. pe = (7*9 + 6*6 + 2*0) / 225 = 99/225 = 0.44. kappa = (2/3 - 0.44) / 0.56 = 0.404761...
     */
    @Test
    void kappaWithAnUnsureRowWorkedByHand() {
        Agreement a =
                new Agreement(
                        List.of("correct", "incorrect", "unsure"),
                        new long[][] {{6, 1, 0}, {2, 4, 0}, {1, 1, 0}});
        assertThat(a.accuracy()).isCloseTo(10.0 / 15, within(1e-12));
        assertThat(a.chanceAgreement()).isCloseTo(0.44, within(1e-12));
        assertThat(a.kappa()).isCloseTo((10.0 / 15 - 0.44) / 0.56, within(1e-12));
        assertThat(a.kappa()).isCloseTo(0.4047619, within(1e-6));
    }

    @Test
    void addCountsCasesOneByOne() {
        Agreement a = Agreement.empty(List.of("yes", "no"));
        a = a.add("yes", "yes").add("yes", "no").add("no", "no").add("no", "no");
        assertThat(a).isEqualTo(new Agreement(List.of("yes", "no"), new long[][] {{1, 1}, {0, 2}}));
        assertThat(a.count("yes", "no")).isEqualTo(1);
        // po = 3/4; pe = (2/4)(1/4) + (2/4)(3/4) = 0.5; kappa = 0.25 / 0.5 = 0.5.
        assertThat(a.kappa()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void perfectAgreementIsOneAndChanceLevelIsZero() {
        assertThat(new Agreement(List.of("a", "b"), new long[][] {{3, 0}, {0, 7}}).kappa())
                .isCloseTo(1.0, within(1e-12));
        // Every row has the same distribution as the columns: po = pe.
        assertThat(new Agreement(List.of("a", "b"), new long[][] {{1, 1}, {1, 1}}).kappa())
                .isCloseTo(0.0, within(1e-12));
    }

    @Test
    void undefinedCasesAreNaN() {
        assertThat(Agreement.empty(List.of("a", "b")).kappa()).isNaN();
        assertThat(Agreement.empty(List.of("a", "b")).accuracy()).isNaN();
        assertThat(new Agreement(List.of("a", "b"), new long[][] {{5, 0}, {0, 0}}).kappa())
                .as("both raters always say a: chance agreement is 1")
                .isNaN();
    }
}
