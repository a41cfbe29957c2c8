package org.vlmeval.chaos;

import java.util.List;
import java.util.Locale;

/**
 * The soak's samples as one SVG: a panel per quantity, time on the x axis, each panel's y axis from
 * 0 to its maximum (so a flat line looks flat and a slow growth is not magnified). Hand-written to
 * keep the harness free of a plotting library.
 */
final class SoakPlot {

    /** Panel title and the sample columns drawn in it. */
    private record Panel(String title, int... columns) {}

    private static final List<Panel> PANELS =
            List.of(
                    new Panel("TaskManager heap used (MB)", 1, 2),
                    new Panel("last checkpoint size (KB)", 3),
                    new Panel("last checkpoint duration (ms)", 4),
                    new Panel("Kafka lag (messages, vs. committed offsets)", 5),
                    new Panel("answer latency, event to store row (ms)", 6, 7));

    private static final String[] COLOURS = {"#1f77b4", "#d62728"};
    private static final int WIDTH = 760;
    private static final int PANEL_HEIGHT = 130;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int GAP = 45;

    private SoakPlot() {}

    static String svg(String[] columns, List<double[]> samples) {
        int height = TOP + PANELS.size() * (PANEL_HEIGHT + GAP);
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                                + " font-family=\"sans-serif\" font-size=\"11\">%n"
                                + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                        WIDTH,
                        height));
        double tMax = 1;
        for (double[] row : samples) {
            tMax = Math.max(tMax, row[0]);
        }
        int plotWidth = WIDTH - LEFT - RIGHT;
        for (int p = 0; p < PANELS.size(); p++) {
            Panel panel = PANELS.get(p);
            int top = TOP + p * (PANEL_HEIGHT + GAP);
            double yMax = 0;
            for (double[] row : samples) {
                for (int c : panel.columns()) {
                    if (!Double.isNaN(row[c])) {
                        yMax = Math.max(yMax, row[c]);
                    }
                }
            }
            yMax = yMax == 0 ? 1 : yMax * 1.1;
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
                            LEFT,
                            top - 8,
                            panel.title()));
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                                    + " stroke=\"#999\"/>%n",
                            LEFT,
                            top,
                            plotWidth,
                            PANEL_HEIGHT));
            s.append(label(LEFT - 5, top + 4, "end", format(yMax)));
            s.append(label(LEFT - 5, top + PANEL_HEIGHT + 4, "end", "0"));
            s.append(label(LEFT, top + PANEL_HEIGHT + 14, "start", "0 min"));
            s.append(
                    label(
                            LEFT + plotWidth,
                            top + PANEL_HEIGHT + 14,
                            "end",
                            String.format(Locale.ROOT, "%.1f min", tMax / 60)));
            for (int i = 0; i < panel.columns().length; i++) {
                int c = panel.columns()[i];
                StringBuilder points = new StringBuilder();
                for (double[] row : samples) {
                    if (Double.isNaN(row[c])) {
                        continue;
                    }
                    points.append(
                            String.format(
                                    Locale.ROOT,
                                    "%.1f,%.1f ",
                                    LEFT + plotWidth * row[0] / tMax,
                                    top + PANEL_HEIGHT - PANEL_HEIGHT * row[c] / yMax));
                }
                s.append(
                        String.format(
                                Locale.ROOT,
                                "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\""
                                        + " points=\"%s\"/>%n",
                                COLOURS[i],
                                points.toString().trim()));
                // Legend: one name per series, right-aligned above the panel, in its colour.
                s.append(
                        String.format(
                                Locale.ROOT,
                                "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"%s\">%s</text>%n",
                                LEFT + plotWidth - (panel.columns().length - 1 - i) * 130,
                                top - 8,
                                COLOURS[i],
                                columns[c]));
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String label(int x, int y, String anchor, String text) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" fill=\"#555\">%s</text>%n",
                x,
                y,
                anchor,
                text);
    }

    private static String format(double v) {
        return v >= 100
                ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
    }
}
