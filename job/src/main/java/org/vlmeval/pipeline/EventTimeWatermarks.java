package org.vlmeval.pipeline;

import org.vlmeval.sources.SourceEvent;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import java.time.Duration;

/**
 * Bounded out-of-orderness watermarks that advance on every event rather than only on Flink's
 * periodic tick. The watermark after an event therefore depends only on the events before it, not
 * on timing, so whether an event is late is decided the same way on every run — which makes replays
 * reproducible. Dead letters carry their arrival time, not an event time, and never move the
 * watermark: one poison message must not make a replay of last year's corpus late.
 */
public final class EventTimeWatermarks implements WatermarkGenerator<SourceEvent> {

    private final long boundMillis;
    private long maxTimestamp;
    private long emitted = Long.MIN_VALUE;

    public EventTimeWatermarks(Duration maxOutOfOrderness) {
        this.boundMillis = maxOutOfOrderness.toMillis();
        // Start so low that "max - bound - 1" cannot underflow.
        this.maxTimestamp = Long.MIN_VALUE + boundMillis + 1;
    }

    @Override
    public void onEvent(SourceEvent event, long timestamp, WatermarkOutput output) {
        if (event.deadLetter() != null) {
            return;
        }
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        emit(output);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        emit(output);
    }

    private void emit(WatermarkOutput output) {
        long watermark = maxTimestamp - boundMillis - 1;
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
