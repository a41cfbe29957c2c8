package org.vlmeval.sinks.kafka;

import org.vlmeval.journal.KafkaJournalOptions;
import org.vlmeval.kafka.BootstrapServers;
import org.vlmeval.kafka.KafkaClientProperties;
import org.vlmeval.kafka.TopicNames;
import org.vlmeval.model.AlertEvent;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.JudgementRow;
import org.vlmeval.options.Check;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Where the job writes answers and dead letters in Kafka: immutable and validated; errors name the
 * field.
 *
 * <ul>
 *   <li>answers: value the row's JSON, key {@link AnswerRow#messageKey} ({@code
 *       run/request_id/endpoint}), so a compacted topic keeps each answer's last version;
 *   <li>dead letters: value the dead letter's JSON, key the event's position;
 *   <li>the response journal, when {@code journal_topic} is set: a compacted topic of call outcomes
 *       ({@link org.vlmeval.journal.KafkaJournal}), with the same brokers and properties.
 * </ul>
 *
 * <p>Delivery is {@code at-least-once} by default: answers are keyed and idempotent downstream, so
 * a duplicate after a restore is harmless. {@code exactly-once} writes in Kafka transactions
 * committed on checkpoints (consumers must read with {@code isolation.level=read_committed}, and
 * see output only after each checkpoint); it needs a {@code transactional_id_prefix} unique to this
 * job on the cluster. Property values are never logged; see {@link KafkaClientProperties}.
 */
@JsonDeserialize(builder = KafkaOutput.Builder.class)
public final class KafkaOutput implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String AT_LEAST_ONCE = "at-least-once";
    public static final String EXACTLY_ONCE = "exactly-once";

    /**
     * The brokers' default {@code transaction.max.timeout.ms}. The connector's own default (1 h) is
     * larger, and a broker refuses a producer whose transaction timeout exceeds its maximum.
     */
    static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    static final Set<String> RESERVED =
            Set.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG);

    private final String bootstrapServers;
    private final String answersTopic;
    private final String deadLettersTopic;
    private final String alertsTopic;
    private final String judgementsTopic;
    private final KafkaClientProperties properties;
    private final String deliveryGuarantee;
    private final String transactionalIdPrefix;
    private final String journalTopic;

    private KafkaOutput(Builder b) {
        this.bootstrapServers = BootstrapServers.check("bootstrap_servers", b.bootstrapServers);
        this.answersTopic = Check.nonBlank("answers_topic", b.answersTopic);
        // Optional: without it dead letters only go to the other sinks.
        this.deadLettersTopic = Check.optionalNonBlank("dead_letters_topic", b.deadLettersTopic);
        // Optional: without it alerts only go to the store.
        this.alertsTopic = Check.optionalNonBlank("alerts_topic", b.alertsTopic);
        // Optional: without it judgements go to the store and the output directory only.
        this.judgementsTopic = Check.optionalNonBlank("judgements_topic", b.judgementsTopic);
        this.properties = new KafkaClientProperties(b.properties, RESERVED);
        String guarantee = Check.nonBlank("delivery_guarantee", b.deliveryGuarantee);
        Check.that(
                guarantee.equals(AT_LEAST_ONCE) || guarantee.equals(EXACTLY_ONCE),
                "delivery_guarantee",
                "must be at-least-once or exactly-once, was \"" + guarantee + "\"");
        this.deliveryGuarantee = guarantee;
        this.transactionalIdPrefix =
                guarantee.equals(EXACTLY_ONCE)
                        ? Check.nonBlank("transactional_id_prefix", b.transactionalIdPrefix)
                        : b.transactionalIdPrefix;
        this.journalTopic =
                b.journalTopic == null ? null : TopicNames.check("journal_topic", b.journalTopic);
        Check.that(
                journalTopic == null
                        || (!journalTopic.equals(answersTopic)
                                && !journalTopic.equals(deadLettersTopic)
                                && !journalTopic.equals(alertsTopic)
                                && !journalTopic.equals(judgementsTopic)),
                "journal_topic",
                "must be a topic of its own, not the answers, dead-letters, alerts or judgements"
                        + " topic");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The answers sink: JSON values keyed {@code run/request_id/endpoint}. */
    public KafkaSink<AnswerRow> answersSink() {
        return sink(new JsonRecordSerializer<>(answersTopic, AnswerRow::messageKey), "-answers");
    }

    /** The dead-letter sink: JSON values keyed by the event's position. */
    public KafkaSink<DeadLetter> deadLettersSink() {
        if (deadLettersTopic == null) {
            throw new IllegalStateException("dead_letters_topic is not configured");
        }
        return sink(
                new JsonRecordSerializer<>(deadLettersTopic, DeadLetter::position),
                "-dead-letters");
    }

    /** The alerts sink: JSON alert events keyed by alert id (firing and resolved share a key). */
    public KafkaSink<AlertEvent> alertsSink() {
        if (alertsTopic == null) {
            throw new IllegalStateException("alerts_topic is not configured");
        }
        return sink(new JsonRecordSerializer<>(alertsTopic, AlertEvent::alertId), "-alerts");
    }

    /**
     * The judgements sink: JSON judgement rows keyed {@code run/request_id/endpoint/sample/judge/
     * task} (a later version of a judgement replaces the earlier one on a compacted topic).
     */
    public KafkaSink<JudgementRow> judgementsSink() {
        if (judgementsTopic == null) {
            throw new IllegalStateException("judgements_topic is not configured");
        }
        return sink(
                new JsonRecordSerializer<>(judgementsTopic, KafkaOutput::judgementKey),
                "-judgements");
    }

    static String judgementKey(JudgementRow j) {
        return j.run()
                + "/"
                + j.requestId()
                + "/"
                + j.endpoint()
                + "/"
                + j.sample()
                + "/"
                + j.judge()
                + "/"
                + j.task();
    }

    private <T> KafkaSink<T> sink(KafkaRecordSerializationSchema<T> serializer, String idSuffix) {
        Properties producer = properties.toProperties();
        boolean exactlyOnce = deliveryGuarantee.equals(EXACTLY_ONCE);
        if (exactlyOnce) {
            producer.putIfAbsent(
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                    String.valueOf(DEFAULT_TRANSACTION_TIMEOUT.toMillis()));
        }
        KafkaSinkBuilder<T> b =
                KafkaSink.<T>builder()
                        .setKafkaProducerConfig(producer)
                        .setBootstrapServers(bootstrapServers)
                        .setRecordSerializer(serializer)
                        .setDeliveryGuarantee(
                                exactlyOnce
                                        ? DeliveryGuarantee.EXACTLY_ONCE
                                        : DeliveryGuarantee.AT_LEAST_ONCE);
        if (exactlyOnce) {
            // Two sinks of one job must not share transactional ids, or each fences the other.
            b.setTransactionalIdPrefix(transactionalIdPrefix + idSuffix);
        }
        return b.build();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String alertsTopic() {
        return alertsTopic;
    }

    /** The judgements topic, or null when judgements are not written to Kafka. */
    public String judgementsTopic() {
        return judgementsTopic;
    }

    public String answersTopic() {
        return answersTopic;
    }

    public String deadLettersTopic() {
        return deadLettersTopic;
    }

    /** Pass-through producer properties. */
    public Map<String, String> properties() {
        return properties.asMap();
    }

    /** {@code at-least-once} (default) or {@code exactly-once}. */
    public String deliveryGuarantee() {
        return deliveryGuarantee;
    }

    /** The transactional id prefix (exactly-once only); each sink appends its own suffix. */
    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    /** The compacted topic of the response journal, or null for none. */
    public String journalTopic() {
        return journalTopic;
    }

    /** The response journal in {@link #journalTopic()}, or null when there is none. */
    public KafkaJournalOptions journal() {
        return journalTopic == null
                ? null
                : new KafkaJournalOptions(bootstrapServers, journalTopic, properties);
    }

    @Override
    public String toString() {
        return "KafkaOutput{bootstrapServers="
                + bootstrapServers
                + ", answersTopic="
                + answersTopic
                + ", deadLettersTopic="
                + deadLettersTopic
                + ", alertsTopic="
                + alertsTopic
                + ", judgementsTopic="
                + judgementsTopic
                + ", properties="
                + properties
                + ", deliveryGuarantee="
                + deliveryGuarantee
                + ", transactionalIdPrefix="
                + transactionalIdPrefix
                + ", journalTopic="
                + journalTopic
                + "}";
    }

    /**
     * Builder with the documented defaults; also what job.yaml's {@code sinks.kafka} binds to (each
     * setter is the option of the same snake_case name). {@link #build()} validates.
     */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String bootstrapServers;
        private String answersTopic;
        private String deadLettersTopic;
        private String alertsTopic;
        private String judgementsTopic;
        private Map<String, String> properties = new LinkedHashMap<>();
        private String deliveryGuarantee = AT_LEAST_ONCE;
        private String transactionalIdPrefix;
        private String journalTopic;

        private Builder() {}

        public Builder bootstrapServers(String value) {
            this.bootstrapServers = value;
            return this;
        }

        public Builder answersTopic(String value) {
            this.answersTopic = value;
            return this;
        }

        public Builder alertsTopic(String value) {
            this.alertsTopic = value;
            return this;
        }

        public Builder judgementsTopic(String value) {
            this.judgementsTopic = value;
            return this;
        }

        public Builder deadLettersTopic(String value) {
            this.deadLettersTopic = value;
            return this;
        }

        /** Replaces the pass-through properties. */
        public Builder properties(Map<String, String> value) {
            this.properties = value == null ? null : new LinkedHashMap<>(value);
            return this;
        }

        /** Adds one pass-through property. */
        @JsonIgnore
        public Builder property(String key, String value) {
            if (properties == null) {
                properties = new LinkedHashMap<>();
            }
            properties.put(key, value);
            return this;
        }

        public Builder deliveryGuarantee(String value) {
            this.deliveryGuarantee = value;
            return this;
        }

        public Builder transactionalIdPrefix(String value) {
            this.transactionalIdPrefix = value;
            return this;
        }

        public Builder journalTopic(String value) {
            this.journalTopic = value;
            return this;
        }

        public KafkaOutput build() {
            return new KafkaOutput(this);
        }
    }
}
