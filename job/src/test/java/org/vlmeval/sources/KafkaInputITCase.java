package org.vlmeval.sources;

import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.Question;
import org.vlmeval.pipeline.PipelineOptions;
import org.vlmeval.testing.FlinkCluster;
import org.vlmeval.testing.KafkaTestCluster;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaInputITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkCluster.extension();

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final int MAX_EVENT_BYTES = 4096;

    private static KafkaInput.Builder valid() {
        return KafkaInput.builder().bootstrapServers("localhost:9092").topic("requests");
    }

    // ---- options ------------------------------------------------------------------------

    @Test
    void defaults() {
        KafkaInput input = valid().build();
        assertThat(input.groupId()).isEqualTo("vlm-eval");
        assertThat(input.startingOffsets()).isEqualTo("committed");
        assertThat(input.bounded()).isFalse();
        assertThat(input.topics()).containsExactly("requests");
        assertThat(input.properties()).isEmpty();
    }

    @Test
    void validationNamesTheField() {
        assertThatThrownBy(() -> valid().bootstrapServers(" ").build())
                .hasMessage("bootstrap_servers: must not be blank");
        assertThatThrownBy(() -> valid().bootstrapServers("a:9092,,b:9092").build())
                .hasMessage("bootstrap_servers: each server must be host:port, was \"\"");
        assertThatThrownBy(() -> valid().bootstrapServers("broker").build())
                .hasMessage("bootstrap_servers: each server must be host:port, was \"broker\"");
        assertThatThrownBy(() -> valid().topics(List.of()).build())
                .hasMessage("topics: must name at least one topic");
        assertThatThrownBy(() -> valid().topics(List.of("a", " ")).build())
                .hasMessage("topics[1]: must not be blank");
        assertThatThrownBy(() -> valid().topic("bad topic").build())
                .hasMessageStartingWith("topics[0]: \"bad topic\" is not a valid topic name");
        assertThatThrownBy(() -> valid().topics(List.of("a", "a")).build())
                .hasMessage("topics[1]: a is listed twice");
        assertThatThrownBy(() -> valid().groupId("").build())
                .hasMessage("group_id: must not be blank");
        assertThatThrownBy(() -> valid().startingOffsets("newest").build())
                .hasMessage(
                        "starting_offsets: must be earliest, latest, committed or"
                                + " timestamp:<epoch millis>, was \"newest\"");
        assertThatThrownBy(() -> valid().startingOffsets("timestamp:yesterday").build())
                .hasMessage(
                        "starting_offsets: timestamp must be epoch milliseconds, was"
                                + " \"yesterday\"");
        assertThatThrownBy(() -> valid().startingOffsets("timestamp:-5").build())
                .hasMessage("starting_offsets: timestamp must not be negative, was -5");
        assertThatThrownBy(() -> valid().property("group.id", "other").build())
                .hasMessage("properties.group.id: is set by its own option, not as a property");
    }

    @Test
    void everyStartingOffsetsFormIsAccepted() {
        for (String spec : List.of("earliest", "latest", "committed", "timestamp:1767225600000")) {
            KafkaInput input = valid().startingOffsets(spec).build();
            assertThat(input.startingOffsetsInitializer()).isNotNull();
            assertThat(input.source(parser())).isNotNull();
        }
    }

    @Test
    void propertyValuesAreNeverShown() {
        KafkaInput input =
                valid().property(
                                "sasl.jaas.config",
                                "PlainLoginModule required password=\"s3cr$t\";")
                        .property("security.protocol", "SASL_PLAINTEXT")
                        .build();
        assertThat(input.toString())
                .contains("sasl.jaas.config")
                .doesNotContain("PlainLoginModule")
                .doesNotContain("SASL_PLAINTEXT");
    }

    // ---- a bounded read on a real broker and MiniCluster -----------------------------------

    @Test
    void boundedReadParsesEveryRecordWithItsPosition() throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.get();
        String topic = kafka.freshTopic("kafka-input", 2);

        String good1 = request("q1", "What is on the table?");
        String good2 = request("q2", "How many cats?");
        String good3 = request("q3", "Which color is the bus?");
        byte[] invalidJson = "{\"id\": \"broken\", ".getBytes(StandardCharsets.UTF_8);
        byte[] invalidUtf8 = {'{', '"', 'i', 'd', '"', ':', (byte) 0xC3, (byte) 0x28, '}'};
        byte[] schemaViolation = "{\"id\":\"no-question\"}".getBytes(StandardCharsets.UTF_8);
        byte[] oversized =
                request("big", "x".repeat(MAX_EVENT_BYTES)).getBytes(StandardCharsets.UTF_8);

        long ts = T0.toEpochMilli();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        records.add(new ProducerRecord<>(topic, 0, ts, null, utf8(good1)));
        records.add(new ProducerRecord<>(topic, 1, ts + 1, null, utf8(good2)));
        records.add(new ProducerRecord<>(topic, 0, ts + 2, null, invalidJson));
        records.add(new ProducerRecord<>(topic, 1, ts + 3, null, invalidUtf8));
        records.add(new ProducerRecord<>(topic, 0, ts + 4, null, schemaViolation));
        records.add(new ProducerRecord<>(topic, 1, ts + 5, null, oversized));
        records.add(
                new ProducerRecord<>(topic, 0, ts + 6, "k".getBytes(), (byte[]) null)); // tombstone
        records.add(new ProducerRecord<>(topic, 1, ts + 7, null, utf8(good3)));
        List<RecordMetadata> written = kafka.produce(records);
        Function<Integer, String> at =
                i ->
                        KafkaEventDeserializer.position(
                                topic, written.get(i).partition(), written.get(i).offset());

        KafkaInput input =
                KafkaInput.builder()
                        .bootstrapServers(kafka.bootstrapServers())
                        .topic(topic)
                        .groupId("kafka-input-test-" + topic)
                        .startingOffsets("earliest")
                        .bounded(true)
                        .build();
        List<SourceEvent> events = readAll(input, new EventParser(MAX_EVENT_BYTES, null));

        assertThat(events).hasSize(records.size());
        Map<String, Question> questions =
                events.stream()
                        .filter(e -> e.question() != null)
                        .map(SourceEvent::question)
                        .collect(Collectors.toMap(Question::requestId, q -> q));
        assertThat(questions).containsOnlyKeys("q1", "q2", "q3");
        assertThat(questions.get("q1").position()).isEqualTo(at.apply(0));
        assertThat(questions.get("q2").position()).isEqualTo(at.apply(1));
        assertThat(questions.get("q3").position()).isEqualTo(at.apply(7));
        assertThat(questions.get("q2").question()).isEqualTo("How many cats?");
        // No ts in the request: the record's timestamp is its event time.
        assertThat(questions.get("q3").eventTime()).isEqualTo(Instant.ofEpochMilli(ts + 7));

        Map<String, DeadLetter> dead =
                events.stream()
                        .filter(e -> e.deadLetter() != null)
                        .map(SourceEvent::deadLetter)
                        .collect(Collectors.toMap(DeadLetter::position, d -> d));
        assertThat(dead)
                .containsOnlyKeys(at.apply(2), at.apply(3), at.apply(4), at.apply(5), at.apply(6));
        assertThat(dead.get(at.apply(2)).reason()).isEqualTo(DeadLetter.INVALID_JSON);
        assertThat(dead.get(at.apply(3)).reason()).isEqualTo(DeadLetter.UNDECODABLE);
        assertThat(dead.get(at.apply(4)).reason()).isEqualTo(DeadLetter.SCHEMA_VIOLATION);
        assertThat(dead.get(at.apply(5)).reason()).isEqualTo(DeadLetter.OVERSIZED);
        assertThat(dead.get(at.apply(5)).payloadBytes()).isEqualTo(oversized.length);
        assertThat(dead.get(at.apply(5)).detail())
                .isEqualTo(
                        "event of "
                                + oversized.length
                                + " bytes exceeds the limit of "
                                + MAX_EVENT_BYTES);
        assertThat(dead.get(at.apply(6)).reason()).isEqualTo(DeadLetter.EMPTY);
        assertThat(dead.get(at.apply(3)).receivedAt()).isEqualTo(Instant.ofEpochMilli(ts + 3));
    }

    @Test
    void boundedReadStopsAtTheOffsetsSeenAtStartAndTimestampStartSkipsOlderRecords()
            throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.get();
        String topic = kafka.freshTopic("kafka-input-ts", 1);
        long ts = T0.toEpochMilli();
        kafka.produce(topic, 0, ts, List.of(utf8(request("old", "Old?"))));
        kafka.produce(topic, 0, ts + 60_000, List.of(utf8(request("new", "New?"))));

        KafkaInput input =
                KafkaInput.builder()
                        .bootstrapServers(kafka.bootstrapServers())
                        .topic(topic)
                        .startingOffsets("timestamp:" + (ts + 30_000))
                        .bounded(true)
                        .build();
        List<SourceEvent> events = readAll(input, parser());

        assertThat(events).extracting(e -> e.question().requestId()).containsExactly("new");
        assertThat(events.get(0).question().position()).isEqualTo(topic + "-0@1");
    }

    private static List<SourceEvent> readAll(KafkaInput input, EventParser parser)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<SourceEvent> out = new ArrayList<>();
        try (CloseableIterator<SourceEvent> it =
                env.fromSource(input.source(parser), WatermarkStrategy.noWatermarks(), "kafka")
                        .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static EventParser parser() {
        return new EventParser(PipelineOptions.DEFAULT_MAX_EVENT_BYTES, null);
    }

    private static String request(String id, String question) {
        return "{\"id\":\"" + id + "\",\"question\":\"" + question + "\"}";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
