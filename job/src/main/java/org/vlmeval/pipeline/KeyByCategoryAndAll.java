package org.vlmeval.pipeline;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.WindowMetricsRow;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Sends each answer to the windows of its category and to those of all categories together.
 * Requests without a category count under {@value #UNCATEGORIZED}, so the categories add up to
 * {@code *}.
 */
public final class KeyByCategoryAndAll implements FlatMapFunction<AnswerRow, KeyedAnswer> {

    private static final long serialVersionUID = 1L;

    public static final String UNCATEGORIZED = "uncategorized";

    @Override
    public void flatMap(AnswerRow a, Collector<KeyedAnswer> out) {
        String category = a.category() == null ? UNCATEGORIZED : a.category();
        MetricsSample sample = MetricsSample.of(a);
        out.collect(new KeyedAnswer(new MetricsKey(a.run(), a.endpoint(), category), sample));
        out.collect(
                new KeyedAnswer(
                        new MetricsKey(a.run(), a.endpoint(), WindowMetricsRow.ALL_CATEGORIES),
                        sample));
    }
}
