package org.vlmeval.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every PromQL query of a Grafana board, asked of a live Prometheus that scraped the Flink
 * processes: each must return at least one series, and every series must carry the labels the
 * panel's legend names ({@code {{endpoint}}}). Template variables ({@code label_values(selector,
 * label)}) are resolved first, from the same Prometheus, and substituted as Grafana does for "All"
 * of a multi-value variable: a regex alternation of the values.
 */
final class OperationsBoardCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES =
            Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([a-zA-Z_]\\w*)\\s*}}");

    /**
     * Grafana's {@code $__rate_interval} is at least four scrape intervals of the data source (15 s
     * by default, so 1 m); the run is a few minutes long, so 1 m also leaves samples to rate.
     */
    private static final String RATE_INTERVAL = "1m";

    /** One query of the board: where it is, its PromQL, its legend. */
    record Query(String where, String expr, String legendFormat) {}

    /** The result of one query: series returned, and the problem found (null when none). */
    record Checked(Query query, String promql, int series, double maxValue, String problem) {}

    private final String prometheus;
    private final Instant from;
    private final Instant to;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> variables = new LinkedHashMap<>();

    OperationsBoardCheck(String prometheusUrl, Instant from, Instant to) {
        this.prometheus = prometheusUrl;
        this.from = from;
        this.to = to;
    }

    /** Every target with an {@code expr} (rows' nested panels included), in board order. */
    static List<Query> queries(JsonNode board) {
        List<Query> out = new ArrayList<>();
        collect(board.path("panels"), out);
        return out;
    }

    private static void collect(JsonNode panels, List<Query> out) {
        for (JsonNode panel : panels) {
            collect(panel.path("panels"), out);
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                if (!expr.isBlank()) {
                    out.add(
                            new Query(
                                    "panel \"" + panel.path("title").asText() + "\"",
                                    expr,
                                    target.path("legendFormat").asText("")));
                }
            }
        }
    }

    /**
     * Resolves the board's template variables (in order: a later one may use an earlier one) and
     * checks every query; the variables' own queries come first in the result.
     */
    List<Checked> check(JsonNode board) throws IOException, InterruptedException {
        List<Checked> out = new ArrayList<>();
        for (JsonNode variable : board.path("templating").path("list")) {
            String name = variable.path("name").asText();
            String definition = variable.path("query").asText();
            Query q = new Query("variable $" + name, definition, "");
            Matcher m = LABEL_VALUES.matcher(definition);
            if (!m.matches()) {
                out.add(new Checked(q, definition, 0, 0, "not a label_values(selector, label)"));
                continue;
            }
            String selector = substitute(m.group(1));
            List<String> values = labelValues(selector, m.group(2));
            out.add(
                    new Checked(
                            q,
                            "label values of " + m.group(2) + " in " + selector + ": " + values,
                            values.size(),
                            Double.NaN,
                            values.isEmpty() ? "no values" : null));
            variables.put(name, alternation(values));
        }
        for (Query q : queries(board)) {
            out.add(checkQuery(q));
        }
        return out;
    }

    private Checked checkQuery(Query q) throws IOException, InterruptedException {
        String promql = substitute(q.expr());
        JsonNode response =
                get(
                        "/api/v1/query_range?query="
                                + encode(promql)
                                + "&start="
                                + from.getEpochSecond()
                                + "&end="
                                + to.getEpochSecond()
                                + "&step=5");
        if (!"success".equals(response.path("status").asText())) {
            return new Checked(q, promql, 0, 0, "query failed: " + response);
        }
        JsonNode result = response.path("data").path("result");
        List<String> legendLabels = new ArrayList<>();
        Matcher m = LEGEND_LABEL.matcher(q.legendFormat());
        while (m.find()) {
            legendLabels.add(m.group(1));
        }
        double max = Double.NEGATIVE_INFINITY;
        String problem = result.isEmpty() ? "no series" : null;
        for (JsonNode series : result) {
            for (String label : legendLabels) {
                if (!series.path("metric").has(label) && problem == null) {
                    problem =
                            "a series without the legend's label "
                                    + label
                                    + ": "
                                    + series.path("metric");
                }
            }
            for (JsonNode point : series.path("values")) {
                double v = Double.parseDouble(point.get(1).asText());
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        return new Checked(q, promql, result.size(), max, problem);
    }

    private String substitute(String expr) {
        String out = expr.replace("$__rate_interval", RATE_INTERVAL);
        for (Map.Entry<String, String> v : variables.entrySet()) {
            out = out.replace("${" + v.getKey() + "}", v.getValue());
            out = out.replace("$" + v.getKey(), v.getValue());
        }
        return out;
    }

    /** As Grafana formats "All" of a multi-value variable in a regex matcher: (a|b). */
    private static String alternation(List<String> values) {
        List<String> quoted = new ArrayList<>();
        for (String v : values) {
            quoted.add(v.replaceAll("([\\\\.*+?^$()\\[\\]{}|])", "\\\\\\\\$1"));
        }
        return "(" + String.join("|", quoted) + ")";
    }

    private List<String> labelValues(String selector, String label)
            throws IOException, InterruptedException {
        JsonNode response =
                get(
                        "/api/v1/label/"
                                + label
                                + "/values?match[]="
                                + encode(selector)
                                + "&start="
                                + from.getEpochSecond()
                                + "&end="
                                + to.getEpochSecond());
        List<String> values = new ArrayList<>();
        response.path("data").forEach(v -> values.add(v.asText()));
        return values;
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(prometheus + pathAndQuery))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** One line per checked query, for the test's output. */
    static String describe(Checked c) {
        return String.format(
                Locale.ROOT,
                "%-4s %s: %d series%s — %s",
                c.problem() == null ? "ok" : "FAIL",
                c.query().where(),
                c.series(),
                Double.isNaN(c.maxValue()) || Double.isInfinite(c.maxValue())
                        ? ""
                        : String.format(Locale.ROOT, ", max %.3g", c.maxValue()),
                c.problem() == null ? c.promql() : c.problem() + " — " + c.promql());
    }

    /** The board file in the repository, from the job module's directory. */
    static Path operationsBoard() {
        return Path.of("..", "dashboards", "dashboards", "operations.json");
    }
}
