package org.vlmeval.compare;

import org.vlmeval.model.JsonCodec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * {@code vlm-eval compare --json}: the comparison for machines (CI steps, dashboards). Rates and
 * differences are fractions (0.05 = 5 points), undefined numbers are null; field names are listed
 * in docs/compare.md.
 */
public final class ComparisonJson {

    private ComparisonJson() {}

    public static String render(Comparison c) {
        ObjectNode root = JsonCodec.MAPPER.createObjectNode();
        root.put("baseline", c.baseline());
        root.put("candidate", c.candidate());
        root.put("alpha", c.alpha());
        root.put("max_drop_points", c.maxDropPoints());
        root.put("tested", c.tested());
        root.put("regression", !c.regressions().isEmpty());
        ArrayNode names = root.putArray("regressions");
        c.regressions().forEach(r -> names.add(r.name()));
        ArrayNode rows = root.putArray("rows");
        for (ComparisonRow r : c.rows()) {
            ObjectNode o = rows.addObject();
            o.put("model", r.endpoint());
            o.put("category", r.category());
            o.put("measure", r.measure().label());
            o.put("test", r.test().name().toLowerCase(Locale.ROOT));
            o.put("baseline_successes", r.baselineSuccesses());
            o.put("baseline_events", r.baselineEvents());
            o.put("baseline_rate", r.baselineRate());
            o.put("candidate_successes", r.candidateSuccesses());
            o.put("candidate_events", r.candidateEvents());
            o.put("candidate_rate", r.candidateRate());
            if (r.paired() != null) {
                ObjectNode t = o.putObject("paired");
                t.put("both", r.paired().both());
                t.put("candidate_only", r.paired().candidateOnly());
                t.put("baseline_only", r.paired().baselineOnly());
                t.put("neither", r.paired().neither());
            } else {
                o.putNull("paired");
            }
            o.put("unmatched", r.unmatched());
            if (r.difference() != null) {
                o.put("delta", r.difference().estimate());
                o.put("delta_low", r.difference().low());
                o.put("delta_high", r.difference().high());
            } else {
                o.putNull("delta");
                o.putNull("delta_low");
                o.putNull("delta_high");
            }
            putNumber(o, "p", r.p());
            putNumber(o, "p_holm", r.holmP());
            o.put("significant", r.significant(c.alpha()));
            o.put("regression", r.regression());
        }
        try {
            return JsonCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root)
                    + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    private static void putNumber(ObjectNode o, String name, double value) {
        if (Double.isNaN(value)) {
            o.putNull(name);
        } else {
            o.put(name, value);
        }
    }
}
