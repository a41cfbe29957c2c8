package org.vlmeval.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NormalTest {

    @Test
    void tailsMatchTabulatedValues() {
        // Abramowitz and Stegun, tables 7.1 and 26.1; relative error at most 1e-13 (1 - erf loses
        // a few digits just below the switch to the continued fraction).
        assertThat(Normal.erfc(0.5)).isCloseTo(0.479500122186953, within(1e-15));
        assertThat(Normal.erfc(2.0))
                .isCloseTo(0.004677734981047266, within(0.004677734981047266 * 1e-13));
        assertThat(Normal.erfc(3.0)).isCloseTo(2.209049699858544e-05, within(1e-19));
        assertThat(Normal.upperTail(5.0)).isCloseTo(2.866515718791939e-07, within(1e-20));
        assertThat(Normal.upperTail(-1.0)).isCloseTo(0.8413447460685429, within(1e-15));
        assertThat(Normal.upperTail(0)).isEqualTo(0.5);
    }

    @Test
    void quantileInvertsTheTail() {
        assertThat(Normal.zForTwoSided(0.05)).isCloseTo(Wilson.Z_95, within(1e-12));
        assertThat(Normal.zForTwoSided(0.01)).isCloseTo(2.5758293035489004, within(1e-12));
        assertThat(Normal.zForTwoSided(0.1)).isCloseTo(1.6448536269514722, within(1e-12));
        assertThat(Normal.twoSided(Normal.zForTwoSided(0.003))).isCloseTo(0.003, within(1e-15));
    }
}
