package org.vlmeval.sinks.files;

import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.JudgementRow;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Collection;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one judge did over a run and what it cost, from its {@link JudgementRow}s: the judges'
 * section of {@code judges.json}, the text table and the report. Judge calls are accounted here,
 * never in the evaluated endpoints' tokens and cost.
 *
 * @param judgements rows (one per answer the judge looked at, or a budget skip)
 * @param calls rows that called the judge endpoint (not reused, not skipped, image readable)
 * @param reused objects lists reused from another answer about the same image (not paid again)
 * @param verdicts grade verdicts by kind ({@code correct}, {@code incorrect}, {@code unsure})
 * @param listed objects lists given to answers (paid or reused)
 * @param errorsByKind judgements without a result, by error kind
 * @param skippedByReason budget skips by reason
 * @param inputTokens prompt tokens of the calls
 * @param outputTokens completion tokens of the calls
 * @param cost summed cost of the calls that had one; null when none had
 * @param latencyMsP50 median latency of the calls; null without calls
 * @param promptVersions the prompt versions used
 */
public record JudgeStats(
        long judgements,
        long calls,
        long reused,
        SortedMap<String, Long> verdicts,
        long listed,
        SortedMap<String, Long> errorsByKind,
        SortedMap<String, Long> skippedByReason,
        long inputTokens,
        long outputTokens,
        Double cost,
        Long latencyMsP50,
        SortedSet<String> promptVersions) {

    /** Every judge's figures, by judge name. */
    public static SortedMap<String, JudgeStats> byJudge(Collection<JudgementRow> rows) {
        SortedMap<String, java.util.List<JudgementRow>> grouped = new TreeMap<>();
        for (JudgementRow r : rows) {
            grouped.computeIfAbsent(r.judge(), k -> new java.util.ArrayList<>()).add(r);
        }
        SortedMap<String, JudgeStats> out = new TreeMap<>();
        grouped.forEach((judge, its) -> out.put(judge, of(its)));
        return out;
    }

    static JudgeStats of(Collection<JudgementRow> rows) {
        long calls = 0;
        long reused = 0;
        long listed = 0;
        long in = 0;
        long outTokens = 0;
        SortedMap<String, Long> verdicts = new TreeMap<>();
        SortedMap<String, Long> errors = new TreeMap<>();
        SortedMap<String, Long> skipped = new TreeMap<>();
        SortedSet<String> prompts = new TreeSet<>();
        long[] latencies = new long[rows.size()];
        double[] costs = new double[rows.size()];
        int nCosts = 0;
        for (JudgementRow r : rows) {
            if (r.promptVersion() != null) {
                prompts.add(r.promptVersion());
            }
            if (r.skipped() != null) {
                skipped.merge(r.skipped(), 1L, Long::sum);
                continue;
            }
            // A list paid for by another answer; a shared failed call is an error, not a reuse.
            reused += r.reused() && r.errorKind() == null ? 1 : 0;
            if (r.paid()) {
                latencies[(int) calls++] = r.latencyMs();
                in += r.inputTokens() == null ? 0 : r.inputTokens();
                outTokens += r.outputTokens() == null ? 0 : r.outputTokens();
                if (r.cost() != null) {
                    costs[nCosts++] = r.cost();
                }
            }
            if (r.errorKind() != null) {
                errors.merge(r.errorKind(), 1L, Long::sum);
            } else if (r.verdict() != null) {
                verdicts.merge(r.verdict(), 1L, Long::sum);
            } else {
                listed++;
            }
        }
        Arrays.sort(latencies, 0, (int) calls);
        // Summed in ascending order, as EndpointStats does, so the total is the same every run.
        Arrays.sort(costs, 0, nCosts);
        double total = 0;
        for (int i = 0; i < nCosts; i++) {
            total += costs[i];
        }
        return new JudgeStats(
                rows.size(),
                calls,
                reused,
                verdicts,
                listed,
                errors,
                skipped,
                in,
                outTokens,
                nCosts == 0 ? null : total,
                calls == 0 ? null : latencies[(int) ((calls - 1) / 2)],
                prompts);
    }

    /** The grade verdicts as {@code correct/incorrect/unsure} counts, e.g. {@code 6/4/0}. */
    public String verdictCounts() {
        return verdicts.getOrDefault("correct", 0L)
                + "/"
                + verdicts.getOrDefault("incorrect", 0L)
                + "/"
                + verdicts.getOrDefault("unsure", 0L);
    }

    /** The JSON object of {@code judges.json}; field names follow the store's snake case. */
    public ObjectNode toJson() {
        ObjectNode o = JsonCodec.MAPPER.createObjectNode();
        o.put("judgements", judgements);
        o.put("calls", calls);
        o.put("reused", reused);
        verdicts.forEach(o.putObject("verdicts")::put);
        o.put("listed", listed);
        errorsByKind.forEach(o.putObject("errors_by_kind")::put);
        skippedByReason.forEach(o.putObject("skipped_by_reason")::put);
        o.put("input_tokens", inputTokens);
        o.put("output_tokens", outputTokens);
        o.put("cost", cost);
        o.put("latency_ms_p50", latencyMsP50);
        promptVersions.forEach(o.putArray("prompt_versions")::add);
        return o;
    }
}
