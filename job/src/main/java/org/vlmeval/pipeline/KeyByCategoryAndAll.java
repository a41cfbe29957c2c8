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
        emit(a, MetricsSample.of(a), out);
    }

    private static void emit(AnswerRow a, MetricsSample sample, Collector<KeyedAnswer> out) {
        String category = a.category() == null ? UNCATEGORIZED : a.category();
        out.collect(new KeyedAnswer(new MetricsKey(a.run(), a.endpoint(), category), sample));
        out.collect(
                new KeyedAnswer(
                        new MetricsKey(a.run(), a.endpoint(), WindowMetricsRow.ALL_CATEGORIES),
                        sample));
    }

    /**
     * As {@link KeyByCategoryAndAll}, for the rows of {@link ApplyLabels}: a correction first takes
     * the replaced row's contribution back out of the windows it went to (same run, endpoint and
     * category: a label changes only verdicts), then adds the new one.
     */
    public static final class WithCorrections
            implements FlatMapFunction<LabelledAnswer, KeyedAnswer> {

        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(LabelledAnswer a, Collector<KeyedAnswer> out) {
            if (a.retracted() != null) {
                emit(a.row(), a.retracted().negated(), out);
            }
            emit(a.row(), MetricsSample.of(a.row()), out);
        }
    }
}
