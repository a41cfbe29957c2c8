package org.vlmeval.sinks.files;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

import static org.vlmeval.sinks.files.Figures.NONE;
import static org.vlmeval.sinks.files.Figures.cost;
import static org.vlmeval.sinks.files.Figures.orNone;
import static org.vlmeval.sinks.files.Figures.percent;
import static org.vlmeval.sinks.files.Figures.withInterval;

/**
 * A {@link RunSummary} as fixed-width text tables for the terminal: one line per model with its
 * headline numbers, then accuracy by category (rows) and model (columns).
 *
 * <p>Rates are percentages with one decimal, Wilson 95% bounds in brackets; {@code —} marks a rate
 * with nothing to measure (no scored answers, no answers, no requests listing objects). Cost is
 * shown with four significant digits, because per-call costs are often fractions of a cent.
 */
public final class SummaryTable {

    private SummaryTable() {}

    /** The run's tables, ending with a newline. */
    public static String render(RunSummary summary) {
        StringBuilder out = new StringBuilder();
        out.append("Run ").append(summary.run()).append("\n\n");
        out.append(models(summary).render());
        if (judged(summary)) {
            out.append(
                    "\nJudge-graded (answers without a reference, or without objects: a model"
                            + " judge's verdicts, not in the columns above)\n");
            out.append(judgedTable(summary).render());
        }
        out.append("\nAccuracy by category\n");
        out.append(categories(summary).render());
        return out.toString();
    }

    private static TextTable models(RunSummary summary) {
        TextTable t =
                new TextTable(
                        List.of(
                                "model",
                                "requests",
                                "answered",
                                "errors",
                                "accuracy [95% CI]",
                                "refusal rate",
                                "halluc. rate",
                                "stability",
                                "p50 ms",
                                "p95 ms",
                                "tokens in/out",
                                "cost"));
        summary.models()
                .forEach(
                        (model, s) ->
                                t.row(
                                        List.of(
                                                model,
                                                Long.toString(s.requests()),
                                                Long.toString(s.answered()),
                                                Long.toString(s.errors()),
                                                withInterval(s.accuracy(), s.accuracyCi()),
                                                percent(s.refusalRate()),
                                                percent(s.hallucinationRate()),
                                                stability(s),
                                                orNone(s.latencyMsP50()),
                                                orNone(s.latencyMsP95()),
                                                s.inputTokens() + "/" + s.outputTokens(),
                                                cost(s.cost()))));
        return t;
    }

    /** Whether any model has a judge-graded answer or a hallucination judged on a judge's list. */
    public static boolean judged(RunSummary summary) {
        return summary.models().values().stream()
                .anyMatch(s -> s.judged() > 0 || s.judgedWithObjects() > 0);
    }

    private static TextTable judgedTable(RunSummary summary) {
        TextTable t =
                new TextTable(
                        List.of(
                                "model",
                                "judged",
                                "judged accuracy [95% CI]",
                                "judged objects",
                                "judged halluc. rate [95% CI]"));
        summary.models()
                .forEach(
                        (model, s) ->
                                t.row(
                                        List.of(
                                                model,
                                                Long.toString(s.judged()),
                                                withInterval(
                                                                s.judgedAccuracy(),
                                                                s.judgedAccuracyCi())
                                                        + counts(s.judgedCorrect(), s.judged()),
                                                Long.toString(s.judgedWithObjects()),
                                                withInterval(
                                                                s.judgedHallucinationRate(),
                                                                s.judgedHallucinationRateCi())
                                                        + counts(
                                                                s.judgedHallucinations(),
                                                                s.judgedWithObjects()))));
        return t;
    }

    /**
     * What each judge did and cost (its calls are not in any model's tokens or cost), ending with a
     * newline.
     */
    public static String judges(SortedMap<String, JudgeStats> judges) {
        TextTable t =
                new TextTable(
                        List.of(
                                "judge",
                                "judgements",
                                "calls",
                                "reused",
                                "verdicts c/i/u",
                                "lists",
                                "errors",
                                "skipped (budget)",
                                "p50 ms",
                                "tokens in/out",
                                "cost",
                                "prompts"));
        judges.forEach(
                (name, j) ->
                        t.row(
                                List.of(
                                        name,
                                        Long.toString(j.judgements()),
                                        Long.toString(j.calls()),
                                        Long.toString(j.reused()),
                                        j.verdictCounts(),
                                        Long.toString(j.listed()),
                                        byKind(j.errorsByKind()),
                                        byKind(j.skippedByReason()),
                                        orNone(j.latencyMsP50()),
                                        j.inputTokens() + "/" + j.outputTokens(),
                                        cost(j.cost()),
                                        String.join(" ", j.promptVersions()))));
        return "Judges (their calls are not in the models' tokens or cost)\n" + t.render();
    }

    private static String byKind(SortedMap<String, Long> counts) {
        if (counts.isEmpty()) {
            return "0";
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder s = new StringBuilder().append(total).append(" (");
        counts.forEach((k, v) -> s.append(k).append(": ").append(v).append(", "));
        s.setLength(s.length() - 2);
        return s.append(")").toString();
    }

    private static String counts(long hits, long of) {
        return of == 0 ? "" : " (" + hits + "/" + of + ")";
    }

    /**
     * Stable share of the requests asked more than once, with the counts ({@code 70% (7/10)}); —
     * for an endpoint asked once per request.
     */
    static String stability(EndpointStats s) {
        if (s.samples().repeatedEvents() == 0) {
            return "—";
        }
        return percent(s.samples().stability())
                + " ("
                + s.samples().stableEvents()
                + "/"
                + s.samples().repeatedEvents()
                + ")";
    }

    /** Rows are categories, columns the run's models; a model absent from a category shows —. */
    private static TextTable categories(RunSummary summary) {
        List<String> header = new ArrayList<>();
        header.add("category");
        header.addAll(summary.models().keySet());
        TextTable t = new TextTable(header);
        summary.categories()
                .forEach(
                        (category, byModel) -> {
                            List<String> cells = new ArrayList<>();
                            cells.add(category);
                            for (String model : summary.models().keySet()) {
                                cells.add(accuracyCell(byModel, model));
                            }
                            t.row(cells);
                        });
        return t;
    }

    private static String accuracyCell(SortedMap<String, EndpointStats> byModel, String model) {
        EndpointStats s = byModel.get(model);
        if (s == null || s.accuracy() == null) {
            return NONE;
        }
        return percent(s.accuracy()) + " (" + s.correct() + "/" + s.scored() + ")";
    }
}
