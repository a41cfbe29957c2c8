package org.vlmeval.compare;

import org.vlmeval.sinks.files.TextTable;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** The terminal output of {@code vlm-eval compare}: one table and the gate's verdict. */
public final class ComparisonText {

    private ComparisonText() {}

    public static String render(Comparison c) {
        TextTable table =
                new TextTable(
                        List.of(
                                "model",
                                "category",
                                "rate",
                                "baseline",
                                "candidate",
                                "delta pts [" + confidence(c) + " CI]",
                                "test (+better/-worse)",
                                "p",
                                "p Holm",
                                ""));
        for (ComparisonRow r : c.rows()) {
            table.row(
                    List.of(
                            r.endpoint(),
                            r.category(),
                            r.measure().label(),
                            ComparisonFigures.rate(
                                    r.baselineRate(), r.baselineSuccesses(), r.baselineEvents()),
                            ComparisonFigures.rate(
                                    r.candidateRate(), r.candidateSuccesses(), r.candidateEvents()),
                            ComparisonFigures.delta(r.difference()),
                            ComparisonFigures.test(r),
                            ComparisonFigures.p(r.p()),
                            ComparisonFigures.p(r.holmP()),
                            ComparisonFigures.verdict(r, c.alpha())));
        }
        return "baseline:  "
                + c.baseline()
                + "\ncandidate: "
                + c.candidate()
                + "\n\n"
                + table.render()
                + "\n"
                + verdict(c)
                + "\n";
    }

    public static String confidence(Comparison c) {
        return String.format(Locale.ROOT, "%.4g%%", (1 - c.alpha()) * 100)
                .replaceAll("\\.?0+%$", "%");
    }

    /** One sentence: no regression, or the regressions by name. */
    public static String verdict(Comparison c) {
        String rule =
                String.format(
                        Locale.ROOT,
                        "beyond %s points at alpha = %s (Holm over %d tests)",
                        trim(c.maxDropPoints()),
                        trim(c.alpha()),
                        c.tested());
        List<ComparisonRow> regressions = c.regressions();
        if (regressions.isEmpty()) {
            return "No significant regression " + rule + ".";
        }
        StringBuilder s = new StringBuilder("Significant regression " + rule + ":");
        for (ComparisonRow r : regressions) {
            s.append("\n  ")
                    .append(r.name())
                    .append(' ')
                    .append(ComparisonFigures.points(r.difference().estimate()))
                    .append(" points, p = ")
                    .append(ComparisonFigures.p(r.p()))
                    .append(" (Holm ")
                    .append(ComparisonFigures.p(r.holmP()))
                    .append(')');
        }
        return s.toString();
    }

    static String trim(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
