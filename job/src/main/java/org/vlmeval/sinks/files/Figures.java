package org.vlmeval.sinks.files;

import org.vlmeval.metrics.Interval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How summary figures are written for people — the terminal table and the HTML report alike: rates
 * as percentages with one decimal, Wilson bounds in brackets, costs to four significant digits,
 * {@link #NONE} for what is undefined.
 */
public final class Figures {

    /** An undefined figure (no denominator, no value). */
    public static final String NONE = "—";

    private Figures() {}

    /** {@code 83.3%}, or {@link #NONE}. */
    public static String percent(Double rate) {
        return rate == null ? NONE : number(rate * 100) + "%";
    }

    /** {@code 83.3% [69.9–91.1]}, or {@link #NONE}. */
    public static String withInterval(Double rate, Interval ci) {
        if (rate == null) {
            return NONE;
        }
        return percent(rate) + " [" + number(ci.low() * 100) + "–" + number(ci.high() * 100) + "]";
    }

    public static String orNone(Number value) {
        return value == null ? NONE : value.toString();
    }

    /** Four significant digits without trailing zeros ({@code 0.00001235}), or {@link #NONE}. */
    public static String cost(Double cost) {
        if (cost == null) {
            return NONE;
        }
        return new BigDecimal(cost).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String number(double percent) {
        return String.format(Locale.ROOT, "%.1f", percent);
    }
}
