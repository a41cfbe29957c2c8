package org.vlmeval.report;

import org.vlmeval.sinks.files.EndpointPairs;
import org.vlmeval.sinks.files.EndpointPairs.Pair;

import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.vlmeval.report.Html.esc;

/**
 * The report's pairwise matrix: for each pair of models of a run, the accuracy difference (row −
 * column) on the questions both answered against a reference, with its paired 95% interval and the
 * exact McNemar p-value, Holm-adjusted over the run's pairs ({@link EndpointPairs}). A cell is
 * marked when the adjusted p-value is below 0.05. Nothing is written for a run with fewer than two
 * models.
 */
final class PairwiseTable {

    static final double ALPHA = 0.05;

    private PairwiseTable() {}

    /** The matrix of a run's {@link RunSummary#pairs()}; nothing for fewer than two models. */
    static void write(StringBuilder out, List<Pair> pairs, String suffix) {
        if (pairs.isEmpty()) {
            return;
        }
        SortedSet<String> models = new TreeSet<>();
        for (Pair p : pairs) {
            models.add(p.a());
            models.add(p.b());
        }
        out.append("<section class=\"pairwise\">\n<h2>Paired accuracy comparison")
                .append(esc(suffix))
                .append("</h2>\n<p class=\"explain\">Row minus column, in points, on the questions")
                .append(" both answered against a reference: difference [95% interval], exact")
                .append(" McNemar p-value Holm-adjusted over the pairs, and the number of")
                .append(" questions. Marked: significant at 0.05.</p>\n")
                .append("<div class=\"scroll\"><table class=\"pairwise\">\n<thead><tr><th></th>");
        for (String column : models) {
            out.append("<th>").append(esc(column)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (String row : models) {
            out.append("<tr data-row=\"").append(esc(row)).append("\"><th scope=\"row\">");
            out.append(esc(row)).append("</th>");
            for (String column : models) {
                if (row.equals(column)) {
                    out.append("<td class=\"na\">—</td>");
                    continue;
                }
                cell(out, find(pairs, row, column), row.compareTo(column) < 0);
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div>\n</section>\n");
    }

    private static Pair find(List<Pair> pairs, String x, String y) {
        for (Pair p : pairs) {
            if ((p.a().equals(x) && p.b().equals(y)) || (p.a().equals(y) && p.b().equals(x))) {
                return p;
            }
        }
        throw new IllegalStateException("no pair " + x + ", " + y);
    }

    /** A cell of row − column: the pair's figures, negated when the row is the pair's b. */
    private static void cell(StringBuilder out, Pair p, boolean rowIsA) {
        if (p.difference() == null) {
            out.append("<td class=\"na\">no shared scored questions</td>");
            return;
        }
        double sign = rowIsA ? 1 : -1;
        double estimate = sign * p.difference().estimate();
        double low = rowIsA ? p.difference().low() : -p.difference().high();
        double high = rowIsA ? p.difference().high() : -p.difference().low();
        boolean significant = p.pHolm() < ALPHA;
        out.append("<td class=\"pair")
                .append(significant ? (estimate > 0 ? " better" : " worse") : "")
                .append("\" data-p=\"")
                .append(String.format(Locale.ROOT, "%.6g", p.pHolm()))
                .append("\">")
                .append(points(estimate))
                .append(" [")
                .append(points(low))
                .append(", ")
                .append(points(high))
                .append("] <small>p = ")
                .append(pValue(p.pHolm()))
                .append(", n = ")
                .append(p.events())
                .append("</small></td>");
    }

    /** Signed points with one decimal: {@code +8.5}, {@code -2.0}, {@code 0.0}. */
    static String points(double rate) {
        double pts = rate * 100;
        String s = String.format(Locale.ROOT, "%.1f", pts);
        if (s.equals("-0.0")) {
            s = "0.0";
        }
        return pts > 0 && !s.equals("0.0") ? "+" + s : s;
    }

    /** Three significant digits, or {@code < 0.001}. */
    static String pValue(double p) {
        if (p < 0.001) {
            return "&lt; 0.001";
        }
        return String.format(Locale.ROOT, "%.3f", p);
    }
}
