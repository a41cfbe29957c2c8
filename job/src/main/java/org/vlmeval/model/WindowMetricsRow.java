package org.vlmeval.model;

import org.vlmeval.options.Check;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregates of one event-time window for one (run, model, category): a row of the {@code
 * window_metrics} table. The natural key is ({@link #run}, {@link #model}, {@link #category},
 * {@link #windowStart}, {@link #windowEnd}); writing a row with the same key again (a late firing,
 * a replay) replaces the stored one.
 *
 * <p>Rates are null when their denominator is 0, and their Wilson bounds are null together with
 * them.
 *
 * @param run the evaluation run
 * @param model the endpoint name
 * @param category the category, or {@link #ALL_CATEGORIES} for the window over every category
 * @param windowStart inclusive start of the window
 * @param windowEnd exclusive end of the window; the Grafana {@code time} column
 * @param windowKind {@code sliding} or {@code tumbling}
 * @param requests requests in the window (answered + errors)
 * @param answered calls that returned an answer
 * @param errors calls that failed
 * @param errorsByKind failed calls by error kind; values add up to {@code errors}
 * @param scored answers that had a reference to score against
 * @param correct scored answers that were correct
 * @param accuracy correct / scored
 * @param accuracyLow lower Wilson bound of {@code accuracy}
 * @param accuracyHigh upper Wilson bound of {@code accuracy}
 * @param meanScore mean score of the scored answers
 * @param refusals answers that were refusals
 * @param refusalRate refusals / answered
 * @param refusalRateLow lower Wilson bound of {@code refusalRate}
 * @param refusalRateHigh upper Wilson bound of {@code refusalRate}
 * @param withObjects answers whose request listed the objects in the image
 * @param hallucinations of those, answers that named an absent object
 * @param hallucinationRate hallucinations / withObjects
 * @param hallucinationRateLow lower Wilson bound of {@code hallucinationRate}
 * @param hallucinationRateHigh upper Wilson bound of {@code hallucinationRate}
 * @param latencyP50Ms median call latency in ms, null without calls
 * @param latencyP95Ms 95th percentile call latency in ms
 * @param latencyP99Ms 99th percentile call latency in ms
 * @param inputTokens prompt tokens reported
 * @param outputTokens completion tokens reported
 * @param cost summed cost
 * @param late late records counted in this firing
 * @param judged answers a grade judge graded ({@code truth = judge:<name>}), never in {@code
 *     scored}
 * @param judgedCorrect judged answers the judge found correct
 * @param judgedAccuracy judgedCorrect / judged
 * @param judgedAccuracyLow lower Wilson bound of {@code judgedAccuracy}
 * @param judgedAccuracyHigh upper Wilson bound of {@code judgedAccuracy}
 * @param judgedWithObjects answers judged for hallucinations against an objects judge's list
 *     ({@code objects_source = judge:<name>}), never in {@code withObjects}
 * @param judgedHallucinations of those, answers that named an object the judge did not see
 * @param judgedHallucinationRate judgedHallucinations / judgedWithObjects
 * @param judgedHallucinationRateLow lower Wilson bound of {@code judgedHallucinationRate}
 * @param judgedHallucinationRateHigh upper Wilson bound of {@code judgedHallucinationRate}
 */
public record WindowMetricsRow(
        String run,
        String model,
        String category,
        Instant windowStart,
        Instant windowEnd,
        String windowKind,
        long requests,
        long answered,
        long errors,
        Map<String, Long> errorsByKind,
        long scored,
        long correct,
        Double accuracy,
        Double accuracyLow,
        Double accuracyHigh,
        Double meanScore,
        long refusals,
        Double refusalRate,
        Double refusalRateLow,
        Double refusalRateHigh,
        long withObjects,
        long hallucinations,
        Double hallucinationRate,
        Double hallucinationRateLow,
        Double hallucinationRateHigh,
        Long latencyP50Ms,
        Long latencyP95Ms,
        Long latencyP99Ms,
        long inputTokens,
        long outputTokens,
        double cost,
        long late,
        long judged,
        long judgedCorrect,
        Double judgedAccuracy,
        Double judgedAccuracyLow,
        Double judgedAccuracyHigh,
        long judgedWithObjects,
        long judgedHallucinations,
        Double judgedHallucinationRate,
        Double judgedHallucinationRateLow,
        Double judgedHallucinationRateHigh)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The category value of the window over every category. */
    public static final String ALL_CATEGORIES = "*";

    /** The natural key's columns in the store, in key order. */
    public static final List<String> KEY_COLUMNS =
            List.of("run", "model", "category", "window_start", "window_end");

    /**
     * The other columns, in the order of the record's components: with {@link #KEY_COLUMNS} the
     * store's columns, the CSV header of {@code metrics.csv} and the JSON field names.
     */
    public static final List<String> VALUE_COLUMNS =
            List.of(
                    "window_kind",
                    "requests",
                    "answered",
                    "errors",
                    "errors_by_kind",
                    "scored",
                    "correct",
                    "accuracy",
                    "accuracy_low",
                    "accuracy_high",
                    "mean_score",
                    "refusals",
                    "refusal_rate",
                    "refusal_rate_low",
                    "refusal_rate_high",
                    "with_objects",
                    "hallucinations",
                    "hallucination_rate",
                    "hallucination_rate_low",
                    "hallucination_rate_high",
                    "latency_p50_ms",
                    "latency_p95_ms",
                    "latency_p99_ms",
                    "input_tokens",
                    "output_tokens",
                    "cost",
                    "late",
                    "judged",
                    "judged_correct",
                    "judged_accuracy",
                    "judged_accuracy_low",
                    "judged_accuracy_high",
                    "judged_with_objects",
                    "judged_hallucinations",
                    "judged_hallucination_rate",
                    "judged_hallucination_rate_low",
                    "judged_hallucination_rate_high");

    /** {@link #KEY_COLUMNS} then {@link #VALUE_COLUMNS}. */
    public static final List<String> COLUMNS =
            java.util.stream.Stream.concat(KEY_COLUMNS.stream(), VALUE_COLUMNS.stream()).toList();

    public static final String SLIDING = "sliding";
    public static final String TUMBLING = "tumbling";

    public WindowMetricsRow {
        Check.nonBlank("run", run);
        Check.nonBlank("model", model);
        Check.nonBlank("category", category);
        Check.required("window_start", windowStart);
        Check.required("window_end", windowEnd);
        Check.that(
                windowStart.isBefore(windowEnd),
                "window_start",
                () -> "must be before window_end (" + windowEnd + "), was " + windowStart);
        Check.that(
                SLIDING.equals(windowKind) || TUMBLING.equals(windowKind),
                "window_kind",
                () -> "must be \"sliding\" or \"tumbling\", was " + windowKind);
        Check.nonNegative("requests", requests);
        Check.nonNegative("answered", answered);
        Check.nonNegative("errors", errors);
        Check.atMost("answered", answered, "requests", requests);
        Check.atMost("errors", errors, "requests", requests);
        errorsByKind = errorsByKind == null ? Map.of() : copy(errorsByKind);
        long byKind = 0;
        for (Map.Entry<String, Long> e : errorsByKind.entrySet()) {
            Check.nonBlank("errors_by_kind", e.getKey());
            byKind += Check.nonNegative("errors_by_kind[" + e.getKey() + "]", e.getValue());
        }
        Check.that(
                errorsByKind.isEmpty() || byKind == errors,
                "errors_by_kind",
                "values add up to " + byKind + ", not errors (" + errors + ")");
        Check.nonNegative("scored", scored);
        Check.nonNegative("correct", correct);
        Check.atMost("correct", correct, "scored", scored);
        rate(accuracy, accuracyLow, accuracyHigh, "accuracy");
        Check.fractionOrNull("mean_score", meanScore);
        Check.nonNegative("refusals", refusals);
        rate(refusalRate, refusalRateLow, refusalRateHigh, "refusal_rate");
        Check.nonNegative("with_objects", withObjects);
        Check.nonNegative("hallucinations", hallucinations);
        Check.atMost("hallucinations", hallucinations, "with_objects", withObjects);
        rate(hallucinationRate, hallucinationRateLow, hallucinationRateHigh, "hallucination_rate");
        Check.nonNegative("latency_p50_ms", latencyP50Ms);
        Check.nonNegative("latency_p95_ms", latencyP95Ms);
        Check.nonNegative("latency_p99_ms", latencyP99Ms);
        if (latencyP50Ms != null && latencyP95Ms != null) {
            Check.atMost("latency_p50_ms", latencyP50Ms, "latency_p95_ms", latencyP95Ms);
        }
        if (latencyP95Ms != null && latencyP99Ms != null) {
            Check.atMost("latency_p95_ms", latencyP95Ms, "latency_p99_ms", latencyP99Ms);
        }
        Check.nonNegative("input_tokens", inputTokens);
        Check.nonNegative("output_tokens", outputTokens);
        Check.nonNegative("cost", cost);
        Check.nonNegative("late", late);
        Check.nonNegative("judged", judged);
        Check.nonNegative("judged_correct", judgedCorrect);
        Check.atMost("judged_correct", judgedCorrect, "judged", judged);
        rate(judgedAccuracy, judgedAccuracyLow, judgedAccuracyHigh, "judged_accuracy");
        Check.nonNegative("judged_with_objects", judgedWithObjects);
        Check.nonNegative("judged_hallucinations", judgedHallucinations);
        Check.atMost(
                "judged_hallucinations",
                judgedHallucinations,
                "judged_with_objects",
                judgedWithObjects);
        rate(
                judgedHallucinationRate,
                judgedHallucinationRateLow,
                judgedHallucinationRateHigh,
                "judged_hallucination_rate");
    }

    /** A row without objects-judge counts (0 and nulls). */
    public WindowMetricsRow(
            String run,
            String model,
            String category,
            Instant windowStart,
            Instant windowEnd,
            String windowKind,
            long requests,
            long answered,
            long errors,
            Map<String, Long> errorsByKind,
            long scored,
            long correct,
            Double accuracy,
            Double accuracyLow,
            Double accuracyHigh,
            Double meanScore,
            long refusals,
            Double refusalRate,
            Double refusalRateLow,
            Double refusalRateHigh,
            long withObjects,
            long hallucinations,
            Double hallucinationRate,
            Double hallucinationRateLow,
            Double hallucinationRateHigh,
            Long latencyP50Ms,
            Long latencyP95Ms,
            Long latencyP99Ms,
            long inputTokens,
            long outputTokens,
            double cost,
            long late,
            long judged,
            long judgedCorrect,
            Double judgedAccuracy,
            Double judgedAccuracyLow,
            Double judgedAccuracyHigh) {
        this(
                run,
                model,
                category,
                windowStart,
                windowEnd,
                windowKind,
                requests,
                answered,
                errors,
                errorsByKind,
                scored,
                correct,
                accuracy,
                accuracyLow,
                accuracyHigh,
                meanScore,
                refusals,
                refusalRate,
                refusalRateLow,
                refusalRateHigh,
                withObjects,
                hallucinations,
                hallucinationRate,
                hallucinationRateLow,
                hallucinationRateHigh,
                latencyP50Ms,
                latencyP95Ms,
                latencyP99Ms,
                inputTokens,
                outputTokens,
                cost,
                late,
                judged,
                judgedCorrect,
                judgedAccuracy,
                judgedAccuracyLow,
                judgedAccuracyHigh,
                0,
                0,
                null,
                null,
                null);
    }

    /** The row's natural key, for messages. */
    public String naturalKey() {
        return "(run="
                + run
                + ", model="
                + model
                + ", category="
                + category
                + ", window_start="
                + windowStart
                + ", window_end="
                + windowEnd
                + ")";
    }

    private static void rate(Double rate, Double low, Double high, String field) {
        Check.fractionOrNull(field, rate);
        Check.fractionOrNull(field + "_low", low);
        Check.fractionOrNull(field + "_high", high);
        Check.that(
                rate != null || (low == null && high == null),
                field + "_low",
                () -> "must be null together with " + field + "_high when " + field + " is null");
        Check.that(
                low == null || high == null || low <= high,
                field + "_low",
                () -> "must be <= " + field + "_high (" + high + "), was " + low);
    }

    /** An unmodifiable, serializable, key-ordered copy that rejects null keys and values. */
    private static Map<String, Long> copy(Map<String, Long> map) {
        for (Map.Entry<String, Long> e : map.entrySet()) {
            Check.required("errors_by_kind", e.getKey());
            Check.required("errors_by_kind[" + e.getKey() + "]", e.getValue());
        }
        return java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
