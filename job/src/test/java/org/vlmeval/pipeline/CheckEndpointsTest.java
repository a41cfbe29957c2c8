package org.vlmeval.pipeline;

import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.Question;

import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CheckEndpoints} in a one-input operator harness. */
class CheckEndpointsTest {

    static final long TS = Fixtures.T0.toEpochMilli();

    static Question asking(List<String> models) {
        Question q = Fixtures.question("q1", Fixtures.T0, "c");
        return new Question(
                q.requestId(),
                q.run(),
                q.category(),
                q.lang(),
                q.eventTime(),
                q.question(),
                models,
                q.requestJson(),
                "in.jsonl:3",
                false);
    }

    record Result(List<Question> passed, List<DeadLetter> deadLetters, long unknown) {}

    static Result check(List<String> configured, Question q) throws Exception {
        CheckEndpoints check = new CheckEndpoints(configured);
        try (OneInputStreamOperatorTestHarness<Question, Question> h =
                ProcessFunctionTestHarnesses.forProcessFunction(check)) {
            h.processElement(q, TS);
            var side = h.getSideOutput(CheckEndpoints.DEAD_LETTERS);
            Field f = CheckEndpoints.class.getDeclaredField("unknown");
            f.setAccessible(true);
            return new Result(
                    h.extractOutputValues(),
                    side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList(),
                    ((Counter) f.get(check)).getCount());
        }
    }

    @Test
    void aRequestWithoutModelsOrNamingKnownEndpointsPasses() throws Exception {
        for (List<String> models :
                java.util.Arrays.<List<String>>asList(null, List.of(), List.of("b", "a"))) {
            Question q = asking(models);
            Result r = check(List.of("a", "b"), q);
            assertThat(r.passed()).containsExactly(q);
            assertThat(r.deadLetters()).isEmpty();
            assertThat(r.unknown()).isZero();
        }
    }

    @Test
    void anUnknownNameIsADeadLetterAndTheKnownOnesAreStillAsked() throws Exception {
        Question q = asking(List.of("a", "lama-11b"));
        Result r = check(List.of("a", "b"), q);
        assertThat(r.passed()).containsExactly(q);
        DeadLetter d = r.deadLetters().get(0);
        assertThat(r.deadLetters()).hasSize(1);
        assertThat(d.reason()).isEqualTo(DeadLetter.UNKNOWN_ENDPOINT);
        assertThat(d.detail())
                .isEqualTo(
                        "request 'q1' of run 'run-1' names endpoint 'lama-11b', which is not"
                                + " configured (configured: a, b)");
        assertThat(d.position()).isEqualTo("in.jsonl:3");
        assertThat(d.payload()).isEqualTo(q.requestJson());
        assertThat(r.unknown()).isEqualTo(1);
    }

    @Test
    void aRequestNamingOnlyUnknownEndpointsIsOnlyDeadLettersOnePerName() throws Exception {
        Result r = check(List.of("a"), asking(List.of("x", "y", "x")));
        assertThat(r.passed()).isEmpty();
        assertThat(r.deadLetters())
                .extracting(DeadLetter::reason, DeadLetter::position)
                .containsOnly(
                        org.assertj.core.groups.Tuple.tuple(
                                DeadLetter.UNKNOWN_ENDPOINT, "in.jsonl:3"));
        assertThat(r.deadLetters())
                .extracting(DeadLetter::detail)
                .satisfiesExactly(
                        d -> assertThat(d).contains("'x'"), d -> assertThat(d).contains("'y'"));
        assertThat(r.unknown()).isEqualTo(2);
    }

    @Test
    void withoutEndpointsEveryNamedEndpointIsUnknown() throws Exception {
        Result r = check(List.of(), asking(List.of("a")));
        assertThat(r.passed()).isEmpty();
        assertThat(r.deadLetters())
                .singleElement()
                .extracting(DeadLetter::detail)
                .asString()
                .endsWith("which is not configured (no endpoints are configured)");
    }
}
