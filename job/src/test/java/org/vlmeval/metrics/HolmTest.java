package org.vlmeval.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HolmTest {

    @Test
    void stepsDownAndKeepsTheOrderGiven() {
        // Sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 -> max(0.06, 0.04) = 0.06.
        double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertThat(adjusted[0]).isCloseTo(0.03, within(1e-15));
        assertThat(adjusted[1]).isCloseTo(0.06, within(1e-15));
        assertThat(adjusted[2]).isCloseTo(0.06, within(1e-15));
        assertThat(adjusted[3]).isCloseTo(0.02, within(1e-15));
    }

    @Test
    void capsAtOneAndSkipsUntested() {
        double[] adjusted = Holm.adjust(new double[] {0.6, Double.NaN, 0.7, 0.02});
        assertThat(adjusted[3]).isCloseTo(0.06, within(1e-15));
        assertThat(adjusted[0]).isEqualTo(1.0); // 2 * 0.6, capped
        assertThat(adjusted[2]).isEqualTo(1.0);
        assertThat(adjusted[1]).isNaN();
        assertThat(Holm.adjust(new double[0])).isEmpty();
    }
}
