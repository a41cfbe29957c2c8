package org.vlmeval.pipeline;

import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.Question;
import org.vlmeval.sources.SourceEvent;

import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RouteEvents} in a one-input operator harness: the split and the lateness decision. */
class RouteEventsTest {

    static final long W = Fixtures.T0.toEpochMilli() + 60_000;

    RouteEvents route;
    OneInputStreamOperatorTestHarness<SourceEvent, Question> harness;

    @BeforeEach
    void open() throws Exception {
        route = new RouteEvents();
        harness = ProcessFunctionTestHarnesses.forProcessFunction(route);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static SourceEvent question(String id, long ts) {
        return SourceEvent.of(Fixtures.question(id, Instant.ofEpochMilli(ts), "c"));
    }

    static SourceEvent recorded(String id, long ts) {
        return SourceEvent.of(
                Fixtures.answered(
                        Fixtures.question(id, Instant.ofEpochMilli(ts), "c"), "recorded", "4"));
    }

    static SourceEvent dead(long receivedAt) {
        return SourceEvent.of(
                new DeadLetter(
                        DeadLetter.INVALID_JSON,
                        "invalid JSON",
                        "t-0@" + receivedAt,
                        Instant.ofEpochMilli(receivedAt),
                        "{",
                        1));
    }

    @Test
    void questionsGoToTheMainOutputRecordedAnswersAndDeadLettersToTheirSideOutputs()
            throws Exception {
        SourceEvent q = question("q", W);
        SourceEvent r = recorded("r", W);
        SourceEvent d = dead(W);
        harness.processElement(q, W);
        harness.processElement(r, W);
        harness.processElement(d, W);

        assertThat(harness.extractOutputValues()).containsExactly(q.question());
        assertThat(values(harness.getSideOutput(RouteEvents.RECORDED)))
                .containsExactly(r.recorded());
        assertThat(values(harness.getSideOutput(RouteEvents.DEAD_LETTERS)))
                .containsExactly(d.deadLetter());
        // Timestamps are kept: the windows downstream are event-time windows.
        assertThat(harness.extractOutputStreamRecords())
                .singleElement()
                .satisfies(rec -> assertThat(rec.getTimestamp()).isEqualTo(W));
        assertThat(count("questions")).isEqualTo(1);
        assertThat(count("recordedAnswers")).isEqualTo(1);
        assertThat(count("deadLetters")).isEqualTo(1);
        assertThat(count("lateEvents")).isZero();
    }

    @Test
    void nothingIsLateBeforeTheFirstWatermark() throws Exception {
        harness.processElement(question("old", 0), 0);
        harness.processElement(recorded("old-rec", 0), 0);
        assertThat(harness.extractOutputValues()).singleElement().matches(q -> !q.late());
        assertThat(values(harness.getSideOutput(RouteEvents.RECORDED)))
                .singleElement()
                .matches(c -> !c.question().late());
    }

    @Test
    void questionsBehindTheWatermarkAreMarkedLateOthersNot() throws Exception {
        harness.processWatermark(W);
        harness.processElement(question("behind", W - 1), W - 1);
        harness.processElement(question("far-behind", W - 3_600_000), W - 3_600_000);
        harness.processElement(question("ahead", W + 1), W + 1);

        List<Question> out = harness.extractOutputValues();
        assertThat(out)
                .extracting(Question::requestId, Question::late)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("behind", true),
                        org.assertj.core.groups.Tuple.tuple("far-behind", true),
                        org.assertj.core.groups.Tuple.tuple("ahead", false));
        // Marking late changes nothing else.
        assertThat(out.get(0).asLate()).isEqualTo(out.get(0));
        assertThat(out.get(0))
                .usingRecursiveComparison()
                .ignoringFields("late")
                .isEqualTo(question("behind", W - 1).question());
        assertThat(count("lateEvents")).isEqualTo(2);
    }

    @Test
    void recordedAnswersBehindTheWatermarkAreMarkedLate() throws Exception {
        harness.processWatermark(W);
        harness.processElement(recorded("behind", W - 1), W - 1);
        harness.processElement(recorded("ahead", W + 5), W + 5);
        assertThat(values(harness.getSideOutput(RouteEvents.RECORDED)))
                .extracting(c -> c.question().requestId(), c -> c.question().late())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("behind", true),
                        org.assertj.core.groups.Tuple.tuple("ahead", false));
    }

    @Test
    void deadLettersAreNeverLate() throws Exception {
        harness.processWatermark(W);
        SourceEvent d = dead(0);
        harness.processElement(d, 0);
        assertThat(values(harness.getSideOutput(RouteEvents.DEAD_LETTERS)))
                .containsExactly(d.deadLetter());
        assertThat(count("lateEvents")).isZero();
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void anElementWithoutTimestampIsNotLate() throws Exception {
        harness.processWatermark(W);
        harness.processElement(new StreamRecord<>(question("no-ts", 0)));
        assertThat(harness.extractOutputValues()).singleElement().matches(q -> !q.late());
    }

    /**
     * Flink's definition: {@code Watermark(t)} means no more elements with timestamp {@code <= t}.
     * The window operator drops such an element as late ({@code WindowOperator.isElementLate}: ts +
     * allowedLateness <= watermark), and {@link EventTimeWatermarks} subtracts 1 ms for exactly
     * this reason. An element stamped exactly at the watermark must therefore be marked late here
     * too, or it is stored as on time yet missing from its window (see {@code
     * WindowMetricsTest#anAnswerRouteEventsLetsThroughOnTimeIsCountedInItsWindow}).
     */
    @Test
    void aQuestionStampedExactlyAtTheWatermarkIsLate() throws Exception {
        harness.processWatermark(W);
        harness.processElement(question("at", W), W);
        assertThat(harness.extractOutputValues()).singleElement().matches(Question::late);
    }

    static <T> List<T> values(java.util.Collection<StreamRecord<T>> records) {
        return records.stream().map(StreamRecord::getValue).toList();
    }

    /**
     * The operator's counters ({@code questions}, {@code lateEvents}, ...), read from the function.
     */
    long count(String metric) throws ReflectiveOperationException {
        String field =
                switch (metric) {
                    case "questions" -> "questions";
                    case "recordedAnswers" -> "recorded";
                    case "deadLetters" -> "deadLetters";
                    case "lateEvents" -> "late";
                    default -> throw new IllegalArgumentException(metric);
                };
        Field f = RouteEvents.class.getDeclaredField(field);
        f.setAccessible(true);
        return ((Counter) f.get(route)).getCount();
    }
}
