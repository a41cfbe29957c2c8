package org.vlmeval.pipeline;

import org.vlmeval.model.AnswerRow;

/**
 * An answer on its way into the windows of one {@link MetricsKey}: each answer enters twice, once
 * under its category and once under {@code *}, as the compact {@link MetricsSample}.
 */
public record KeyedAnswer(MetricsKey key, MetricsSample sample) {

    public KeyedAnswer(MetricsKey key, AnswerRow answer) {
        this(key, MetricsSample.of(answer));
    }
}
