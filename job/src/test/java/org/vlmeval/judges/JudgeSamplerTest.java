package org.vlmeval.judges;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JudgeSamplerTest {

    /**
     * Positions computed outside Java (Python: {@code int.from_bytes(sha256(id + b"\0" +
     * judge).digest()[:8], "big") / 2**64}): the sample is the same in every JVM and run.
     */
    @Test
    void positionsAreTheFirstEightBytesOfSha256() {
        assertThat(JudgeSampler.position("kcal-5-pieces", "qwen-judge"))
                .isCloseTo(0.6296322117774784, within(1e-15));
        assertThat(JudgeSampler.position("fruit-kinds", "qwen-judge"))
                .isCloseTo(0.03684762001321793, within(1e-15));
        assertThat(JudgeSampler.position("fruit-kinds", "llama-judge"))
                .isCloseTo(0.3417980322972909, within(1e-15));
        assertThat(JudgeSampler.position("请求-1", "judge"))
                .isCloseTo(0.23983201822707037, within(1e-15));
    }

    @Test
    void aRequestIsSampledWhenItsPositionIsBelowTheRate() {
        assertThat(JudgeSampler.sampled("kcal-5-pieces", "qwen-judge", 0.63)).isTrue();
        assertThat(JudgeSampler.sampled("kcal-5-pieces", "qwen-judge", 0.62)).isFalse();
        assertThat(JudgeSampler.sampled("fruit-kinds", "qwen-judge", 0.05)).isTrue();
        assertThat(JudgeSampler.sampled("anything", "j", 1.0)).isTrue();
        assertThat(JudgeSampler.sampled("anything", "j", 0.0)).isFalse();
    }

    @Test
    void theSampledShareIsTheRateAndJudgesSampleIndependently() {
        int n = 20_000;
        int a = 0;
        int b = 0;
        int both = 0;
        for (int i = 0; i < n; i++) {
            boolean inA = JudgeSampler.sampled("req-" + i, "judge-a", 0.1);
            boolean inB = JudgeSampler.sampled("req-" + i, "judge-b", 0.1);
            a += inA ? 1 : 0;
            b += inB ? 1 : 0;
            both += inA && inB ? 1 : 0;
        }
        // Binomial(20000, 0.1): sd 42; 5 sd either side.
        assertThat(a).isBetween(1790, 2210);
        assertThat(b).isBetween(1790, 2210);
        // Independent: about 1% in both (sd 14), not 10% as one shared hash would give.
        assertThat(both).isBetween(130, 270);
    }

    @Test
    void theSeparatorKeepsIdAndJudgeApart() {
        assertThat(JudgeSampler.position("ab", "c")).isNotEqualTo(JudgeSampler.position("a", "bc"));
    }
}
