package org.vlmeval.model;

import org.vlmeval.options.Check;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a judge did about one answer: a row of the {@code judgements} table and of {@code
 * judgements.jsonl}. One row per (run, request, answering endpoint, sample, judge, task): the
 * judge's result, its error, or why it was skipped; the call's latency, tokens and cost (only on
 * the row that paid: an objects list reused for another answer is a row with {@code reused} and no
 * cost), and the prompt version, so that every judge-based figure can be traced to the prompt that
 * produced it.
 *
 * @param run the run
 * @param requestId the request whose answer was judged
 * @param endpoint the endpoint whose answer it was
 * @param sample the answer's sample
 * @param eventTime the request's event time
 * @param judge the judge's name
 * @param task {@code objects} or {@code grade}
 * @param promptVersion the prompt asked with, e.g. {@code grade.v1.en}; null when skipped before a
 *     prompt was chosen
 * @param imageKey SHA-256 of the image bytes ({@code objects}); null otherwise
 * @param verdict {@code correct}, {@code incorrect} or {@code unsure} ({@code grade}); else null
 * @param objects the objects the judge saw ({@code objects}); else null
 * @param rationale the judge's remark; null when none
 * @param reused an objects list judged for another answer about the same image (not paid again)
 * @param skipped why the judge did not judge ({@code budget_calls}, {@code budget_cost}); null when
 *     it did
 * @param errorKind why a judgement has no result ({@code no_json}, {@code call_failed} …); null
 *     otherwise
 * @param errorMessage what went wrong, for people
 * @param latencyMs the judge call's latency; 0 when reused or skipped
 * @param inputTokens prompt tokens reported; null when unknown, reused or skipped
 * @param outputTokens completion tokens reported; null when unknown, reused or skipped
 * @param cost the call's cost from the judge endpoint's prices; null when unknown
 */
public record JudgementRow(
        String run,
        String requestId,
        String endpoint,
        int sample,
        Instant eventTime,
        String judge,
        String task,
        String promptVersion,
        String imageKey,
        String verdict,
        List<String> objects,
        String rationale,
        boolean reused,
        String skipped,
        String errorKind,
        String errorMessage,
        long latencyMs,
        Integer inputTokens,
        Integer outputTokens,
        Double cost)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    static final Set<String> TASKS = Set.of("objects", "grade");

    public JudgementRow {
        Check.nonBlank("run", run);
        Check.nonBlank("request_id", requestId);
        Check.nonBlank("endpoint", endpoint);
        Check.atLeast("sample", sample, 0);
        Check.required("event_time", eventTime);
        Check.nonBlank("judge", judge);
        Check.that(TASKS.contains(task), "task", () -> "must be objects or grade, was " + task);
        objects = objects == null ? null : List.copyOf(objects);
        int outcomes =
                (verdict != null || objects != null ? 1 : 0)
                        + (skipped != null ? 1 : 0)
                        + (errorKind != null ? 1 : 0);
        Check.that(
                outcomes == 1,
                "verdict",
                "a judgement has exactly one of a result, skipped and error_kind");
        Check.nonNegative("latency_ms", latencyMs);
        Check.nonNegative("input_tokens", inputTokens);
        Check.nonNegative("output_tokens", outputTokens);
        Check.nonNegativeOrNull("cost", cost);
    }

    /** Whether the judge endpoint was called for this row (not reused, not skipped). */
    public boolean paid() {
        return skipped == null && !reused && !"image_error".equals(errorKind);
    }

    /** The natural key, for messages: {@code (run=…, request_id=…, …, judge=…, task=…)}. */
    public String naturalKey() {
        return "(run="
                + run
                + ", request_id="
                + requestId
                + ", endpoint="
                + endpoint
                + ", sample="
                + sample
                + ", judge="
                + judge
                + ", task="
                + task
                + ")";
    }
}
