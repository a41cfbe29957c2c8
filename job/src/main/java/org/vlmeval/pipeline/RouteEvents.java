package org.vlmeval.pipeline;

import org.vlmeval.model.CallResult;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.Question;
import org.vlmeval.sources.SourceEvent;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits what the source read: questions go on (main output), recorded answers go straight to
 * scoring ({@link #RECORDED}), dead letters to their own output ({@link #DEAD_LETTERS}), counted by
 * reason.
 */
public final class RouteEvents extends ProcessFunction<SourceEvent, Question> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<CallResult> RECORDED = new OutputTag<>("recorded") {};
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private transient Counter questions;
    private transient Counter recorded;
    private transient Counter deadLetters;
    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        questions = getRuntimeContext().getMetricGroup().counter("questions");
        recorded = getRuntimeContext().getMetricGroup().counter("recordedAnswers");
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public void processElement(SourceEvent e, Context ctx, Collector<Question> out) {
        boolean isLate =
                e.deadLetter() == null
                        && ctx.timestamp() != null
                        // A watermark w promises no more events at or before w, so an event at w is
                        // late.
                        && ctx.timestamp() <= ctx.timerService().currentWatermark();
        if (isLate) {
            late.inc();
        }
        LocalProgress.EVENTS.increment();
        if (e.question() != null) {
            questions.inc();
            out.collect(isLate ? e.question().asLate() : e.question());
        } else if (e.recorded() != null) {
            recorded.inc();
            ctx.output(RECORDED, isLate ? e.recorded().asLate() : e.recorded());
        } else {
            deadLetters.inc();
            LocalProgress.DEAD_LETTERS.increment();
            ctx.output(DEAD_LETTERS, e.deadLetter());
        }
    }
}
