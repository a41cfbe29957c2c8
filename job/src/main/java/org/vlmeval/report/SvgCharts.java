package org.vlmeval.report;

import org.vlmeval.metrics.Interval;
import org.vlmeval.sinks.files.EndpointStats;
import org.vlmeval.sinks.files.RunSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

import static org.vlmeval.report.Html.esc;
import static org.vlmeval.sinks.files.Figures.withInterval;

/**
 * The report's charts as inline SVG: no script, no fonts or images fetched, colours and text styled
 * by classes in {@code report.css} (the page's Content-Security-Policy allows no inline styles).
 * Every chart is a horizontal bar chart on a 0–100 % axis: a bar to the rate and a whisker over its
 * Wilson 95% interval, so two models whose whiskers overlap are visibly not told apart. Each chart
 * carries a {@code <title>} and each bar a {@code <title>} with the figure as text, for screen
 * readers and hover. Output depends only on the summary (fixed order, {@link Locale#ROOT} numbers),
 * so the report stays byte-identical for the same run.
 */
final class SvgCharts {

    /** Width of the model or category label column, pixels. */
    static final int LABEL_WIDTH = 170;

    /** Width of the 0–100 % plot area, pixels. */
    static final int PLOT_WIDTH = 360;

    /** Width of the figure column right of the plot, pixels. */
    static final int VALUE_WIDTH = 190;

    static final int BAR_HEIGHT = 14;
    static final int ROW_GAP = 8;
    static final int AXIS_HEIGHT = 22;

    /** Series colours cycle through this many classes ({@code s0}…). */
    static final int SERIES_CLASSES = 8;

    private static final int LABEL_CHARS = 26;

    private SvgCharts() {}

    /** One rate of a model: what a chart row shows. */
    record Rate(Double value, Interval ci, long n) {}

    /**
     * The rate charts of a run: accuracy, refusal rate, hallucination rate per model, and answer
     * stability when some model was asked more than once per request.
     */
    static void perModel(StringBuilder out, RunSummary summary) {
        SortedMap<String, EndpointStats> models = summary.models();
        out.append("<div class=\"charts\">\n");
        rateChart(
                out,
                "Accuracy per model",
                "scored answers",
                models,
                s -> new Rate(s.accuracy(), s.accuracyCi(), s.scored()));
        rateChart(
                out,
                "Refusal rate per model",
                "answers",
                models,
                s -> new Rate(s.refusalRate(), s.refusalRateCi(), s.answered()));
        rateChart(
                out,
                "Hallucination rate per model",
                "answers with objects",
                models,
                s -> new Rate(s.hallucinationRate(), s.hallucinationRateCi(), s.withObjects()));
        if (models.values().stream().anyMatch(s -> s.samples().repeatedEvents() > 0)) {
            rateChart(
                    out,
                    "Answer stability per model",
                    "requests asked more than once",
                    models,
                    s ->
                            new Rate(
                                    s.samples().stability(),
                                    s.samples().repeatedEvents() == 0
                                            ? null
                                            : s.samples().stabilityCi(),
                                    s.samples().repeatedEvents()));
        }
        out.append("</div>\n");
    }

    /**
     * Accuracy per category, one bar per model in each category's group (colour per model, with a
     * legend), so a model strong overall but weak on one category shows it.
     */
    static void perCategory(StringBuilder out, RunSummary summary) {
        List<String> models = new ArrayList<>(summary.models().keySet());
        SortedMap<String, SortedMap<String, EndpointStats>> categories = summary.categories();
        int rows = categories.size() * models.size();
        int groupGap = ROW_GAP * 2;
        int legendHeight = 18 * models.size() + 6;
        int height =
                AXIS_HEIGHT
                        + rows * (BAR_HEIGHT + ROW_GAP)
                        + categories.size() * groupGap
                        + legendHeight;
        String title = "Accuracy per category and model";
        open(out, "chart categories", title, height);
        axis(out, AXIS_HEIGHT + rows * (BAR_HEIGHT + ROW_GAP) + categories.size() * groupGap);
        int y = AXIS_HEIGHT;
        for (Map.Entry<String, SortedMap<String, EndpointStats>> category : categories.entrySet()) {
            out.append("<text class=\"group\" x=\"0\" y=\"")
                    .append(y + BAR_HEIGHT - 3)
                    .append("\">")
                    .append(esc(shorten(category.getKey())))
                    .append("<title>")
                    .append(esc(category.getKey()))
                    .append("</title></text>\n");
            for (int m = 0; m < models.size(); m++) {
                EndpointStats s = category.getValue().get(models.get(m));
                Rate rate =
                        s == null
                                ? new Rate(null, null, 0)
                                : new Rate(s.accuracy(), s.accuracyCi(), s.scored());
                bar(
                        out,
                        y,
                        "s" + (m % SERIES_CLASSES),
                        category.getKey() + " — " + models.get(m),
                        rate,
                        "scored answers");
                y += BAR_HEIGHT + ROW_GAP;
            }
            y += groupGap;
        }
        for (int m = 0; m < models.size(); m++) {
            int ly = y + 18 * m;
            out.append("<rect class=\"bar s")
                    .append(m % SERIES_CLASSES)
                    .append("\" x=\"")
                    .append(LABEL_WIDTH)
                    .append("\" y=\"")
                    .append(ly)
                    .append("\" width=\"12\" height=\"12\"/>")
                    .append("<text class=\"legend\" x=\"")
                    .append(LABEL_WIDTH + 18)
                    .append("\" y=\"")
                    .append(ly + 10)
                    .append("\">")
                    .append(esc(models.get(m)))
                    .append("</text>\n");
        }
        out.append("</svg></figure>\n");
    }

    private static void rateChart(
            StringBuilder out,
            String title,
            String denominator,
            SortedMap<String, EndpointStats> models,
            Function<EndpointStats, Rate> rateOf) {
        int plotHeight = models.size() * (BAR_HEIGHT + ROW_GAP);
        open(out, "chart rates", title, AXIS_HEIGHT + plotHeight + 4);
        axis(out, AXIS_HEIGHT + plotHeight);
        int y = AXIS_HEIGHT;
        int m = 0;
        for (Map.Entry<String, EndpointStats> model : models.entrySet()) {
            out.append("<text class=\"label\" x=\"0\" y=\"")
                    .append(y + BAR_HEIGHT - 3)
                    .append("\">")
                    .append(esc(shorten(model.getKey())))
                    .append("<title>")
                    .append(esc(model.getKey()))
                    .append("</title></text>\n");
            bar(
                    out,
                    y,
                    "s" + (m % SERIES_CLASSES),
                    model.getKey(),
                    rateOf.apply(model.getValue()),
                    denominator);
            y += BAR_HEIGHT + ROW_GAP;
            m++;
        }
        out.append("</svg></figure>\n");
    }

    private static void open(StringBuilder out, String cssClass, String title, int height) {
        int width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
        out.append("<figure class=\"")
                .append(cssClass)
                .append("\"><figcaption>")
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
    }

    /** Grid lines and tick labels at 0, 25, 50, 75 and 100 %. */
    private static void axis(StringBuilder out, int bottom) {
        for (int pct = 0; pct <= 100; pct += 25) {
            String x = px(LABEL_WIDTH + PLOT_WIDTH * pct / 100.0);
            out.append("<line class=\"grid\" x1=\"")
                    .append(x)
                    .append("\" y1=\"")
                    .append(AXIS_HEIGHT - 4)
                    .append("\" x2=\"")
                    .append(x)
                    .append("\" y2=\"")
                    .append(bottom)
                    .append("\"/><text class=\"tick\" x=\"")
                    .append(x)
                    .append("\" y=\"12\">")
                    .append(pct)
                    .append("%</text>\n");
        }
    }

    /** One row: the bar, its whisker and the figure as text; "no data" when undefined. */
    private static void bar(
            StringBuilder out, int y, String series, String name, Rate rate, String denominator) {
        int textX = LABEL_WIDTH + PLOT_WIDTH + 8;
        if (rate.value() == null) {
            out.append("<text class=\"na\" x=\"")
                    .append(LABEL_WIDTH + 4)
                    .append("\" y=\"")
                    .append(y + BAR_HEIGHT - 3)
                    .append("\">no ")
                    .append(esc(denominator))
                    .append("</text>\n");
            return;
        }
        String figure = withInterval(rate.value(), rate.ci()) + " n=" + rate.n();
        out.append("<g class=\"row\" data-name=\"")
                .append(esc(name))
                .append("\" data-value=\"")
                .append(fraction(rate.value()))
                .append("\" data-low=\"")
                .append(fraction(rate.ci().low()))
                .append("\" data-high=\"")
                .append(fraction(rate.ci().high()))
                .append("\"><title>")
                .append(esc(name + ": " + figure))
                .append("</title>");
        out.append("<rect class=\"bar ")
                .append(series)
                .append("\" x=\"")
                .append(LABEL_WIDTH)
                .append("\" y=\"")
                .append(y)
                .append("\" width=\"")
                .append(px(PLOT_WIDTH * rate.value()))
                .append("\" height=\"")
                .append(BAR_HEIGHT)
                .append("\"/>");
        whisker(
                out,
                LABEL_WIDTH + PLOT_WIDTH * rate.ci().low(),
                LABEL_WIDTH + PLOT_WIDTH * rate.ci().high(),
                y,
                BAR_HEIGHT);
        out.append("<text class=\"value\" x=\"")
                .append(textX)
                .append("\" y=\"")
                .append(y + BAR_HEIGHT - 3)
                .append("\">")
                .append(esc(figure))
                .append("</text></g>\n");
    }

    /** An interval's whisker from x {@code low} to {@code high}, across a bar at {@code y}. */
    static void whisker(StringBuilder out, double low, double high, int y, int barHeight) {
        String l = px(low);
        String h = px(high);
        out.append("<path class=\"whisker\" d=\"M")
                .append(l)
                .append(' ')
                .append(y + barHeight / 2)
                .append("H")
                .append(h)
                .append("M")
                .append(l)
                .append(' ')
                .append(y + 2)
                .append("V")
                .append(y + barHeight - 2)
                .append("M")
                .append(h)
                .append(' ')
                .append(y + 2)
                .append("V")
                .append(y + barHeight - 2)
                .append("\"/>");
    }

    private static String shorten(String label) {
        return label.length() <= LABEL_CHARS ? label : label.substring(0, LABEL_CHARS - 1) + "…";
    }

    /** Pixels with two decimals: enough for a 360-pixel axis, stable as text. */
    static String px(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String fraction(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
