package org.vlmeval.pipeline;

import org.vlmeval.alerts.AlertOptions;
import org.vlmeval.model.AlertEvent;
import org.vlmeval.model.WindowMetricsRow;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DetectShifts} in a keyed operator harness, with explicit watermarks: windows close in
 * event-time order when the watermark passes them, a planted drop opens one alert and its end
 * resolves it, window state and timers are cleared as windows close, answers behind the watermark
 * are not counted, and the tracks survive a snapshot and restore.
 */
class DetectShiftsTest {

    static final long MINUTE = 60_000;
    static final long T0 = Instant.parse("2026-02-01T00:00:00Z").toEpochMilli();
    static final MetricsKey KEY = new MetricsKey("run-1", "llama", WindowMetricsRow.ALL_CATEGORIES);

    static final AlertOptions OPTIONS =
            AlertOptions.builder().window(Duration.ofMinutes(1)).build();

    KeyedOneInputStreamOperatorTestHarness<MetricsKey, KeyedAnswer, AlertEvent> harness;

    static KeyedOneInputStreamOperatorTestHarness<MetricsKey, KeyedAnswer, AlertEvent> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DetectShifts(OPTIONS)),
                KeyedAnswer::key,
                TypeInformation.of(MetricsKey.class));
    }

    @BeforeEach
    void open() throws Exception {
        harness = harness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** 50 answers in minute {@code window}, {@code correct} of them right. */
    static void window(
            KeyedOneInputStreamOperatorTestHarness<MetricsKey, KeyedAnswer, AlertEvent> h,
            int window,
            int correct)
            throws Exception {
        for (int i = 0; i < 50; i++) {
            h.processElement(
                    new KeyedAnswer(KEY, sample(i < correct, false)),
                    T0 + window * MINUTE + i * 1000);
        }
    }

    static MetricsSample sample(boolean correct, boolean late) {
        return new MetricsSample(
                null,
                correct,
                correct ? 1.0 : 0.0,
                false,
                null,
                100,
                10,
                2,
                null,
                late,
                false,
                null,
                null,
                1);
    }

    static void closeThrough(
            KeyedOneInputStreamOperatorTestHarness<MetricsKey, KeyedAnswer, AlertEvent> h,
            int window)
            throws Exception {
        h.processWatermark(new Watermark(T0 + (window + 1) * MINUTE - 1));
    }

    @Test
    void aPlantedDropOpensOneAlertAndItsEndResolvesIt() throws Exception {
        for (int w = 0; w < 12; w++) {
            window(harness, w, 40);
            closeThrough(harness, w);
        }
        assertThat(harness.extractOutputValues()).isEmpty();
        // Two windows at 40% against a baseline of 80%: the second confirms.
        window(harness, 12, 20);
        closeThrough(harness, 12);
        assertThat(harness.extractOutputValues()).isEmpty();
        window(harness, 13, 20);
        closeThrough(harness, 13);
        List<AlertEvent> fired = harness.extractOutputValues();
        assertThat(fired).hasSize(1);
        AlertEvent firing = fired.get(0);
        assertThat(firing.state()).isEqualTo(AlertEvent.FIRING);
        assertThat(firing.metric()).isEqualTo("accuracy");
        assertThat(firing.alertId())
                .isEqualTo("run-1/llama/*/accuracy/" + Instant.ofEpochMilli(T0 + 13 * MINUTE));
        assertThat(firing.windowRate()).isEqualTo(0.4);
        assertThat(firing.windowTrials()).isEqualTo(50);
        assertThat(firing.baselineRate()).isEqualTo(0.8);
        assertThat(firing.baselineTrials()).isEqualTo(600);
        assertThat(firing.pValue()).isLessThan(OPTIONS.alpha());
        // Back to 80%: two calm windows resolve the same alert.
        window(harness, 14, 40);
        closeThrough(harness, 14);
        window(harness, 15, 40);
        closeThrough(harness, 15);
        List<AlertEvent> all = harness.extractOutputValues();
        assertThat(all).hasSize(2);
        assertThat(all.get(1).state()).isEqualTo(AlertEvent.RESOLVED);
        assertThat(all.get(1).alertId()).isEqualTo(firing.alertId());
        assertThat(all.get(1).windowStart()).isEqualTo(Instant.ofEpochMilli(T0 + 15 * MINUTE));
        assertThat(all.get(1).pValue()).isNull();
        // Closed windows leave no timers and no window counts: only the key's map of tracks.
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void windowsCloseOnlyWhenTheWatermarkPassesTheirEnd() throws Exception {
        window(harness, 0, 40);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(new Watermark(T0 + MINUTE - 2));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(new Watermark(T0 + MINUTE - 1));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void answersBehindTheWatermarkOrMarkedLateAreNotCounted() throws Exception {
        for (int w = 0; w < 12; w++) {
            window(harness, w, 40);
            closeThrough(harness, w);
        }
        // Windows 12 and 13 would fire if these bad answers counted in them: they arrive after
        // window 12 closed, or carry the source's late mark.
        closeThrough(harness, 12);
        for (int i = 0; i < 50; i++) {
            harness.processElement(
                    new KeyedAnswer(KEY, sample(false, false)), T0 + 12 * MINUTE + i);
            harness.processElement(new KeyedAnswer(KEY, sample(false, true)), T0 + 13 * MINUTE + i);
        }
        window(harness, 13, 40);
        closeThrough(harness, 13);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void anOpenAlertSurvivesASnapshotAndRestore() throws Exception {
        for (int w = 0; w < 12; w++) {
            window(harness, w, 40);
            closeThrough(harness, w);
        }
        window(harness, 12, 20);
        closeThrough(harness, 12);
        window(harness, 13, 20);
        closeThrough(harness, 13);
        assertThat(harness.extractOutputValues()).hasSize(1);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);

        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            window(restored, 14, 40);
            closeThrough(restored, 14);
            window(restored, 15, 40);
            closeThrough(restored, 15);
            assertThat(restored.extractOutputValues())
                    .singleElement()
                    .satisfies(e -> assertThat(e.state()).isEqualTo(AlertEvent.RESOLVED));
        }
    }
}
