package org.vlmeval.report;

import org.vlmeval.compare.Comparison;
import org.vlmeval.compare.ComparisonFigures;
import org.vlmeval.compare.ComparisonRow;
import org.vlmeval.compare.ComparisonText;
import org.vlmeval.compare.RunComparison;
import org.vlmeval.metrics.Difference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.vlmeval.report.Html.esc;

/**
 * {@code vlm-eval compare --html FILE}: the comparison as a page, with the report's stylesheet and
 * its policy (no network, no script but the error catcher). The verdict, a chart of the overall
 * differences (candidate − baseline, in points, with their intervals; regressions in red, other
 * significant changes in blue, the rest grey) and the full table.
 */
public final class ComparisonHtml {

    private static final int LABEL_WIDTH = 260;
    private static final int PLOT_WIDTH = 420;
    private static final int VALUE_WIDTH = 250;
    private static final int BAR_HEIGHT = 16;
    private static final int ROW_GAP = 6;
    private static final int AXIS_HEIGHT = 20;

    private ComparisonHtml() {}

    /** Writes the page to {@code file} (its directory must exist). */
    public static void write(Path file, Comparison c) {
        try {
            Files.writeString(file, render(c), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e, e);
        }
    }

    public static String render(Comparison c) {
        String css = HtmlReport.resource("report.css");
        String onerror = HtmlReport.resource("onerror.js");
        StringBuilder out = new StringBuilder(32 * 1024);
        HtmlReport.head(
                out, "vlm-eval compare — " + c.baseline() + " vs " + c.candidate(), css, onerror);
        out.append("<body data-ready=\"true\">\n<pre id=\"report-errors\" hidden></pre>\n");
        out.append("<header>\n<h1>vlm-eval compare</h1>\n<p>Baseline <code>")
                .append(esc(c.baseline()))
                .append("</code>, candidate <code>")
                .append(esc(c.candidate()))
                .append("</code>.</p>\n<p class=\"verdict ")
                .append(c.regressions().isEmpty() ? "pass" : "fail")
                .append("\">")
                .append(esc(ComparisonText.verdict(c)).replace("\n  ", "<br>\n"))
                .append("</p>\n</header>\n");
        List<ComparisonRow> overall =
                c.rows().stream()
                        .filter(r -> r.category().equals(RunComparison.ALL_CATEGORIES))
                        .filter(r -> r.difference() != null)
                        .toList();
        chart(out, c, overall);
        table(out, c);
        out.append("<p class=\"note\">Paired rows: exact McNemar test and Newcombe's interval on")
                .append(" the events both runs answered; unpaired rows: score test and Newcombe's")
                .append(" hybrid interval; p-values corrected by Holm. See docs/compare.md.</p>\n");
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    /**
     * Horizontal bars from 0 to each difference, on a symmetric axis wide enough for every interval
     * (at least ±10 points, in steps of 5).
     */
    private static void chart(StringBuilder out, Comparison c, List<ComparisonRow> rows) {
        double extent = 0.10;
        for (ComparisonRow r : rows) {
            extent = Math.max(extent, Math.max(-r.difference().low(), r.difference().high()));
        }
        extent = Math.ceil(extent * 20 - 1e-9) / 20;
        int height = AXIS_HEIGHT + rows.size() * (BAR_HEIGHT + ROW_GAP) + 4;
        int width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
        String title =
                "Candidate − baseline over all categories, points ["
                        + ComparisonText.confidence(c)
                        + " CI]";
        out.append("<figure class=\"chart deltas\"><figcaption>")
                .append(esc(title))
                .append("</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"")
                .append(" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\"><title>")
                .append(esc(title))
                .append("</title>\n");
        for (int tick = -2; tick <= 2; tick++) {
            double value = extent * tick / 2;
            String x = SvgCharts.px(x(value, extent));
            out.append("<line class=\"grid\" x1=\"")
                    .append(x)
                    .append("\" y1=\"")
                    .append(AXIS_HEIGHT - 4)
                    .append("\" x2=\"")
                    .append(x)
                    .append("\" y2=\"")
                    .append(height - 4)
                    .append("\"/><text class=\"tick\" x=\"")
                    .append(x)
                    .append("\" y=\"12\">")
                    .append(ComparisonFigures.points(value))
                    .append("</text>\n");
        }
        int y = AXIS_HEIGHT;
        for (ComparisonRow r : rows) {
            Difference d = r.difference();
            String label = r.endpoint() + " — " + r.measure().label();
            String kind =
                    r.regression()
                            ? "regression"
                            : r.significant(c.alpha()) ? "significant" : "unchanged";
            double from = Math.min(0, d.estimate());
            double to = Math.max(0, d.estimate());
            out.append("<g class=\"row ")
                    .append(kind)
                    .append("\" data-name=\"")
                    .append(esc(label))
                    .append("\" data-value=\"")
                    .append(String.format(Locale.ROOT, "%.6f", d.estimate()))
                    .append("\"><title>")
                    .append(esc(label + ": " + ComparisonFigures.delta(d)))
                    .append("</title>");
            out.append("<text class=\"label\" x=\"0\" y=\"")
                    .append(y + BAR_HEIGHT - 3)
                    .append("\">")
                    .append(esc(label))
                    .append("</text>");
            out.append("<rect class=\"bar ")
                    .append(kind)
                    .append("\" x=\"")
                    .append(SvgCharts.px(x(from, extent)))
                    .append("\" y=\"")
                    .append(y)
                    .append("\" width=\"")
                    .append(SvgCharts.px(Math.max(1, x(to, extent) - x(from, extent))))
                    .append("\" height=\"")
                    .append(BAR_HEIGHT)
                    .append("\"/>");
            SvgCharts.whisker(out, x(d.low(), extent), x(d.high(), extent), y, BAR_HEIGHT);
            out.append("<text class=\"value\" x=\"")
                    .append(LABEL_WIDTH + PLOT_WIDTH + 8)
                    .append("\" y=\"")
                    .append(y + BAR_HEIGHT - 3)
                    .append("\">")
                    .append(
                            esc(
                                    ComparisonFigures.delta(d)
                                            + " p="
                                            + ComparisonFigures.p(r.holmP())))
                    .append("</text></g>\n");
            y += BAR_HEIGHT + ROW_GAP;
        }
        out.append("</svg></figure>\n");
    }

    private static double x(double value, double extent) {
        return LABEL_WIDTH + PLOT_WIDTH * (value + extent) / (2 * extent);
    }

    private static void table(StringBuilder out, Comparison c) {
        out.append("<div class=\"scroll\"><table class=\"comparison\">\n<thead><tr>");
        for (String h :
                List.of(
                        "model",
                        "category",
                        "rate",
                        "baseline",
                        "candidate",
                        "delta pts [" + ComparisonText.confidence(c) + " CI]",
                        "test",
                        "p (Holm)",
                        "")) {
            out.append("<th>").append(esc(h)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (ComparisonRow r : c.rows()) {
            out.append("<tr").append(r.regression() ? " class=\"regression\"" : "").append(">");
            for (String cell :
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
                            ComparisonFigures.p(r.holmP()),
                            ComparisonFigures.verdict(r, c.alpha()))) {
                out.append("<td>").append(esc(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div>\n");
    }
}
