package org.vlmeval.sources;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.Objects;

/**
 * Parses each Kafka record's value into a {@link SourceEvent} at read time, so watermarks can be
 * assigned at the source. Position: {@code topic-partition@offset}; arrival time: the record's
 * timestamp. A tombstone (null value) becomes an {@code empty} dead letter. Never throws: a poison
 * record must not stop the source.
 */
public final class KafkaEventDeserializer implements KafkaRecordDeserializationSchema<SourceEvent> {

    private static final long serialVersionUID = 1L;

    private final EventParser parser;

    /**
     * @param parser parses and validates each value; values over its size limit become {@code
     *     oversized} dead letters before any decoding
     */
    public KafkaEventDeserializer(EventParser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceEvent> out) {
        out.collect(toEvent(record));
    }

    SourceEvent toEvent(ConsumerRecord<byte[], byte[]> record) {
        String position = position(record.topic(), record.partition(), record.offset());
        // Every record written by a client since Kafka 0.10 has a timestamp; -1 only for older
        // ones.
        Instant receivedAt =
                record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now();
        return parser.parse(record.value(), position, receivedAt);
    }

    /** The position string of a record: {@code topic-partition@offset}. */
    public static String position(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    @Override
    public TypeInformation<SourceEvent> getProducedType() {
        return TypeInformation.of(SourceEvent.class);
    }
}
