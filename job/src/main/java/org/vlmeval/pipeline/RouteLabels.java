package org.vlmeval.pipeline;

import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.Label;
import org.vlmeval.sources.SourceEvent;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Splits what a labels source read: labels go on to {@link ApplyLabels}, labels that failed their
 * schema (or were not JSON, too large …) to the dead letters ({@link RouteEvents#DEAD_LETTERS}).
 */
public final class RouteLabels extends ProcessFunction<SourceEvent, Label> {

    private static final long serialVersionUID = 1L;

    private transient Counter labels;
    private transient Counter deadLetters;

    @Override
    public void open(OpenContext openContext) {
        labels = getRuntimeContext().getMetricGroup().counter("labels");
        deadLetters = getRuntimeContext().getMetricGroup().counter("labelDeadLetters");
    }

    @Override
    public void processElement(SourceEvent e, Context ctx, Collector<Label> out) {
        if (e.label() != null) {
            labels.inc();
            out.collect(e.label());
            return;
        }
        DeadLetter dead =
                e.deadLetter() != null
                        ? e.deadLetter()
                        : new DeadLetter(
                                DeadLetter.SCHEMA_VIOLATION,
                                "not a label",
                                "labels",
                                e.eventTime(),
                                "",
                                0);
        deadLetters.inc();
        LocalProgress.DEAD_LETTERS.increment();
        ctx.output(RouteEvents.DEAD_LETTERS, dead);
    }
}
