package org.vlmeval.pipeline;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottleWatermarksTest {

    @Test
    void recordsPassAtOnceWatermarksAtMostOncePerIntervalTheFinalOneImmediately() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> h =
                new OneInputStreamOperatorTestHarness<>(new ThrottleWatermarks<>(200))) {
            h.open();
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>("a", 10));
            h.processWatermark(new Watermark(10));
            h.processElement(new StreamRecord<>("b", 20));
            h.processWatermark(new Watermark(20));
            h.processWatermark(new Watermark(30));
            assertThat(watermarks(h)).isEmpty();
            assertThat(h.extractOutputValues()).containsExactly("a", "b");

            h.setProcessingTime(200);
            assertThat(watermarks(h)).containsExactly(30L);

            h.processWatermark(new Watermark(40));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(watermarks(h)).containsExactly(30L, Long.MAX_VALUE);
            h.setProcessingTime(400);
            // The pending 40 was superseded by the final watermark; nothing goes backwards.
            assertThat(watermarks(h)).containsExactly(30L, Long.MAX_VALUE);
        }
    }

    private static List<Long> watermarks(OneInputStreamOperatorTestHarness<String, String> h) {
        return h.getOutput().stream()
                .filter(e -> e instanceof Watermark)
                .map(e -> ((Watermark) e).getTimestamp())
                .toList();
    }

    @Test
    void aHeldWatermarkIsHandedOnBeforeTheStreamGoesIdle() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> h =
                new OneInputStreamOperatorTestHarness<>(new ThrottleWatermarks<>(200))) {
            h.open();
            h.setProcessingTime(0);
            h.processWatermark(new Watermark(50));
            assertThat(watermarks(h)).isEmpty();
            h.processWatermarkStatus(WatermarkStatus.IDLE);
            assertThat(watermarks(h)).containsExactly(50L);
        }
    }
}
