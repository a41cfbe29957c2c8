package org.vlmeval.sinks.kafka;

import org.vlmeval.model.JsonCodec;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes each element to one topic as a JSON value ({@link JsonCodec#MAPPER}'s form of the record)
 * with a UTF-8 string key; the partition follows from the key (Kafka's default partitioner), so all
 * versions of a key land in one partition and a compacted topic keeps the last.
 */
final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializableFunction<T, String> key;

    JsonRecordSerializer(String topic, SerializableFunction<T, String> key) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        byte[] v;
        try {
            v = JsonCodec.MAPPER.writeValueAsBytes(element);
        } catch (JsonProcessingException e) {
            // A record of plain values always serializes; this would be a bug, not bad input.
            throw new IllegalStateException("cannot write JSON for " + topic, e);
        }
        return new ProducerRecord<>(
                topic, null, timestamp, key.apply(element).getBytes(StandardCharsets.UTF_8), v);
    }
}
