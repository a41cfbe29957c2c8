package org.vlmeval.report;

import org.vlmeval.scoring.text.Csv;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.vlmeval.report.Html.esc;

/** A request's reference, as it was written in the corpus, rendered for people. */
final class ReferenceHtml {

    private ReferenceHtml() {}

    static String render(JsonNode r) {
        if (r == null) {
            return "<p class=\"ref none\">no reference</p>";
        }
        String type = r.path("type").asText("");
        StringBuilder out = new StringBuilder();
        out.append("<div class=\"ref\" data-type=\"").append(esc(type)).append("\">");
        out.append("<span class=\"ref-type\">").append(esc(type)).append("</span> ");
        switch (type) {
            case "numeric" -> {
                out.append("<span class=\"num\">").append(esc(r.path("value").asText()));
                double tolerance = r.path("tolerance").asDouble(0.0);
                if (tolerance != 0.0) {
                    out.append(" ± ").append(esc(r.path("tolerance").asText()));
                }
                out.append("</span>");
            }
            case "exact" -> chips(out, "one of", strings(r.get("answers")));
            case "vqa" -> {
                Map<String, Integer> counts = new LinkedHashMap<>();
                strings(r.get("answers")).forEach(a -> counts.merge(a, 1, Integer::sum));
                List<String> shown = new ArrayList<>();
                counts.entrySet().stream()
                        .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
                        .forEach(e -> shown.add(e.getKey() + " ×" + e.getValue()));
                chips(out, "human answers", shown);
            }
            case "anls" -> {
                chips(out, "one of", strings(r.get("answers")));
                out.append(" <span class=\"hint\">ANLS ≥ ")
                        .append(esc(r.has("threshold") ? r.get("threshold").asText() : "0.5"))
                        .append("</span>");
            }
            case "choice" -> {
                String answer = r.path("answer").asText();
                out.append("<span class=\"hint\">answer ")
                        .append(esc(answer))
                        .append("</span><ol class=\"options\">");
                r.path("options")
                        .fields()
                        .forEachRemaining(
                                e -> {
                                    boolean right = e.getKey().equals(answer);
                                    out.append(right ? "<li class=\"right\">" : "<li>")
                                            .append("<b>")
                                            .append(esc(e.getKey()))
                                            .append("</b> ")
                                            .append(esc(e.getValue().asText()))
                                            .append(right ? " ✓" : "")
                                            .append("</li>");
                                });
                out.append("</ol>");
            }
            case "set" -> chips(out, "all of", strings(r.get("items")));
            case "table" -> table(out, r.path("csv").asText());
            case "regex" ->
                    out.append("<span class=\"hint\">matches</span> <code>")
                            .append(esc(r.path("pattern").asText()))
                            .append("</code>");
            case "yesno" -> chips(out, "answer", List.of(r.path("answer").asText()));
            default -> out.append("<code>").append(esc(r.toString())).append("</code>");
        }
        out.append("</div>");
        return out.toString();
    }

    private static void chips(StringBuilder out, String label, List<String> items) {
        out.append("<span class=\"hint\">").append(esc(label)).append("</span> ");
        for (String item : items) {
            out.append("<span class=\"chip\">").append(esc(item)).append("</span> ");
        }
    }

    private static void table(StringBuilder out, String csv) {
        List<List<String>> rows;
        try {
            rows = Csv.parse(csv);
        } catch (RuntimeException e) {
            out.append("<pre>").append(esc(csv)).append("</pre>");
            return;
        }
        out.append("<table class=\"ref-table\">");
        for (int i = 0; i < rows.size(); i++) {
            String cell = i == 0 ? "th" : "td";
            out.append(i == 0 ? "<thead><tr>" : "<tr>");
            for (String value : rows.get(i)) {
                out.append('<')
                        .append(cell)
                        .append('>')
                        .append(esc(value))
                        .append("</")
                        .append(cell)
                        .append('>');
            }
            out.append(i == 0 ? "</tr></thead><tbody>" : "</tr>");
        }
        out.append(rows.isEmpty() ? "" : "</tbody>").append("</table>");
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null) {
            n.forEach(e -> out.add(e.asText()));
        }
        return out;
    }
}
