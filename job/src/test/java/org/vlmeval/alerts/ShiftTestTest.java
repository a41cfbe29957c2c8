package org.vlmeval.alerts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class ShiftTestTest {

    /** P(Z > z) by Simpson's rule over the normal density from z to z + 12: independent. */
    private static double tailByIntegration(double z) {
        int n = 200_000;
        double a = z;
        double b = z + 12;
        double h = (b - a) / n;
        double sum = pdf(a) + pdf(b);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 0 ? 2 : 4) * pdf(a + i * h);
        }
        return sum * h / 3;
    }

    private static double pdf(double x) {
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }

    @Test
    void pValueIsTheOneSidedPooledContinuityCorrectedZTestInTheBadDirection() {
        // Accuracy 150/200 in the window against 850/1000 in the baseline: a drop.
        double pooled = (150.0 + 850) / 1200;
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / 200 + 1.0 / 1000));
        double correction = 0.5 * (1.0 / 200 + 1.0 / 1000);
        double z = (0.85 - 0.75 - correction) / se;
        assertThat(ShiftTest.pValue(150, 200, 850, 1000, false))
                .isCloseTo(tailByIntegration(z), offset(1e-7))
                .isLessThan(0.001);
        // For a rate where higher is worse (refusals) the same counts are an improvement: the
        // p-value is that of the opposite tail, beyond the correction.
        double zUp = (0.75 - 0.85 - correction) / se;
        assertThat(ShiftTest.pValue(150, 200, 850, 1000, true))
                .isCloseTo(tailByIntegration(zUp), offset(1e-7))
                .isGreaterThan(0.99);
    }

    @Test
    void noVarianceMeansNothingToTest() {
        assertThat(ShiftTest.pValue(0, 50, 0, 500, true)).isEqualTo(1.0);
        assertThat(ShiftTest.pValue(50, 50, 500, 500, false)).isEqualTo(1.0);
    }

    @Test
    void emptyWindowsAreRefused() {
        assertThatThrownBy(() -> ShiftTest.pValue(0, 0, 1, 10, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
