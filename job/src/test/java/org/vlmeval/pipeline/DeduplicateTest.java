package org.vlmeval.pipeline;

import org.vlmeval.model.CallResult;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.Question;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Deduplicate} in a keyed two-input operator harness: first delivery passes, exact
 * re-deliveries are dropped and counted, conflicting ones become dead letters, and the state
 * expires after the TTL in processing time (the harness's TTL clock, set explicitly).
 */
class DeduplicateTest {

    static final Duration TTL = Duration.ofHours(24);
    static final long TS = Fixtures.T0.toEpochMilli();

    Deduplicate dedup;
    KeyedTwoInputStreamOperatorTestHarness<String, Question, CallResult, Question> harness;

    @BeforeEach
    void open() throws Exception {
        dedup = new Deduplicate(TTL);
        harness = harness(dedup);
        harness.setStateTtlProcessingTime(0);
        harness.open();
    }

    static KeyedTwoInputStreamOperatorTestHarness<String, Question, CallResult, Question> harness(
            Deduplicate function) throws Exception {
        // Not opened: a restore initializes the state first.
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(function),
                (Question q) -> Deduplicate.key(q),
                (CallResult r) -> Deduplicate.key(r),
                Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** The fixture question, delivered at {@code position}. */
    static Question delivery(String id, String position) {
        return at(Fixtures.question(id, Fixtures.T0, "c"), position);
    }

    static Question at(Question q, String position) {
        return new Question(
                q.requestId(),
                q.run(),
                q.category(),
                q.lang(),
                q.eventTime(),
                q.question(),
                q.models(),
                q.requestJson(),
                position,
                q.late());
    }

    static Question withJson(Question q, String requestJson) {
        return new Question(
                q.requestId(),
                q.run(),
                q.category(),
                q.lang(),
                q.eventTime(),
                q.question(),
                q.models(),
                requestJson,
                q.position(),
                q.late());
    }

    static CallResult recorded(String id, String model, String text, String position) {
        return Fixtures.answered(delivery(id, position), model, text);
    }

    @Test
    void theFirstDeliveryPassesWithItsTimestampAndAnExactDuplicateIsDroppedAndCounted()
            throws Exception {
        Question first = delivery("q1", "t-0@1");
        harness.processElement1(first, TS);
        harness.processElement1(delivery("q1", "t-0@2"), TS);
        // Also when the re-delivery came late: the first delivery counts.
        harness.processElement1(delivery("q1", "t-0@3").asLate(), TS);

        assertThat(harness.extractOutputValues()).containsExactly(first);
        assertThat(harness.extractOutputStreamRecords())
                .singleElement()
                .satisfies(r -> assertThat(r.getTimestamp()).isEqualTo(TS));
        assertThat(deadLetters()).isEmpty();
        assertThat(count("duplicates")).isEqualTo(2);
        assertThat(count("conflicting")).isZero();
    }

    @Test
    void theKeyOrderOfTheJsonIsNotContentButEveryFieldIs() throws Exception {
        Question first =
                withJson(
                        delivery("q1", "t-0@1"),
                        "{\"id\":\"q1\",\"question\":\"What?\",\"objects\":[\"a\",\"b\"]}");
        harness.processElement1(first, TS);
        harness.processElement1(
                withJson(
                        delivery("q1", "t-0@2"),
                        "{\"objects\":[\"a\",\"b\"],\"question\":\"What?\",\"id\":\"q1\"}"),
                TS);
        assertThat(count("duplicates")).isEqualTo(1);

        // The order of an array is content.
        harness.processElement1(
                withJson(
                        delivery("q1", "t-0@3"),
                        "{\"id\":\"q1\",\"question\":\"What?\",\"objects\":[\"b\",\"a\"]}"),
                TS);
        assertThat(harness.extractOutputValues()).containsExactly(first);
        assertThat(deadLetters()).extracting(DeadLetter::position).containsExactly("t-0@3");
    }

    @Test
    void aConflictingDuplicateIsADeadLetterNamingTheRequestRunAndFirstPosition() throws Exception {
        Question first = delivery("q1", "t-0@1");
        String otherJson = first.requestJson().replace("What is 2 + 2?", "What is 3 + 3?");
        Question conflicting = withJson(delivery("q1", "t-0@7"), otherJson);
        harness.processElement1(first, TS);
        harness.processElement1(conflicting, TS + 5);
        // The first one stands: another exact copy of it is a plain duplicate.
        harness.processElement1(delivery("q1", "t-0@9"), TS);

        assertThat(harness.extractOutputValues()).containsExactly(first);
        DeadLetter d = deadLetters().get(0);
        assertThat(deadLetters()).hasSize(1);
        assertThat(d.reason()).isEqualTo(DeadLetter.CONFLICTING_DUPLICATE);
        assertThat(d.position()).isEqualTo("t-0@7");
        assertThat(d.detail())
                .isEqualTo(
                        "request 'q1' of run 'run-1' was first read at t-0@1 with different"
                                + " content; the first one counts");
        assertThat(d.payload()).isEqualTo(otherJson);
        assertThat(d.payloadBytes()).isEqualTo(otherJson.length());
        assertThat(d.receivedAt()).isEqualTo(Fixtures.T0);
        assertThat(count("duplicates")).isEqualTo(1);
        assertThat(count("conflicting")).isEqualTo(1);
    }

    @Test
    void theSameRequestIdInAnotherRunIsAnotherEvent() throws Exception {
        Question q = delivery("q1", "t-0@1");
        Question otherRun =
                new Question(
                        "q1",
                        "run-2",
                        q.category(),
                        q.lang(),
                        q.eventTime(),
                        q.question(),
                        q.models(),
                        q.requestJson(),
                        "t-0@2",
                        false);
        harness.processElement1(q, TS);
        harness.processElement1(otherRun, TS);
        assertThat(harness.extractOutputValues()).containsExactly(q, otherRun);
        assertThat(count("duplicates")).isZero();
    }

    @Test
    void recordedAnswersAreKeyedByModelToo() throws Exception {
        CallResult a = recorded("q1", "m-a", "4", "f:1");
        CallResult b = recorded("q1", "m-b", "4", "f:2");
        harness.processElement2(a, TS);
        harness.processElement2(b, TS);
        harness.processElement2(recorded("q1", "m-a", "4", "f:3"), TS);
        // Same request and model, another answer: conflicting.
        harness.processElement2(recorded("q1", "m-a", "5", "f:4"), TS);
        // A question with the same id is not a recorded answer's duplicate.
        Question q = delivery("q1", "f:5");
        harness.processElement1(q, TS);

        assertThat(side(harness, Deduplicate.RECORDED)).containsExactly(a, b);
        assertThat(harness.extractOutputValues()).containsExactly(q);
        assertThat(deadLetters())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.position()).isEqualTo("f:4");
                            assertThat(d.detail())
                                    .startsWith(
                                            "recorded answer of m-a to request 'q1' of run 'run-1'"
                                                    + " was first read at f:1");
                        });
        assertThat(count("duplicates")).isEqualTo(1);
        assertThat(count("conflicting")).isEqualTo(1);
    }

    /**
     * Flink's state TTL is in processing time only ({@code TtlTimeCharacteristic} has no event
     * time): watermarks, however far, expire nothing; the TTL clock does, counted from the first
     * delivery (duplicates do not extend it).
     */
    @Test
    void theStateExpiresAfterTheTtlInProcessingTimeNotEventTime() throws Exception {
        long ttl = TTL.toMillis();
        harness.processElement1(delivery("q1", "t-0@1"), TS);
        harness.processBothWatermarks(new Watermark(TS + 10 * ttl));
        harness.setStateTtlProcessingTime(ttl - 1);
        harness.processElement1(delivery("q1", "t-0@2"), TS);
        assertThat(count("duplicates")).isEqualTo(1);
        assertThat(harness.extractOutputValues()).hasSize(1);

        // ttl after the first delivery (not after the duplicate at ttl - 1): expired.
        harness.setStateTtlProcessingTime(ttl);
        Question again = delivery("q1", "t-0@3");
        harness.processElement1(again, TS);
        assertThat(harness.extractOutputValues()).hasSize(2).last().isEqualTo(again);
        assertThat(count("duplicates")).isEqualTo(1);
        // ... and the re-delivery is the new first one, for another TTL.
        harness.setStateTtlProcessingTime(2 * ttl - 1);
        harness.processElement1(delivery("q1", "t-0@4"), TS);
        assertThat(count("duplicates")).isEqualTo(2);
        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void expiredStateIsLeftOutOfSnapshots() throws Exception {
        harness.processElement1(delivery("q1", "t-0@1"), TS);
        harness.setStateTtlProcessingTime(1000);
        harness.processElement1(delivery("q2", "t-0@2"), TS);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        // q1 expired, q2 not yet; neither read since.
        harness.setStateTtlProcessingTime(TTL.toMillis() + 500);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        var restored = restore(snapshot, TTL.toMillis() + 500);
        try {
            assertThat(restored.numKeyedStateEntries()).isEqualTo(1);
            restored.processElement1(delivery("q1", "t-0@3"), TS);
            restored.processElement1(delivery("q2", "t-0@4"), TS);
            assertThat(restored.extractOutputValues())
                    .extracting(Question::position)
                    .containsExactly("t-0@3");
        } finally {
            restored.close();
        }
    }

    @Test
    void aRestoredOperatorStillKnowsWhatItSaw() throws Exception {
        harness.processElement1(delivery("q1", "t-0@1"), TS);
        harness.processElement2(recorded("r1", "m", "4", "t-0@2"), TS);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);

        Deduplicate after = new Deduplicate(TTL);
        var restored = restore(after, snapshot, 10);
        try {
            restored.processElement1(delivery("q1", "t-0@3"), TS);
            restored.processElement2(recorded("r1", "m", "4", "t-0@4"), TS);
            restored.processElement1(
                    withJson(delivery("q1", "t-0@5"), "{\"id\":\"q1\",\"question\":\"?\"}"), TS);
            assertThat(restored.extractOutputValues()).isEmpty();
            assertThat(side(restored, Deduplicate.RECORDED)).isEmpty();
            assertThat(side(restored, Deduplicate.DEAD_LETTERS))
                    .extracting(DeadLetter::detail)
                    .singleElement()
                    .asString()
                    .contains("first read at t-0@1");
            assertThat(count(after, "duplicates")).isEqualTo(2);
        } finally {
            restored.close();
        }
    }

    @Test
    void aTtlUnderOneMillisecondIsRefused() {
        assertThatThrownBy(() -> new Deduplicate(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    KeyedTwoInputStreamOperatorTestHarness<String, Question, CallResult, Question> restore(
            OperatorSubtaskState snapshot, long ttlTime) throws Exception {
        return restore(new Deduplicate(TTL), snapshot, ttlTime);
    }

    static KeyedTwoInputStreamOperatorTestHarness<String, Question, CallResult, Question> restore(
            Deduplicate function, OperatorSubtaskState snapshot, long ttlTime) throws Exception {
        var restored = harness(function);
        restored.setStateTtlProcessingTime(ttlTime);
        restored.initializeState(snapshot);
        restored.open();
        return restored;
    }

    List<DeadLetter> deadLetters() {
        return side(harness, Deduplicate.DEAD_LETTERS);
    }

    long count(String counter) throws ReflectiveOperationException {
        return count(dedup, counter);
    }

    static long count(Deduplicate function, String counter) throws ReflectiveOperationException {
        Field f = Deduplicate.class.getDeclaredField(counter);
        f.setAccessible(true);
        return ((Counter) f.get(function)).getCount();
    }

    /** A side output's values; empty when nothing was emitted to it. */
    static <T> List<T> side(
            KeyedTwoInputStreamOperatorTestHarness<String, Question, CallResult, Question> h,
            OutputTag<T> tag) {
        var records = h.getSideOutput(tag);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }
}
