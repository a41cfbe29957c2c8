package org.vlmeval.sinks.files;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.JsonCodec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The headline numbers of one evaluation run, per endpoint and per (category, endpoint): what
 * {@code summary.json} holds and {@link SummaryTable} prints. Plain Java, so the CLI and tests use
 * it without Flink.
 *
 * <p>Endpoints are keyed by {@link AnswerRow#endpoint()} (the configured name, which is the model
 * column of the window metrics), a null category is reported as {@value #UNCATEGORIZED}, and every
 * map is sorted by key so that the same rows always give the same document. See {@link
 * EndpointStats} for the definitions of the numbers.
 *
 * @param run the run
 * @param models endpoint → its totals over the whole run
 * @param categories category → endpoint → its totals within the category
 * @param pairs the paired accuracy comparisons of every two endpoints ({@link EndpointPairs})
 */
public record RunSummary(
        String run,
        SortedMap<String, EndpointStats> models,
        SortedMap<String, SortedMap<String, EndpointStats>> categories,
        List<EndpointPairs.Pair> pairs) {

    /** The category reported for rows without one. */
    public static final String UNCATEGORIZED = "uncategorized";

    public RunSummary {
        models = Collections.unmodifiableSortedMap(new TreeMap<>(models));
        SortedMap<String, SortedMap<String, EndpointStats>> copy = new TreeMap<>();
        categories.forEach(
                (c, byModel) ->
                        copy.put(c, Collections.unmodifiableSortedMap(new TreeMap<>(byModel))));
        categories = Collections.unmodifiableSortedMap(copy);
        pairs = List.copyOf(pairs);
    }

    /**
     * The summary of one run's rows.
     *
     * @throws IllegalArgumentException when {@code rows} is empty or spans several runs (use {@link
     *     #byRun})
     */
    public static RunSummary of(Collection<AnswerRow> rows) {
        SortedMap<String, RunSummary> runs = byRun(rows);
        if (runs.size() != 1) {
            throw new IllegalArgumentException(
                    "expected the rows of exactly one run, got runs " + runs.keySet());
        }
        return runs.values().iterator().next();
    }

    /** One summary per run found in {@code rows}, by run; empty for no rows. */
    public static SortedMap<String, RunSummary> byRun(Collection<AnswerRow> rows) {
        SortedMap<String, RunSummary> out = new TreeMap<>();
        group(rows, AnswerRow::run)
                .forEach((run, runRows) -> out.put(run, summarise(run, runRows)));
        return out;
    }

    /**
     * The content of {@code summary.json}: the run's document when the rows are of exactly one run
     * (a replay), otherwise {@code {"runs": {"<run>": document, ...}}} (a live job that saw several
     * runs, or none yet). Two shapes, but each is honest: a single-run document never silently
     * mixes runs.
     */
    public static ObjectNode document(Collection<AnswerRow> rows) {
        SortedMap<String, RunSummary> runs = byRun(rows);
        if (runs.size() == 1) {
            return runs.values().iterator().next().toJson();
        }
        ObjectNode o = JsonCodec.MAPPER.createObjectNode();
        ObjectNode byRun = o.putObject("runs");
        runs.forEach((run, summary) -> byRun.set(run, summary.toJson()));
        return o;
    }

    /**
     * {@code {"run": …, "models": {…}, "categories": {…}, "pairs": [...]}}; the pairs are {@link
     * EndpointPairs} (accuracy, all categories, first samples) when the run has two endpoints or
     * more.
     */
    public ObjectNode toJson() {
        ObjectNode o = JsonCodec.MAPPER.createObjectNode();
        o.put("run", run);
        ObjectNode m = o.putObject("models");
        models.forEach((endpoint, stats) -> m.set(endpoint, stats.toJson()));
        ObjectNode c = o.putObject("categories");
        categories.forEach(
                (category, byModel) -> {
                    ObjectNode cm = c.putObject(category);
                    byModel.forEach((endpoint, stats) -> cm.set(endpoint, stats.toJson()));
                });
        if (!pairs.isEmpty()) {
            ArrayNode p = o.putArray("pairs");
            for (EndpointPairs.Pair pair : pairs) {
                ObjectNode n = p.addObject();
                n.put("a", pair.a());
                n.put("b", pair.b());
                n.put("measure", "accuracy");
                n.put("events", pair.events());
                n.put("a_only", pair.aOnly());
                n.put("b_only", pair.bOnly());
                n.put(
                        "difference",
                        pair.difference() == null ? null : pair.difference().estimate());
                n.put("difference_low", pair.difference() == null ? null : pair.difference().low());
                n.put(
                        "difference_high",
                        pair.difference() == null ? null : pair.difference().high());
                n.put("p_value", Double.isNaN(pair.p()) ? null : pair.p());
                n.put("p_holm", Double.isNaN(pair.pHolm()) ? null : pair.pHolm());
            }
        }
        return o;
    }

    private static RunSummary summarise(String run, List<AnswerRow> rows) {
        SortedMap<String, EndpointStats> models = new TreeMap<>();
        group(rows, AnswerRow::endpoint).forEach((e, r) -> models.put(e, EndpointStats.of(r)));
        SortedMap<String, SortedMap<String, EndpointStats>> categories = new TreeMap<>();
        group(rows, RunSummary::category)
                .forEach(
                        (category, inCategory) -> {
                            SortedMap<String, EndpointStats> byModel = new TreeMap<>();
                            group(inCategory, AnswerRow::endpoint)
                                    .forEach((e, r) -> byModel.put(e, EndpointStats.of(r)));
                            categories.put(category, byModel);
                        });
        return new RunSummary(
                run, models, categories, models.size() < 2 ? List.of() : EndpointPairs.of(rows));
    }

    private static String category(AnswerRow r) {
        return r.category() == null ? UNCATEGORIZED : r.category();
    }

    private static SortedMap<String, List<AnswerRow>> group(
            Collection<AnswerRow> rows, Function<AnswerRow, String> key) {
        SortedMap<String, List<AnswerRow>> out = new TreeMap<>();
        for (AnswerRow r : rows) {
            out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return out;
    }
}
