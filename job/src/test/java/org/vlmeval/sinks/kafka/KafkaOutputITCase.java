package org.vlmeval.sinks.kafka;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.JudgementRow;
import org.vlmeval.testing.FlinkCluster;
import org.vlmeval.testing.KafkaTestCluster;
import org.vlmeval.testing.Rows;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaOutputITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkCluster.extension();

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private static KafkaOutput.Builder valid() {
        return KafkaOutput.builder()
                .bootstrapServers("localhost:9092")
                .answersTopic("answers")
                .deadLettersTopic("dead-letters");
    }

    @Test
    void validationNamesTheField() {
        assertThat(valid().build().deliveryGuarantee()).isEqualTo("at-least-once");
        assertThatThrownBy(() -> valid().bootstrapServers(null).build())
                .hasMessage("bootstrap_servers: is required");
        assertThatThrownBy(() -> valid().answersTopic(" ").build())
                .hasMessage("answers_topic: must not be blank");
        assertThatThrownBy(() -> valid().deadLettersTopic("").build())
                .hasMessage("dead_letters_topic: must not be blank");
        assertThatThrownBy(() -> valid().deliveryGuarantee("at-most-once").build())
                .hasMessage(
                        "delivery_guarantee: must be at-least-once or exactly-once,"
                                + " was \"at-most-once\"");
        assertThatThrownBy(() -> valid().deliveryGuarantee("exactly-once").build())
                .hasMessage("transactional_id_prefix: is required");
        assertThatThrownBy(() -> valid().property("transactional.id", "x").build())
                .hasMessage(
                        "properties.transactional.id: is set by its own option, not as"
                                + " a property");
        KafkaOutput exactlyOnce =
                valid().deliveryGuarantee("exactly-once").transactionalIdPrefix("vlm").build();
        assertThat(exactlyOnce.answersSink()).isNotNull();
        assertThat(exactlyOnce.deadLettersSink()).isNotNull();
    }

    @Test
    void judgementsAreWrittenAsKeyedJson() throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.get();
        KafkaOutput output =
                KafkaOutput.builder()
                        .bootstrapServers(kafka.bootstrapServers())
                        .answersTopic(kafka.freshTopic("answers", 1))
                        .judgementsTopic(kafka.freshTopic("judgements", 2))
                        .build();
        List<JudgementRow> rows =
                List.of(
                        new JudgementRow(
                                "run-1",
                                "q1",
                                "llama",
                                0,
                                T0,
                                "qwen",
                                "grade",
                                "grade.v1.en",
                                null,
                                "correct",
                                null,
                                "fine",
                                false,
                                null,
                                null,
                                null,
                                3100,
                                420,
                                28,
                                0.0005),
                        new JudgementRow(
                                "run-1",
                                "q1",
                                "llama",
                                0,
                                T0,
                                "qwen",
                                "objects",
                                null,
                                null,
                                null,
                                null,
                                null,
                                false,
                                "budget_calls",
                                null,
                                null,
                                0,
                                null,
                                null,
                                null));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromData(rows, TypeInformation.of(JudgementRow.class)).sinkTo(output.judgementsSink());
        env.execute("kafka-judgements-test");

        Map<String, JsonNode> judgements =
                byKey(kafka.readAll(output.judgementsTopic(), 2, READ_TIMEOUT));
        assertThat(judgements)
                .containsOnlyKeys("run-1/q1/llama/0/qwen/grade", "run-1/q1/llama/0/qwen/objects");
        JsonNode grade = judgements.get("run-1/q1/llama/0/qwen/grade");
        assertThat(grade.get("verdict").asText()).isEqualTo("correct");
        assertThat(grade.get("prompt_version").asText()).isEqualTo("grade.v1.en");
        assertThat(grade.get("cost").asDouble()).isEqualTo(0.0005);
        assertThat(judgements.get("run-1/q1/llama/0/qwen/objects").get("skipped").asText())
                .isEqualTo("budget_calls");
    }

    @Test
    void answersAndDeadLettersAreWrittenAsKeyedJson() throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.get();
        KafkaOutput output =
                KafkaOutput.builder()
                        .bootstrapServers(kafka.bootstrapServers())
                        .answersTopic(kafka.freshTopic("answers", 2))
                        .deadLettersTopic(kafka.freshTopic("dead-letters", 1))
                        .build();

        List<AnswerRow> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(errored("r" + i, "vqa-" + (i % 2)));
        }
        List<DeadLetter> dead =
                List.of(new DeadLetter(DeadLetter.INVALID_JSON, "bad", "requests-0@7", T0, "{", 1));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromData(rows, TypeInformation.of(AnswerRow.class)).sinkTo(output.answersSink());
        env.fromData(dead, TypeInformation.of(DeadLetter.class)).sinkTo(output.deadLettersSink());
        env.execute("kafka-output-test");

        Map<String, JsonNode> answers =
                byKey(kafka.readAll(output.answersTopic(), 6, READ_TIMEOUT));
        assertThat(answers)
                .containsOnlyKeys(
                        "run-1/r0/vqa-0",
                        "run-1/r1/vqa-1",
                        "run-1/r2/vqa-0",
                        "run-1/r3/vqa-1",
                        "run-1/r4/vqa-0",
                        "run-1/r5/vqa-1");
        JsonNode r3 = answers.get("run-1/r3/vqa-1");
        assertThat(r3.get("request_id").asText()).isEqualTo("r3");
        assertThat(r3.get("error_kind").asText()).isEqualTo("timeout");
        assertThat(r3.get("event_time").asText()).isEqualTo(T0.toString());

        Map<String, JsonNode> letters =
                byKey(kafka.readAll(output.deadLettersTopic(), 1, READ_TIMEOUT));
        assertThat(letters).containsOnlyKeys("requests-0@7");
        assertThat(letters.get("requests-0@7").get("reason").asText()).isEqualTo("invalid_json");
    }

    @Test
    void exactlyOnceCommitsOnTheFinalCheckpoint() throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.get();
        KafkaOutput output =
                KafkaOutput.builder()
                        .bootstrapServers(kafka.bootstrapServers())
                        .answersTopic(kafka.freshTopic("answers-eo", 1))
                        .deadLettersTopic(kafka.freshTopic("dead-letters-eo", 1))
                        .deliveryGuarantee(KafkaOutput.EXACTLY_ONCE)
                        .transactionalIdPrefix("kafka-output-test-" + System.nanoTime())
                        .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(200);
        env.fromData(
                        List.of(errored("e1", "vqa"), errored("e2", "vqa")),
                        TypeInformation.of(AnswerRow.class))
                .sinkTo(output.answersSink());
        env.execute("kafka-output-exactly-once-test");

        // readAll reads read_committed: only a committed transaction shows.
        assertThat(byKey(kafka.readAll(output.answersTopic(), 2, READ_TIMEOUT)))
                .containsOnlyKeys("run-1/e1/vqa", "run-1/e2/vqa");
    }

    private static Map<String, JsonNode> byKey(List<ConsumerRecord<byte[], byte[]>> records)
            throws Exception {
        Map<String, JsonNode> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.put(
                    new String(r.key(), StandardCharsets.UTF_8),
                    JsonCodec.MAPPER.readTree(r.value()));
        }
        return out;
    }

    private static AnswerRow errored(String requestId, String endpoint) {
        return Rows.answer()
                .run("run-1")
                .requestId(requestId)
                .endpoint(endpoint)
                .category("charts")
                .eventTime(T0)
                .error("timeout", "no answer in 30 s")
                .latencyMs(30_000)
                .build();
    }
}
