package org.vlmeval.pipeline;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.CallResult;
import org.vlmeval.model.Label;
import org.vlmeval.model.Question;
import org.vlmeval.scoring.Scorer;
import org.vlmeval.testing.Rows;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ApplyLabels} in a keyed two-input operator harness: a label after the answers re-scores
 * every endpoint's and sample's answer (corrections stamped with the answer's event time, carrying
 * the old contribution for the windows); a label before them waits; of two labels the later wins; a
 * label whose request never comes expires, is counted, and leaves no state.
 */
class ApplyLabelsTest {

    static final Duration TTL = Duration.ofDays(7);
    static final Instant T0 = Fixtures.T0;
    static final String REF_4 = "{\"type\":\"numeric\",\"value\":4}";
    static final String REF_5 = "{\"type\":\"numeric\",\"value\":5}";

    ApplyLabels function;
    KeyedTwoInputStreamOperatorTestHarness<String, ScoredAnswer, Label, LabelledAnswer> harness;

    @BeforeEach
    void open() throws Exception {
        function = new ApplyLabels(TTL);
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(function),
                        (ScoredAnswer a) -> ApplyLabels.key(a),
                        (Label l) -> ApplyLabels.key(l),
                        Types.STRING);
        harness.setStateTtlProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aLabelAfterTheAnswersRescoresEveryEndpointAndSampleAtItsTime() throws Exception {
        answer("q1", "llama", 0, "4");
        answer("q1", "llama", 1, "5");
        answer("q1", "qwen", 0, "5");
        assertThat(records())
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.getValue().row().correct()).isNull());
        harness.getOutput().clear();

        harness.processElement2(
                label("q1", "alice", T0.plusSeconds(3 * 3600), REF_4),
                ts(T0.plusSeconds(3 * 3600)));
        harness.processBothWatermarks(new Watermark(T0.plusSeconds(3600).toEpochMilli()));
        assertThat(records()).as("waits for its ts").isEmpty();

        harness.processBothWatermarks(new Watermark(T0.plusSeconds(3 * 3600).toEpochMilli()));
        List<StreamRecord<LabelledAnswer>> corrections = records();
        assertThat(corrections).hasSize(3);
        for (StreamRecord<LabelledAnswer> c : corrections) {
            AnswerRow row = c.getValue().row();
            assertThat(c.getTimestamp()).as("the answer's event time").isEqualTo(T0.toEpochMilli());
            assertThat(row.truth()).isEqualTo("label:alice");
            assertThat(row.correct()).isEqualTo(row.responseText().equals("4"));
            assertThat(c.getValue().retracted())
                    .as("the old row's contribution")
                    .isEqualTo(
                            MetricsSample.of(
                                    row.withVerdict(
                                            Scorer.standard()
                                                    .score(
                                                            new org.vlmeval.scoring.ScoringInput(
                                                                    row.question(),
                                                                    null,
                                                                    null,
                                                                    row.responseText(),
                                                                    row.finishReason())),
                                            null,
                                            null)));
        }
        assertThat(count("labelsApplied")).isEqualTo(1);
        assertThat(count("corrections")).isEqualTo(3);
    }

    @Test
    void aLabelBeforeTheAnswersWaitsAndScoresThemWhenTheyCome() throws Exception {
        harness.processElement2(
                label("q1", "bob", T0.minusSeconds(3600), REF_4), ts(T0.minusSeconds(3600)));
        harness.processBothWatermarks(new Watermark(T0.minusSeconds(60).toEpochMilli()));
        assertThat(records()).isEmpty();

        answer("q1", "llama", 0, "4");
        answer("q1", "qwen", 0, "5");
        List<StreamRecord<LabelledAnswer>> rows = records();
        assertThat(rows).hasSize(2);
        assertThat(rows)
                .allSatisfy(
                        r -> {
                            assertThat(r.getValue().correction()).isFalse();
                            assertThat(r.getValue().row().truth()).isEqualTo("label:bob");
                        });
        assertThat(rows.stream().map(r -> r.getValue().row().correct()))
                .containsExactly(true, false);
    }

    @Test
    void ofTwoLabelsTheLaterWinsAndAnOlderOneIsIgnored() throws Exception {
        answer("q1", "llama", 0, "4");
        harness.getOutput().clear();
        harness.processElement2(
                label("q1", "a", T0.plusSeconds(7200), REF_5), ts(T0.plusSeconds(7200)));
        harness.processBothWatermarks(new Watermark(T0.plusSeconds(7200).toEpochMilli()));
        assertThat(only().row().correct()).isFalse();
        assertThat(only().row().truth()).isEqualTo("label:a");
        harness.getOutput().clear();

        // Older than the applied one: ignored, nothing emitted.
        harness.processElement2(
                label("q1", "old", T0.plusSeconds(3600), REF_4), ts(T0.plusSeconds(3600)));
        harness.processBothWatermarks(new Watermark(T0.plusSeconds(9000).toEpochMilli()));
        assertThat(records()).isEmpty();
        assertThat(count("labelsIgnored")).isEqualTo(1);

        // Newer: replaces it; the retraction is the row scored against the first label.
        harness.processElement2(
                label("q1", "b", T0.plusSeconds(10000), REF_4), ts(T0.plusSeconds(10000)));
        harness.processBothWatermarks(new Watermark(T0.plusSeconds(10000).toEpochMilli()));
        LabelledAnswer newer = only();
        assertThat(newer.row().correct()).isTrue();
        assertThat(newer.row().truth()).isEqualTo("label:b");
        assertThat(newer.retracted().correct()).isFalse();
        assertThat(count("labelsApplied")).isEqualTo(2);
    }

    @Test
    void aLabelOverridesOnlyWhatItGivesTheEventsOwnReferenceStays() throws Exception {
        Question q = Fixtures.question("q2", T0, "c"); // reference: numeric 4
        CallResult r = Fixtures.answered(q, "llama", "4");
        AnswerRow row = ScoreAnswers.toRow(Scorer.standard(), r);
        assertThat(row.truth()).isEqualTo(AnswerRow.TRUTH_REFERENCE);
        harness.processElement1(
                new ScoredAnswer(row, ScoreAnswers.eventTruth(q.requestJson())), ts(T0));
        harness.getOutput().clear();
        harness.processElement2(
                new Label(
                        "q2", Fixtures.RUN, "eye", T0.plusSeconds(60), null, List.of("cat"), "l:1"),
                ts(T0.plusSeconds(60)));
        harness.processBothWatermarks(new Watermark(T0.plusSeconds(60).toEpochMilli()));
        AnswerRow relabelled = only().row();
        assertThat(relabelled.correct()).as("still the event's reference").isTrue();
        assertThat(relabelled.hallucination()).as("now with objects").isNotNull();
        // Provenance per verdict: correct from the event's reference, objects from the label.
        assertThat(relabelled.truth()).isEqualTo(AnswerRow.TRUTH_REFERENCE);
        assertThat(relabelled.objectsSource()).isEqualTo("label:eye");
    }

    @Test
    void aLabelWhoseRequestNeverComesExpiresIsCountedAndLeavesNoState() throws Exception {
        harness.processElement2(label("ghost", "c", T0, REF_4), ts(T0));
        answer("q1", "llama", 0, "4");
        harness.processBothWatermarks(new Watermark(T0.plus(TTL).minusSeconds(1).toEpochMilli()));
        assertThat(count("labelsExpired")).isZero();
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processBothWatermarks(new Watermark(T0.plus(TTL).toEpochMilli()));
        assertThat(count("labelsExpired")).as("the ghost's label, not q1's answers").isEqualTo(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void takingAContributionBackLeavesTheWindowAsIfItHadNeverCome() {
        AnswerRow before =
                Rows.answer().responseText("4").latencyMs(120).cost(0.25).tokens(10, 2).build();
        AnswerRow after =
                before.withVerdict(
                        Scorer.standard()
                                .score(
                                        new org.vlmeval.scoring.ScoringInput(
                                                before.question(),
                                                new org.vlmeval.scoring.reference.NumericReference(
                                                        4, 0),
                                                List.of("cat"),
                                                before.responseText(),
                                                before.finishReason())),
                        "label:x",
                        "label:x");
        AnswerRow other =
                Rows.answer().requestId("q9").responseText("x").latencyMs(7000).cost(0.5).build();
        WindowAccumulator corrected = new WindowAccumulator();
        corrected.add(MetricsSample.of(other));
        corrected.add(MetricsSample.of(before));
        corrected.add(MetricsSample.of(before).negated());
        corrected.add(MetricsSample.of(after));
        WindowAccumulator direct = new WindowAccumulator();
        direct.add(MetricsSample.of(after));
        direct.add(MetricsSample.of(other));
        MetricsKey key = new MetricsKey("r", "llama", "*");
        assertThat(WindowMetrics.row(key, T0, T0.plusSeconds(60), "sliding", corrected))
                .isEqualTo(WindowMetrics.row(key, T0, T0.plusSeconds(60), "sliding", direct));
        assertThat(corrected.latencyBuckets).isEqualTo(direct.latencyBuckets);
    }

    // ---------------------------------------------------------------------------------------------

    void answer(String id, String endpoint, int sample, String text) throws Exception {
        Question q =
                new Question(
                        id,
                        Fixtures.RUN,
                        "c",
                        "en",
                        T0,
                        "What is 2 + 2?",
                        null,
                        "{\"id\":\"" + id + "\",\"question\":\"What is 2 + 2?\"}",
                        "test:1",
                        false);
        CallResult r = Fixtures.answered(q.withSample(sample), endpoint, text);
        AnswerRow row = ScoreAnswers.toRow(Scorer.standard(), r);
        harness.processElement1(
                new ScoredAnswer(row, ScoreAnswers.eventTruth(q.requestJson())), ts(T0));
    }

    static Label label(String id, String labeler, Instant ts, String referenceJson) {
        return new Label(id, Fixtures.RUN, labeler, ts, referenceJson, null, "labels.jsonl:1");
    }

    static long ts(Instant t) {
        return t.toEpochMilli();
    }

    @SuppressWarnings("unchecked")
    List<StreamRecord<LabelledAnswer>> records() {
        return harness.getOutput().stream()
                .filter(o -> o instanceof StreamRecord)
                .map(o -> (StreamRecord<LabelledAnswer>) o)
                .toList();
    }

    LabelledAnswer only() {
        List<StreamRecord<LabelledAnswer>> r = records();
        assertThat(r).hasSize(1);
        return r.get(0).getValue();
    }

    long count(String counter) throws ReflectiveOperationException {
        Field f = ApplyLabels.class.getDeclaredField(counter);
        f.setAccessible(true);
        return ((Counter) f.get(function)).getCount();
    }
}
