package org.vlmeval.pipeline;

import org.vlmeval.model.DeadLetter;
import org.vlmeval.sources.SourceEvent;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class EventTimeWatermarksTest {

    static final long T = Fixtures.T0.toEpochMilli();
    static final Duration BOUND = Duration.ofSeconds(10);

    /** Collects what the generator emits. */
    static final class Out implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        int idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle++;
        }

        @Override
        public void markActive() {}
    }

    final EventTimeWatermarks gen = new EventTimeWatermarks(BOUND);
    final Out out = new Out();

    static SourceEvent event(long ts) {
        return SourceEvent.of(Fixtures.question("q" + ts, Instant.ofEpochMilli(ts), "c"));
    }

    static SourceEvent dead(long receivedAt) {
        return SourceEvent.of(
                new DeadLetter(
                        DeadLetter.EMPTY,
                        "empty event",
                        "p",
                        Instant.ofEpochMilli(receivedAt),
                        "",
                        0));
    }

    void on(SourceEvent e) {
        gen.onEvent(e, e.eventTime().toEpochMilli(), out);
    }

    @Test
    void emitsOnEveryEventThatAdvancesTimeWithoutAPeriodicTick() {
        on(event(T));
        assertThat(out.watermarks).containsExactly(T - 10_000 - 1);
        on(event(T + 1));
        assertThat(out.watermarks).containsExactly(T - 10_001, T - 10_000);
        on(event(T + 60_000));
        assertThat(out.watermarks).containsExactly(T - 10_001, T - 10_000, T + 49_999);
    }

    @Test
    void nothingBeforeTheFirstEventAndNoRepeatsOnPeriodicEmit() {
        gen.onPeriodicEmit(out);
        assertThat(out.watermarks).isEmpty();
        on(event(T));
        gen.onPeriodicEmit(out);
        gen.onPeriodicEmit(out);
        assertThat(out.watermarks).containsExactly(T - 10_001);
        assertThat(out.idle).isZero();
    }

    @Test
    void olderAndEqualEventsDoNotMoveTheWatermarkBack() {
        on(event(T + 30_000));
        on(event(T));
        on(event(T + 30_000));
        on(event(T + 29_999));
        assertThat(out.watermarks).containsExactly(T + 19_999);
    }

    @Test
    void strictlyIncreasingForAnyOrderOfEvents() {
        Random random = new Random(42);
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long ts = T + random.nextInt(3_600_000);
            max = Math.max(max, ts);
            on(event(ts));
            if (random.nextInt(10) == 0) {
                gen.onPeriodicEmit(out);
            }
        }
        assertThat(out.watermarks).isSorted().doesNotHaveDuplicates();
        assertThat(out.watermarks.get(out.watermarks.size() - 1)).isEqualTo(max - 10_001);
    }

    @Test
    void deadLettersNeverMoveTheWatermark() {
        on(dead(T + 1_000_000_000L));
        gen.onPeriodicEmit(out);
        assertThat(out.watermarks).isEmpty();

        on(event(T));
        on(dead(T + 1_000_000_000L));
        gen.onPeriodicEmit(out);
        assertThat(out.watermarks).containsExactly(T - 10_001);
    }

    @Test
    void theBoundIsRespected() {
        on(event(T + 100_000));
        long watermark = out.watermarks.get(0);
        // An event exactly `bound` behind the newest is still on time (Flink: late means
        // timestamp <= watermark); one a millisecond further behind is late.
        assertThat(T + 100_000 - BOUND.toMillis()).isGreaterThan(watermark);
        assertThat(T + 100_000 - BOUND.toMillis() - 1).isLessThanOrEqualTo(watermark);
    }

    @Test
    void aZeroBoundAndEventsNearTheStartOfTimeDoNotUnderflow() {
        EventTimeWatermarks zero = new EventTimeWatermarks(Duration.ZERO);
        zero.onEvent(event(0), 0, out);
        zero.onEvent(event(5), 5, out);
        assertThat(out.watermarks).containsExactly(-1L, 4L);

        Out early = new Out();
        EventTimeWatermarks big = new EventTimeWatermarks(Duration.ofDays(365));
        big.onPeriodicEmit(early);
        big.onEvent(event(0), 0, early);
        assertThat(early.watermarks).containsExactly(-Duration.ofDays(365).toMillis() - 1);
    }
}
