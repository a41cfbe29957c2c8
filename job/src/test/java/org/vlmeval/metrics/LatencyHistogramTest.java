package org.vlmeval.metrics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyHistogramTest {

    @Test
    void quantilesAreWithinOnePercentOfTheExactOnes() {
        SplittableRandom random = new SplittableRandom(42);
        long[] values = new long[20_000];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            // Log-normal-ish latencies from 50 ms to a long tail of tens of seconds.
            values[i] = Math.round(Math.exp(6 + random.nextGaussian() * 1.2));
            h.add(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 1.0}) {
            long exact = values[(int) Math.max(0, Math.ceil(q * values.length) - 1)];
            assertThat((double) h.quantileMs(q))
                    .as("q=" + q)
                    .isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(1.5));
        }
        assertThat(h.count()).isEqualTo(values.length);
        assertThat(h.bucketCount()).isLessThan(800);
    }

    @Test
    void mergingEqualsRecordingEverythingInOne() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        LatencyHistogram all = new LatencyHistogram();
        for (long v = 0; v < 5000; v += 7) {
            (v % 2 == 0 ? a : b).add(v);
            all.add(v);
        }
        a.merge(b);
        for (double q : new double[] {0.0, 0.25, 0.5, 0.75, 0.99, 1.0}) {
            assertThat(a.quantileMs(q)).isEqualTo(all.quantileMs(q));
        }
        assertThat(a.count()).isEqualTo(all.count());
        assertThat(a.maxMs()).isEqualTo(all.maxMs());
    }

    @Test
    void smallAndEmptyCases() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.quantileMs(0.5)).isNull();
        h.add(0);
        assertThat(h.quantileMs(0.5)).isZero();
        h.add(1200);
        assertThat(h.quantileMs(1.0)).isBetween(1188L, 1200L);
        h.add(-5);
        assertThat(h.count()).isEqualTo(3);
    }
}
