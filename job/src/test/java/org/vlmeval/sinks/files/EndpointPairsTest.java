package org.vlmeval.sinks.files;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.testing.Rows;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class EndpointPairsTest {

    /** Exact two-sided binomial test on the discordant pairs, by summing BigInteger binomials. */
    static double exactMcNemar(int b, int c) {
        int m = b + c;
        int k = Math.min(b, c);
        BigInteger sum = BigInteger.ZERO;
        BigInteger choose = BigInteger.ONE;
        for (int i = 0; i <= k; i++) {
            if (i > 0) {
                choose =
                        choose.multiply(BigInteger.valueOf(m - i + 1))
                                .divide(BigInteger.valueOf(i));
            }
            sum = sum.add(choose);
        }
        double tail =
                new BigDecimal(sum)
                        .divide(new BigDecimal(BigInteger.TWO.pow(m)), MathContext.DECIMAL64)
                        .doubleValue();
        return Math.min(1.0, 2 * tail);
    }

    private static AnswerRow row(String endpoint, int id, Boolean correct) {
        return Rows.answer()
                .run("r")
                .endpoint(endpoint)
                .requestId("q" + id)
                .correct(correct)
                .build();
    }

    @Test
    void discordantCountsAndTheExactPValueOfEachPairHolmAdjusted() {
        List<AnswerRow> rows = new ArrayList<>();
        // 200 questions: a right on 160, b on 140 (30 a-only, 10 b-only); c answered all of them
        // but none had a reference it was scored against.
        for (int i = 0; i < 200; i++) {
            boolean a = i < 160;
            boolean b = i < 130 || (i >= 160 && i < 170);
            rows.add(row("a", i, a));
            rows.add(row("b", i, b));
            rows.add(row("c", i, null));
        }
        List<EndpointPairs.Pair> pairs = EndpointPairs.of(rows);

        assertThat(pairs).extracting(p -> p.a() + "-" + p.b()).containsExactly("a-b", "a-c", "b-c");
        EndpointPairs.Pair ab = pairs.get(0);
        assertThat(ab.events()).isEqualTo(200);
        assertThat(ab.aOnly()).isEqualTo(30);
        assertThat(ab.bOnly()).isEqualTo(10);
        assertThat(ab.difference().estimate()).isCloseTo(0.10, offset(1e-12));
        assertThat(ab.difference().low()).isStrictlyBetween(0.0, 0.10);
        assertThat(ab.p()).isCloseTo(exactMcNemar(30, 10), offset(1e-12));
        // Only a-b could be tested (c shares no scored question): Holm over one pair.
        assertThat(ab.pHolm()).isEqualTo(ab.p());
        assertThat(pairs.get(1).difference()).isNull();
        assertThat(pairs.get(1).p()).isNaN();
    }

    @Test
    void aJudgesVerdictsAreNotPaired() {
        // Both endpoints graded by a judge on the same ten requests: no reference-based pair.
        List<AnswerRow> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(row("a", i, null).judgedBy("qwen", i < 8));
            rows.add(row("b", i, null).judgedBy("qwen", i < 2));
        }
        List<EndpointPairs.Pair> pairs = EndpointPairs.of(rows);
        assertThat(pairs).hasSize(1);
        assertThat(pairs.get(0).events()).isZero();
    }
}
