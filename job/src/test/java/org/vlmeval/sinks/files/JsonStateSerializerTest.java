package org.vlmeval.sinks.files;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.testing.Rows;

import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every field of every row survives the state serializer, bit for bit. */
class JsonStateSerializerTest {

    @Test
    void answerRowsRoundTrip() throws IOException {
        AnswerRow full =
                new AnswerRow(
                        "run-1",
                        "req \"7\"",
                        "ep",
                        "qwen2.5-vl",
                        "图表",
                        "zh",
                        Instant.parse("2026-03-01T10:00:00.123456789Z"),
                        "多少?\n",
                        "答案 😀",
                        "length",
                        false,
                        0.1 + 0.2,
                        false,
                        true,
                        List.of("dog", "cat"),
                        "wrong",
                        null,
                        null,
                        1234,
                        Integer.MAX_VALUE,
                        0,
                        1e-9,
                        3,
                        true,
                        false);
        AnswerRow errored =
                AnswerRow.errored(
                        "r",
                        "q",
                        "e",
                        "m",
                        null,
                        null,
                        Instant.EPOCH,
                        "",
                        "timeout",
                        null,
                        0,
                        0,
                        false,
                        false);

        assertRoundTrip(new AnswersFormat(), full);
        assertRoundTrip(new AnswersFormat(), errored);
    }

    @Test
    void windowMetricsRowsRoundTrip() throws IOException {
        WindowMetricsRow row = Rows.window().run("r").model("m").build();
        WindowMetricsRow empty =
                new WindowMetricsRow(
                        "r",
                        "m",
                        "c",
                        Instant.EPOCH,
                        Instant.EPOCH.plusMillis(1),
                        WindowMetricsRow.TUMBLING,
                        0,
                        0,
                        0,
                        Map.of(),
                        0,
                        0,
                        null,
                        null,
                        null,
                        null,
                        0,
                        null,
                        null,
                        null,
                        0,
                        0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        0,
                        0,
                        0.0,
                        0,
                        0,
                        0,
                        null,
                        null,
                        null);

        assertRoundTrip(new MetricsFormat(), row);
        assertRoundTrip(new MetricsFormat(), empty);
    }

    @Test
    void deadLettersRoundTrip() throws IOException {
        assertRoundTrip(
                new DeadLettersFormat(),
                new DeadLetter(
                        DeadLetter.UNDECODABLE, "bad UTF-8", "t-0@42", Instant.EPOCH, "\uFFFD", 1));
    }

    /** State written before the rows were mapped by Jackson (by RowJson, version 1) restores. */
    @Test
    void restoresStateWrittenByTheHandWrittenMapping() throws IOException {
        String json =
                "{\"reason\":\"undecodable\",\"detail\":\"bad UTF-8\",\"position\":\"t-0@42\","
                        + "\"received_at\":\"1970-01-01T00:00:00Z\",\"payload_bytes\":1,"
                        + "\"payload\":\"\uFFFD\"}";
        var serializer = new JsonStateSerializer<>(new DeadLettersFormat());

        assertThat(serializer.deserialize(1, json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(
                        new DeadLetter(
                                DeadLetter.UNDECODABLE,
                                "bad UTF-8",
                                "t-0@42",
                                Instant.EPOCH,
                                "\uFFFD",
                                1));
        assertThat(
                        new String(
                                serializer.serialize(
                                        serializer.deserialize(
                                                1, json.getBytes(StandardCharsets.UTF_8))),
                                StandardCharsets.UTF_8))
                .isEqualTo(json);
    }

    @Test
    void unknownVersionsAreRejected() {
        var serializer = new JsonStateSerializer<>(new DeadLettersFormat());
        assertThatThrownBy(() -> serializer.deserialize(2, new byte[0]))
                .hasMessageContaining("unknown state version 2");
    }

    private static <T> void assertRoundTrip(RowFormat<T> format, T row) throws IOException {
        SimpleVersionedSerializer<T> serializer = new JsonStateSerializer<>(format);
        byte[] bytes = SimpleVersionedSerialization.writeVersionAndSerialize(serializer, row);
        assertThat(SimpleVersionedSerialization.readVersionAndDeSerialize(serializer, bytes))
                .isEqualTo(row);
    }
}
