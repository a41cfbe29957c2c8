package org.vlmeval.pipeline;

import org.vlmeval.metrics.LatencyHistogram;
import org.vlmeval.model.AnswerRow;

import java.util.HashMap;
import java.util.Map;

/**
 * The running sums of one window: a mutable Flink POJO (public fields, maps of basic types) so that
 * window state is serialized without Kryo. Counts follow the store's definitions: errors are
 * requests but never answers, so they stay out of the accuracy, refusal and hallucination
 * denominators.
 */
public class WindowAccumulator {

    public long requests;
    public long answered;
    public long errors;
    public Map<String, Long> errorsByKind = new HashMap<>();
    public long scored;
    public long correct;
    public double scoreSum;
    public long refusals;
    public long withObjects;
    public long hallucinations;

    /** {@link LatencyHistogram} buckets (index → count) and the largest latency seen. */
    public Map<Integer, Long> latencyBuckets = new HashMap<>();

    public long latencyMaxMs;
    public long inputTokens;
    public long outputTokens;
    public double cost;
    public long late;

    public void add(AnswerRow a) {
        add(MetricsSample.of(a));
    }

    public void add(MetricsSample a) {
        requests++;
        if (a.errorKind() != null) {
            errors++;
            errorsByKind.merge(a.errorKind(), 1L, Long::sum);
        } else {
            answered++;
            if (a.correct() != null) {
                scored++;
                if (a.correct()) {
                    correct++;
                }
                scoreSum += a.score();
            }
            if (Boolean.TRUE.equals(a.refusal())) {
                refusals++;
            }
            if (a.hallucination() != null) {
                withObjects++;
                if (a.hallucination()) {
                    hallucinations++;
                }
            }
        }
        latencyBuckets.merge(LatencyHistogram.bucketOf(a.latencyMs()), 1L, Long::sum);
        latencyMaxMs = Math.max(latencyMaxMs, a.latencyMs());
        inputTokens += a.inputTokens() == null ? 0 : a.inputTokens();
        outputTokens += a.outputTokens() == null ? 0 : a.outputTokens();
        cost += a.cost() == null ? 0.0 : a.cost();
        if (a.late()) {
            late++;
        }
    }

    public WindowAccumulator merge(WindowAccumulator o) {
        requests += o.requests;
        answered += o.answered;
        errors += o.errors;
        o.errorsByKind.forEach((k, v) -> errorsByKind.merge(k, v, Long::sum));
        scored += o.scored;
        correct += o.correct;
        scoreSum += o.scoreSum;
        refusals += o.refusals;
        withObjects += o.withObjects;
        hallucinations += o.hallucinations;
        o.latencyBuckets.forEach((k, v) -> latencyBuckets.merge(k, v, Long::sum));
        latencyMaxMs = Math.max(latencyMaxMs, o.latencyMaxMs);
        inputTokens += o.inputTokens;
        outputTokens += o.outputTokens;
        cost += o.cost;
        late += o.late;
        return this;
    }

    public LatencyHistogram latency() {
        return LatencyHistogram.fromBuckets(latencyBuckets, latencyMaxMs);
    }
}
