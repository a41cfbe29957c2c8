package org.vlmeval.pipeline;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers a window operator could no longer count ({@link VlmEvalJob#LATE_AT_WINDOW}): counted
 * ({@code lateAtWindow}) and logged, so that a window row missing answers that the store holds as
 * on time is visible. Emits nothing.
 */
final class CountLateAtWindow extends ProcessFunction<KeyedAnswer, Void> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CountLateAtWindow.class);

    private final String window;
    private transient Counter lateAtWindow;

    CountLateAtWindow(String window) {
        this.window = window;
    }

    @Override
    public void open(OpenContext openContext) {
        lateAtWindow = getRuntimeContext().getMetricGroup().counter("lateAtWindow");
    }

    @Override
    public void processElement(KeyedAnswer answer, Context ctx, Collector<Void> out) {
        lateAtWindow.inc();
        // One line per answer (and per key it counts under): rare by construction, and each one
        // is a row the windows do not count.
        LOG.warn(
                "window {}: an answer at {} came after the window's state was gone (watermark {});"
                        + " not counted in {}",
                window,
                ctx.timestamp(),
                ctx.timerService().currentWatermark(),
                answer.key());
    }
}
