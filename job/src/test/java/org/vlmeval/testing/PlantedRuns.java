package org.vlmeval.testing;

import org.vlmeval.model.AnswerRow;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Runs whose answers a comparison test controls, and the exact p-values to expect of them.
 *
 * <p>The planted regression: over 400 requests, the baseline is right on 320 ({@code i % 5 != 0});
 * the candidate loses 26 of those ({@code i % 5 == 1, i < 130}) and gains 6 ({@code i % 5 == 0, i <
 * 30}): 300 right, 5 points down, discordant pairs 6 and 26.
 */
public final class PlantedRuns {

    public static final int EVENTS = 400;

    public static final IntPredicate BASELINE = i -> i % 5 != 0;

    public static final IntPredicate FIVE_POINTS_WORSE =
            i -> (BASELINE.test(i) && !(i % 5 == 1 && i < 130)) || (i % 5 == 0 && i < 30);

    private PlantedRuns() {}

    /**
     * The answers of endpoint {@code llama} in run {@code run} to {@link #EVENTS} requests ({@link
     * Rows#requestId}), alternately in categories chart and ocr, right where {@code correct} says.
     */
    public static List<AnswerRow> run(String run, IntPredicate correct) {
        List<AnswerRow> rows = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            rows.add(
                    Rows.answer()
                            .run(run)
                            .requestId(Rows.requestId(i))
                            .category(i % 2 == 0 ? "chart" : "ocr")
                            .correct(correct.test(i))
                            .build());
        }
        return rows;
    }

    /**
     * The exact McNemar p-value, 2 * P(X <= k) for X ~ Binomial(m, 1/2) capped at 1: a sum of exact
     * integers and one division, independent of the production code's log-space computation.
     */
    public static double exactMcNemar(int k, int m) {
        BigInteger sum = BigInteger.ZERO;
        BigInteger choose = BigInteger.ONE;
        for (int i = 0; i <= k; i++) {
            sum = sum.add(choose);
            choose = choose.multiply(BigInteger.valueOf(m - i)).divide(BigInteger.valueOf(i + 1));
        }
        return Math.min(
                1.0,
                new BigDecimal(sum.shiftLeft(1))
                        .divide(new BigDecimal(BigInteger.ONE.shiftLeft(m)), MathContext.DECIMAL64)
                        .doubleValue());
    }
}
