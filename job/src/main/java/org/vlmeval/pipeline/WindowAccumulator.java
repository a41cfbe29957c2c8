package org.vlmeval.pipeline;

import org.vlmeval.metrics.LatencyHistogram;
import org.vlmeval.model.AnswerRow;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The running sums of one window: a mutable Flink POJO (public fields, maps of basic types) so that
 * window state is serialized without Kryo. Counts follow the store's definitions: errors are
 * requests but never answers, so they stay out of the accuracy, refusal and hallucination
 * denominators. Repeated samples after a request's first are calls (requests, errors, latency,
 * tokens, cost) but not answers: the rates are over first samples, as in the store's views.
 *
 * <p>Scores and costs are summed exactly ({@link BigDecimal} of each value's shortest decimal
 * form), so a window's row is the same whatever order its answers arrive in: answers from several
 * subtasks (the key-by of deduplication, several partitions) interleave differently on every run,
 * and a sum of doubles depends on the order.
 */
public class WindowAccumulator {

    public long requests;
    public long answered;
    public long errors;
    public Map<String, Long> errorsByKind = new HashMap<>();
    public long scored;
    public long correct;
    public BigDecimal scoreTotal = BigDecimal.ZERO;
    public long refusals;

    /** Answers a judge graded ({@code truth = judge:<name>}), apart from {@link #scored}. */
    public long judged;

    public long judgedCorrect;

    public long withObjects;
    public long hallucinations;

    /**
     * Answers judged for hallucinations against an objects judge's list ({@code objects_source =
     * judge:<name>}), apart from {@link #withObjects}.
     */
    public long judgedWithObjects;

    public long judgedHallucinations;

    /** {@link LatencyHistogram} buckets (index → count) and the largest latency seen. */
    public Map<Integer, Long> latencyBuckets = new HashMap<>();

    public long latencyMaxMs;
    public long inputTokens;
    public long outputTokens;
    public BigDecimal costTotal = BigDecimal.ZERO;
    public long late;

    /**
     * Sums of score and cost in window state written before the exact totals (a window in flight
     * when the job was upgraded from a savepoint); 0 otherwise.
     */
    public double scoreSum;

    public double cost;

    public void add(AnswerRow a) {
        add(MetricsSample.of(a));
    }

    /**
     * Adds an answer's contribution, or takes it back when its {@link MetricsSample#sign()} is -1
     * (a late label re-scored the answer; its new contribution follows). Counts, latency buckets
     * and the exact sums subtract exactly, and entries that reach 0 are removed, so adding and
     * taking back leaves the sums as if the answer had never come. The largest latency cannot go
     * back: a correction takes back and adds the same call, so it never needs to.
     */
    public void add(MetricsSample a) {
        long d = a.sign();
        requests += d;
        if (a.errorKind() != null) {
            errors += d;
            errorsByKind.merge(a.errorKind(), d, WindowAccumulator::sumOrRemove);
        } else if (!a.repeat()) {
            answered += d;
            if (a.correct() != null) {
                scored += d;
                if (a.correct()) {
                    correct += d;
                }
                scoreTotal = plus(scoreTotal, a.score(), d);
            }
            if (a.judgedCorrect() != null) {
                judged += d;
                if (a.judgedCorrect()) {
                    judgedCorrect += d;
                }
            }
            if (Boolean.TRUE.equals(a.refusal())) {
                refusals += d;
            }
            if (a.hallucination() != null) {
                withObjects += d;
                if (a.hallucination()) {
                    hallucinations += d;
                }
            }
            if (a.judgedHallucination() != null) {
                judgedWithObjects += d;
                if (a.judgedHallucination()) {
                    judgedHallucinations += d;
                }
            }
        }
        latencyBuckets.merge(
                LatencyHistogram.bucketOf(a.latencyMs()), d, WindowAccumulator::sumOrRemove);
        latencyMaxMs = Math.max(latencyMaxMs, a.latencyMs());
        inputTokens += d * (a.inputTokens() == null ? 0 : a.inputTokens());
        outputTokens += d * (a.outputTokens() == null ? 0 : a.outputTokens());
        if (a.cost() != null) {
            costTotal = plus(costTotal, a.cost(), d);
        }
        if (a.late()) {
            late += d;
        }
    }

    private static BigDecimal plus(BigDecimal total, double value, long sign) {
        BigDecimal v = BigDecimal.valueOf(value);
        return sign > 0 ? total.add(v) : total.subtract(v);
    }

    /** Map merge: the sum, or null (the entry removed) when it is 0. */
    private static Long sumOrRemove(Long a, Long b) {
        long sum = a + b;
        return sum == 0 ? null : sum;
    }

    public WindowAccumulator merge(WindowAccumulator o) {
        requests += o.requests;
        answered += o.answered;
        errors += o.errors;
        o.errorsByKind.forEach((k, v) -> errorsByKind.merge(k, v, Long::sum));
        scored += o.scored;
        correct += o.correct;
        scoreTotal = scoreTotal.add(o.scoreTotal);
        scoreSum += o.scoreSum;
        refusals += o.refusals;
        judged += o.judged;
        judgedCorrect += o.judgedCorrect;
        withObjects += o.withObjects;
        hallucinations += o.hallucinations;
        judgedWithObjects += o.judgedWithObjects;
        judgedHallucinations += o.judgedHallucinations;
        o.latencyBuckets.forEach((k, v) -> latencyBuckets.merge(k, v, Long::sum));
        latencyMaxMs = Math.max(latencyMaxMs, o.latencyMaxMs);
        inputTokens += o.inputTokens;
        outputTokens += o.outputTokens;
        costTotal = costTotal.add(o.costTotal);
        cost += o.cost;
        late += o.late;
        return this;
    }

    /** The sum of the scores. */
    public double scoreSum() {
        return scoreTotal.doubleValue() + scoreSum;
    }

    /** The sum of the costs. */
    public double cost() {
        return costTotal.doubleValue() + cost;
    }

    public LatencyHistogram latency() {
        return LatencyHistogram.fromBuckets(latencyBuckets, latencyMaxMs);
    }
}
