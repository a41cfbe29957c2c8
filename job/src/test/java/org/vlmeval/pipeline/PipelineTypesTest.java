package org.vlmeval.pipeline;

import org.vlmeval.alerts.RateTrack;
import org.vlmeval.alerts.WindowCounts;
import org.vlmeval.model.AlertEvent;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.CallResult;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.Question;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.sources.SourceEvent;
import org.vlmeval.testing.Rows;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every type that flows between operators or sits in state is a Flink POJO serialized without Kryo,
 * and survives a round trip through the serializer Flink would pick for it.
 */
class PipelineTypesTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                Question.class,
                CallResult.class,
                DeadLetter.class,
                SourceEvent.class,
                KeyedAnswer.class,
                MetricsSample.class,
                MetricsKey.class,
                WindowAccumulator.class,
                FirstSeen.class,
                AnswerRow.class,
                WindowMetricsRow.class,
                AlertEvent.class,
                RateTrack.class,
                WindowCounts.class,
                org.vlmeval.judges.CachedObjects.class
            })
    void serializedAsPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }

    @Test
    void sourceEventsRoundTripInEveryShape() throws IOException {
        Question q = Fixtures.question("q1", Fixtures.T0, "counting");
        Question noModels =
                new Question(
                        "q2",
                        "run",
                        null,
                        null,
                        Fixtures.T0,
                        "What?",
                        null,
                        "{\"id\":\"q2\",\"question\":\"What?\"}",
                        null,
                        true);
        CallResult recorded = Fixtures.answered(q, "recorded", "4");
        DeadLetter dead =
                new DeadLetter(
                        DeadLetter.INVALID_JSON, "invalid JSON", "t-0@1", Fixtures.T0, "{", 1);

        for (SourceEvent e :
                List.of(
                        SourceEvent.of(q),
                        SourceEvent.of(noModels),
                        SourceEvent.of(recorded),
                        SourceEvent.of(dead))) {
            assertThat(roundTrip(SourceEvent.class, e)).isEqualTo(e);
        }
    }

    @Test
    void callResultsAndAnswerRowsRoundTrip() throws IOException {
        Question q = Fixtures.question("q1", Fixtures.T0, "counting");
        CallResult error =
                new CallResult(
                        q, "m", "model", null, null, "timeout", "slow", 5000, null, null, null, 2);
        assertThat(roundTrip(CallResult.class, error)).isEqualTo(error);
        CallResult ok = Fixtures.answered(q, "m", "yes");
        assertThat(roundTrip(CallResult.class, ok)).isEqualTo(ok);
        CallResult judged = ok.withJudgedObjects("lister", List.of("cat", "sofa"));
        assertThat(roundTrip(CallResult.class, judged)).isEqualTo(judged);

        AnswerRow row =
                Rows.answer()
                        .requestId("r1")
                        .eventTime(Fixtures.T0)
                        .category("c")
                        .correct(true)
                        .hallucination(true)
                        .latencyMs(120)
                        .build();
        assertThat(roundTrip(AnswerRow.class, row)).isEqualTo(row);
        KeyedAnswer keyed = new KeyedAnswer(new MetricsKey("run", "m", "*"), row);
        assertThat(roundTrip(KeyedAnswer.class, keyed)).isEqualTo(keyed);
    }

    @Test
    void windowStateAndRowsRoundTrip() throws IOException {
        WindowAccumulator acc = new WindowAccumulator();
        acc.add(
                Rows.answer()
                        .requestId("r1")
                        .eventTime(Fixtures.T0)
                        .category("c")
                        .correct(true)
                        .latencyMs(120)
                        .build());
        acc.add(
                Rows.answer()
                        .requestId("r2")
                        .eventTime(Fixtures.T0)
                        .category("c")
                        .error("server_error")
                        .latencyMs(900)
                        .build());
        WindowAccumulator copy = roundTrip(WindowAccumulator.class, acc);
        assertThat(copy).usingRecursiveComparison().isEqualTo(acc);

        WindowMetricsRow row =
                WindowMetrics.row(
                        new MetricsKey("run", "m", "*"),
                        Instant.EPOCH,
                        Instant.EPOCH.plusSeconds(60),
                        WindowMetricsRow.TUMBLING,
                        acc);
        WindowMetricsRow rowCopy = roundTrip(WindowMetricsRow.class, row);
        assertThat(rowCopy).isEqualTo(row);
        assertThat(rowCopy.errorsByKind()).isEqualTo(Map.of("server_error", 1L));
    }

    static <T> T roundTrip(Class<T> type, T value) throws IOException {
        TypeSerializer<T> serializer =
                TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        T read = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(serializer.copy(value)).usingRecursiveComparison().isEqualTo(read);
        return read;
    }
}
