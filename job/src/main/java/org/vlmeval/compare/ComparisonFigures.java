package org.vlmeval.compare;

import org.vlmeval.metrics.Difference;
import org.vlmeval.sinks.files.Figures;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How a comparison's figures are written for people, in the text table and the markdown alike:
 * rates as in the summary ({@link Figures}), differences in percentage points with their interval,
 * p-values to two significant digits.
 */
public final class ComparisonFigures {

    private ComparisonFigures() {}

    /** {@code 81.0% (324/400)}, or {@link Figures#NONE}. */
    public static String rate(Double rate, long successes, long events) {
        return rate == null
                ? Figures.NONE
                : Figures.percent(rate) + " (" + successes + "/" + events + ")";
    }

    /** {@code -5.0 [-7.4, -3.1]} in points, or {@link Figures#NONE}. */
    public static String delta(Difference d) {
        if (d == null) {
            return Figures.NONE;
        }
        return points(d.estimate()) + " [" + points(d.low()) + ", " + points(d.high()) + "]";
    }

    public static String points(double difference) {
        return String.format(Locale.ROOT, "%+.1f", difference * 100);
    }

    /** {@code 0.032}, {@code 1}, {@code 4.1e-06}, {@code <1e-300}, or {@link Figures#NONE}. */
    public static String p(double p) {
        if (Double.isNaN(p)) {
            return Figures.NONE;
        }
        if (p == 0) {
            return "<1e-300"; // below the smallest double: the log-space sum underflowed
        }
        if (p >= 0.001) {
            return new BigDecimal(p).round(new MathContext(2)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.1e", p);
    }

    /** {@code paired 400 (+3/-23)}: events and the discordant counts; or how it was tested. */
    public static String test(ComparisonRow r) {
        return switch (r.test()) {
            case PAIRED ->
                    "paired "
                            + r.paired().events()
                            + " (+"
                            + r.paired().candidateOnly()
                            + "/-"
                            + r.paired().baselineOnly()
                            + ")";
            case UNPAIRED -> "unpaired";
            case NONE -> "not tested";
        };
    }

    /** REGRESSION, worse, better, or empty when the difference is not significant. */
    public static String verdict(ComparisonRow r, double alpha) {
        if (r.regression()) {
            return "REGRESSION";
        }
        if (!r.significant(alpha)) {
            return "";
        }
        boolean rose = r.difference().estimate() > 0;
        return rose == r.measure().higherIsWorse() ? "worse" : "better";
    }
}
