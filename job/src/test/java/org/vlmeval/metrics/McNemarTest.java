package org.vlmeval.metrics;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class McNemarTest {

    /** 2 * sum_{i <= min(b,c)} C(b+c, i) / 2^(b+c), capped at 1, with exact integers. */
    static double exactByBigIntegers(int b, int c) {
        int m = b + c;
        int k = Math.min(b, c);
        BigInteger choose = BigInteger.ONE;
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i <= k; i++) {
            sum = sum.add(choose);
            choose = choose.multiply(BigInteger.valueOf(m - i)).divide(BigInteger.valueOf(i + 1));
        }
        BigDecimal p =
                new BigDecimal(sum.shiftLeft(1))
                        .divide(new BigDecimal(BigInteger.ONE.shiftLeft(m)), MathContext.DECIMAL64);
        return Math.min(1.0, p.doubleValue());
    }

    @Test
    void equalsTheExactSumForSmallAndLargeTables() {
        int[][] cases = {
            {0, 1},
            {1, 0},
            {0, 5},
            {3, 7},
            {7, 3},
            {6, 16},
            {10, 10},
            {9, 10},
            {0, 60},
            {140, 60},
            {900, 1100},
            {4_900, 5_100},
            {9_700, 10_300}
        };
        for (int[] bc : cases) {
            double expected = exactByBigIntegers(bc[0], bc[1]);
            assertThat(McNemar.exactP(bc[0], bc[1]))
                    .as("b=%d c=%d", bc[0], bc[1])
                    .isCloseTo(expected, within(expected * 1e-10));
        }
    }

    @Test
    void matchesThePublishedCavoExample() {
        // Fagerland, Lydersen, Laake (2013), BMC Med Res Methodol 13:91: complete response before
        // and after consolidation therapy, discordant 6 and 16; exact conditional p = 0.052.
        assertThat(McNemar.exactP(6, 16)).isCloseTo(2 * 110_056 / 4_194_304.0, within(1e-15));
        assertThat(McNemar.exactP(6, 16)).isCloseTo(0.052, within(5e-4));
    }

    @Test
    void aMillionDiscordantPairsAgreeWithTheNormalLimit() {
        // b + c = 10^6: the continuity-corrected normal approximation is accurate to O(1/m) here.
        long b = 499_000;
        long c = 501_000;
        double z = (Math.abs(b - c) - 1) / Math.sqrt(b + c);
        double normal = Normal.twoSided(z);
        assertThat(McNemar.exactP(b, c)).isCloseTo(normal, within(normal * 1e-4));
        // Far in the tail the log-space sum still gives a positive, finite p-value.
        double tiny = McNemar.exactP(490_000, 510_000);
        assertThat(tiny).isGreaterThan(0).isLessThan(1e-80);
        double zTail = (20_000 - 1) / 1000.0;
        assertThat(Math.log(tiny)).isCloseTo(Math.log(Normal.twoSided(zTail)), within(0.05));
    }

    @Test
    void noDiscordantPairsIsNoEvidence() {
        assertThat(McNemar.exactP(0, 0)).isEqualTo(1.0);
        assertThat(McNemar.exactP(500_000, 500_000)).isEqualTo(1.0);
        assertThatThrownBy(() -> McNemar.exactP(-1, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
