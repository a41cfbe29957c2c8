package org.vlmeval.sinks.files;

import org.vlmeval.metrics.Interval;
import org.vlmeval.metrics.Wilson;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.JsonCodec;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The totals of one endpoint over a set of answer rows (a whole run, or one category of it).
 *
 * <p>With repeated samples ({@code repeats}), every sample is a request (a call: errors, latency,
 * tokens and cost count them all), but answers and rates are over the first samples, so they mean
 * the same with and without repeats; the samples' agreement is in {@code samples}.
 *
 * <p>Rates leave failed calls out of their denominators: an endpoint that timed out did not answer
 * wrongly, it did not answer. Rates and their Wilson 95% intervals are null when their denominator
 * is 0. Latency percentiles are over <em>every</em> row, errored calls included, because a call
 * that failed after a 30 s timeout still cost the caller 30 s; they are exact nearest-rank values
 * (not the windows' histogram estimates) and null without rows.
 *
 * @param requests rows (answered + errors)
 * @param answered rows without an error
 * @param errors rows with an error
 * @param errorsByKind errors by error kind
 * @param scored answered rows with a verdict on correctness from a reference or a label (never a
 *     judge's: those are {@code judged})
 * @param correct scored rows that were correct
 * @param accuracy correct / scored
 * @param accuracyCi Wilson 95% interval of {@code accuracy}
 * @param meanScore mean score of the scored rows
 * @param judged answered rows a grade judge graded ({@code truth = judge:<name>}: the request had
 *     no reference), kept apart from {@code scored}
 * @param judgedCorrect judged rows the judge found correct
 * @param judgedAccuracy judgedCorrect / judged
 * @param judgedAccuracyCi Wilson 95% interval of {@code judgedAccuracy}
 * @param refusals answered rows that were refusals
 * @param refusalRate refusals / answered
 * @param refusalRateCi Wilson 95% interval of {@code refusalRate}
 * @param withObjects answered rows whose request listed the objects in the image
 * @param hallucinations of those, rows that named an absent object
 * @param hallucinationRate hallucinations / withObjects
 * @param hallucinationRateCi Wilson 95% interval of {@code hallucinationRate}
 * @param judgedWithObjects answered rows judged for hallucinations against an objects judge's list
 *     ({@code objects_source = judge:<name>}: the request listed no objects), apart from {@code
 *     withObjects}
 * @param judgedHallucinations of those, rows that named an object the judge did not see
 * @param judgedHallucinationRate judgedHallucinations / judgedWithObjects
 * @param judgedHallucinationRateCi Wilson 95% interval of {@code judgedHallucinationRate}
 * @param latencyMsP50 median latency in ms over all rows
 * @param latencyMsP95 95th percentile latency in ms over all rows
 * @param inputTokens prompt tokens summed (a row without a count adds 0)
 * @param outputTokens completion tokens summed (a row without a count adds 0)
 * @param cost summed cost of the rows that had one; null when no row had a cost
 * @param reused rows whose outcome came from the response journal (not paid for again)
 * @param samples answer stability over the requests asked more than once ({@link SampleGroups})
 */
public record EndpointStats(
        long requests,
        long answered,
        long errors,
        SortedMap<String, Long> errorsByKind,
        long scored,
        long correct,
        Double accuracy,
        Interval accuracyCi,
        Double meanScore,
        long judged,
        long judgedCorrect,
        Double judgedAccuracy,
        Interval judgedAccuracyCi,
        long refusals,
        Double refusalRate,
        Interval refusalRateCi,
        long withObjects,
        long hallucinations,
        Double hallucinationRate,
        Interval hallucinationRateCi,
        long judgedWithObjects,
        long judgedHallucinations,
        Double judgedHallucinationRate,
        Interval judgedHallucinationRateCi,
        Long latencyMsP50,
        Long latencyMsP95,
        long inputTokens,
        long outputTokens,
        Double cost,
        long reused,
        SampleGroups samples) {

    public EndpointStats {
        errorsByKind = Collections.unmodifiableSortedMap(new TreeMap<>(errorsByKind));
    }

    /** The totals of {@code rows}, which are taken to belong to one endpoint. */
    public static EndpointStats of(Collection<AnswerRow> rows) {
        long answered = 0;
        long scored = 0;
        long correct = 0;
        long judged = 0;
        long judgedCorrect = 0;
        long refusals = 0;
        long withObjects = 0;
        long hallucinations = 0;
        long judgedWithObjects = 0;
        long judgedHallucinations = 0;
        long inputTokens = 0;
        long outputTokens = 0;
        SortedMap<String, Long> errorsByKind = new TreeMap<>();
        double[] scores = new double[rows.size()];
        double[] costs = new double[rows.size()];
        long[] latencies = new long[rows.size()];
        int nScores = 0;
        int nCosts = 0;
        int nLatencies = 0;
        long reused = 0;
        for (AnswerRow r : rows) {
            reused += r.reused() ? 1 : 0;
            latencies[nLatencies++] = r.latencyMs();
            inputTokens += r.inputTokens() == null ? 0 : r.inputTokens();
            outputTokens += r.outputTokens() == null ? 0 : r.outputTokens();
            if (r.cost() != null) {
                costs[nCosts++] = r.cost();
            }
            if (r.errorKind() != null) {
                errorsByKind.merge(r.errorKind(), 1L, Long::sum);
                continue;
            }
            if (!r.firstSample()) {
                continue;
            }
            answered++;
            if (r.judged()) {
                judged++;
                judgedCorrect += r.correct() ? 1 : 0;
            } else if (r.correct() != null) {
                scored++;
                correct += r.correct() ? 1 : 0;
                scores[nScores++] = r.score();
            }
            refusals += Boolean.TRUE.equals(r.refusal()) ? 1 : 0;
            if (r.objectsJudged()) {
                judgedWithObjects++;
                judgedHallucinations += r.hallucination() ? 1 : 0;
            } else if (r.hallucination() != null) {
                withObjects++;
                hallucinations += r.hallucination() ? 1 : 0;
            }
        }
        Arrays.sort(latencies, 0, nLatencies);
        Double scoreSum = sortedSum(scores, nScores);
        return new EndpointStats(
                rows.size(),
                answered,
                errorsByKind.values().stream().mapToLong(Long::longValue).sum(),
                errorsByKind,
                scored,
                correct,
                rate(correct, scored),
                Wilson.interval95(correct, scored),
                scoreSum == null ? null : scoreSum / nScores,
                judged,
                judgedCorrect,
                rate(judgedCorrect, judged),
                Wilson.interval95(judgedCorrect, judged),
                refusals,
                rate(refusals, answered),
                Wilson.interval95(refusals, answered),
                withObjects,
                hallucinations,
                rate(hallucinations, withObjects),
                Wilson.interval95(hallucinations, withObjects),
                judgedWithObjects,
                judgedHallucinations,
                rate(judgedHallucinations, judgedWithObjects),
                Wilson.interval95(judgedHallucinations, judgedWithObjects),
                nearestRank(latencies, nLatencies, 0.50),
                nearestRank(latencies, nLatencies, 0.95),
                inputTokens,
                outputTokens,
                sortedSum(costs, nCosts),
                reused,
                SampleGroups.of(rows));
    }

    /** The JSON object of summary.json; field names follow the store's snake case. */
    public ObjectNode toJson() {
        ObjectNode o = JsonCodec.MAPPER.createObjectNode();
        o.put("requests", requests);
        o.put("answered", answered);
        o.put("errors", errors);
        ObjectNode byKind = o.putObject("errors_by_kind");
        errorsByKind.forEach(byKind::put);
        o.put("scored", scored);
        o.put("correct", correct);
        o.put("accuracy", accuracy);
        putInterval(o, "accuracy_ci", accuracyCi);
        o.put("mean_score", meanScore);
        o.put("judged", judged);
        o.put("judged_correct", judgedCorrect);
        o.put("judged_accuracy", judgedAccuracy);
        putInterval(o, "judged_accuracy_ci", judgedAccuracyCi);
        o.put("refusals", refusals);
        o.put("refusal_rate", refusalRate);
        putInterval(o, "refusal_rate_ci", refusalRateCi);
        o.put("with_objects", withObjects);
        o.put("hallucinations", hallucinations);
        o.put("hallucination_rate", hallucinationRate);
        putInterval(o, "hallucination_rate_ci", hallucinationRateCi);
        o.put("judged_with_objects", judgedWithObjects);
        o.put("judged_hallucinations", judgedHallucinations);
        o.put("judged_hallucination_rate", judgedHallucinationRate);
        putInterval(o, "judged_hallucination_rate_ci", judgedHallucinationRateCi);
        o.put("latency_ms_p50", latencyMsP50);
        o.put("latency_ms_p95", latencyMsP95);
        o.put("input_tokens", inputTokens);
        o.put("output_tokens", outputTokens);
        o.put("cost", cost);
        o.put("reused", reused);
        o.put("repeated_events", samples.repeatedEvents());
        o.put("stable_events", samples.stableEvents());
        o.put("stability", samples.stability());
        putInterval(o, "stability_ci", samples.stabilityCi());
        o.put("first_sample_accuracy", samples.firstSampleAccuracy());
        o.put("majority_accuracy", samples.majorityAccuracy());
        return o;
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code q} of the values at or
     * below it, or null without values. {@code sorted[0..n)} must be sorted.
     */
    static Long nearestRank(long[] sorted, int n, double q) {
        if (n == 0) {
            return null;
        }
        int rank = (int) Math.max(1, Math.ceil(q * n));
        return sorted[rank - 1];
    }

    private static Double rate(long hits, long trials) {
        return trials == 0 ? null : (double) hits / trials;
    }

    /**
     * The sum of {@code values[0..n)}, or null when n is 0. Summing in sorted order makes the
     * result independent of the order rows arrived in, to the last bit, so re-runs give identical
     * files.
     */
    private static Double sortedSum(double[] values, int n) {
        if (n == 0) {
            return null;
        }
        Arrays.sort(values, 0, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return sum;
    }

    private static void putInterval(ObjectNode o, String field, Interval ci) {
        if (ci == null) {
            o.putNull(field);
        } else {
            o.putArray(field).add(ci.low()).add(ci.high());
        }
    }
}
