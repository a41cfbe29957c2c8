package org.vlmeval.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WilsonTest {

    @Test
    void matchesPublishedValues() {
        // 81 of 263 at 95% (Wikipedia's example, also commons-math3's WilsonScoreInterval).
        Interval i = Wilson.interval95(81, 263);
        assertThat(i.low()).isCloseTo(0.2553, within(5e-4));
        assertThat(i.high()).isCloseTo(0.3662, within(5e-4));
    }

    @Test
    void smallPerfectWindowsAreNotCertain() {
        Interval i = Wilson.interval95(3, 3);
        assertThat(i.high()).isEqualTo(1.0);
        assertThat(i.low()).isCloseTo(0.4385, within(5e-4));
        Interval none = Wilson.interval95(0, 3);
        assertThat(none.low()).isZero();
        assertThat(none.high()).isCloseTo(0.5615, within(5e-4));
    }

    @Test
    void noTrialsNoInterval() {
        assertThat(Wilson.interval95(0, 0)).isNull();
    }

    @Test
    void containsTheObservedRateAndNarrowsWithMoreTrials() {
        for (int n = 1; n <= 200; n++) {
            for (int k = 0; k <= n; k++) {
                Interval i = Wilson.interval95(k, n);
                double p = (double) k / n;
                assertThat(p).isBetween(i.low(), i.high());
            }
        }
        double narrow = width(Wilson.interval95(500, 1000));
        double wide = width(Wilson.interval95(5, 10));
        assertThat(narrow).isLessThan(wide);
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> Wilson.interval95(4, 3))
                .hasMessageContaining("successes <= trials");
    }

    private static double width(Interval i) {
        return i.high() - i.low();
    }
}
