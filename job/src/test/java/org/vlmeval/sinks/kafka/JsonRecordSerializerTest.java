package org.vlmeval.sinks.kafka;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.DeadLetter;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topics' message bytes: keys, and values in the form RowJson wrote (pinned in RecordJsonTest).
 */
class JsonRecordSerializerTest {

    @Test
    void answersAreKeyedByRunRequestAndEndpoint() {
        AnswerRow row =
                AnswerRow.errored(
                        "nightly",
                        "q-1",
                        "gpt",
                        "gpt-4o",
                        "chart",
                        "en",
                        Instant.parse("2026-03-01T10:00:00.250Z"),
                        "How many?",
                        "timeout",
                        "no answer after 30 s",
                        30000,
                        3,
                        true,
                        false);

        ProducerRecord<byte[], byte[]> record =
                new JsonRecordSerializer<AnswerRow>("answers", AnswerRow::messageKey)
                        .serialize(row, null, 42L);

        assertThat(record.topic()).isEqualTo("answers");
        assertThat(record.timestamp()).isEqualTo(42L);
        assertThat(text(record.key())).isEqualTo("nightly/q-1/gpt");
        assertThat(text(record.value()))
                .isEqualTo(
                        "{\"run\":\"nightly\",\"request_id\":\"q-1\",\"endpoint\":\"gpt\","
                                + "\"model\":\"gpt-4o\",\"category\":\"chart\",\"lang\":\"en\","
                                + "\"event_time\":\"2026-03-01T10:00:00.250Z\","
                                + "\"question\":\"How many?\",\"response_text\":null,"
                                + "\"finish_reason\":null,\"correct\":null,\"score\":null,"
                                + "\"refusal\":null,\"hallucination\":null,"
                                + "\"hallucinated_objects\":[],\"explanation\":null,"
                                + "\"error_kind\":\"timeout\","
                                + "\"error_message\":\"no answer after 30 s\","
                                + "\"latency_ms\":30000,\"input_tokens\":null,"
                                + "\"output_tokens\":null,\"cost\":null,\"attempts\":3,"
                                + "\"late\":true,\"reused\":false,\"sample\":0,\"reading\":null,\"truth\":null,\"objects_source\":null}");
    }

    @Test
    void deadLettersAreKeyedByPosition() {
        DeadLetter letter =
                new DeadLetter(
                        DeadLetter.EMPTY,
                        "empty event",
                        "requests-0@7",
                        Instant.parse("2026-03-01T10:00:00Z"),
                        "",
                        0);

        ProducerRecord<byte[], byte[]> record =
                new JsonRecordSerializer<DeadLetter>("dead", DeadLetter::position)
                        .serialize(letter, null, null);

        assertThat(text(record.key())).isEqualTo("requests-0@7");
        assertThat(text(record.value()))
                .isEqualTo(
                        "{\"reason\":\"empty\",\"detail\":\"empty event\","
                                + "\"position\":\"requests-0@7\","
                                + "\"received_at\":\"2026-03-01T10:00:00Z\","
                                + "\"payload_bytes\":0,\"payload\":\"\"}");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
