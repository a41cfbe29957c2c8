package org.vlmeval.sources;

import org.vlmeval.kafka.BootstrapServers;
import org.vlmeval.kafka.KafkaClientProperties;
import org.vlmeval.kafka.TopicNames;
import org.vlmeval.options.Check;

import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Where and how the job reads its events from Kafka: immutable and validated; errors name the
 * field.
 *
 * <pre>{@code
 * KafkaInput input = KafkaInput.builder()
 *         .bootstrapServers("broker:9093")
 *         .topic("vlm-eval-requests")
 *         .startingOffsets("committed")
 *         .property("security.protocol", "SASL_SSL")
 *         .property("sasl.mechanism", "SCRAM-SHA-512")
 *         .property("sasl.jaas.config",
 *             "org.apache.kafka.common.security.scram.ScramLoginModule required"
 *                 + " username=\"vlm-eval\" password=\"" + System.getenv("KAFKA_PASSWORD") + "\";")
 *         .build();
 * env.fromSource(input.source(parser), watermarks, "kafka");
 * }</pre>
 *
 * <p>Property values are never logged; in job.yaml they may be written {@code ${env:NAME}} (see
 * {@link KafkaClientProperties}).
 *
 * <p>Each record value is parsed at read time by the given {@link EventParser}; its position is
 * {@code topic-partition@offset} and its arrival time the record's timestamp.
 */
@JsonDeserialize(builder = KafkaInput.Builder.class)
public final class KafkaInput implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_GROUP_ID = "vlm-eval";
    public static final String DEFAULT_STARTING_OFFSETS = StartingOffsets.COMMITTED;

    /** Consumer keys that the options set themselves. */
    static final Set<String> RESERVED =
            Set.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ConsumerConfig.GROUP_ID_CONFIG,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);

    // Kafka's own rule (org.apache.kafka.common.internals.Topic): legal characters and length.

    private final String bootstrapServers;
    private final List<String> topics;
    private final String labelsTopic;
    private final String groupId;
    private final String startingOffsets;
    private final boolean bounded;
    private final KafkaClientProperties properties;

    private KafkaInput(Builder b) {
        this.bootstrapServers = BootstrapServers.check("bootstrap_servers", b.bootstrapServers);
        this.topics = topics(b.topics);
        this.labelsTopic =
                b.labelsTopic == null ? null : TopicNames.check("labels_topic", b.labelsTopic);
        Check.that(
                labelsTopic == null || !topics.contains(labelsTopic),
                "labels_topic",
                labelsTopic + " is also in topics; labels need a topic of their own");
        this.groupId = Check.nonBlank("group_id", b.groupId);
        this.startingOffsets = StartingOffsets.validate("starting_offsets", b.startingOffsets);
        this.bounded = b.bounded;
        this.properties = new KafkaClientProperties(b.properties, RESERVED);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Kafka source; the parser decides what is a question, an answer or a dead letter. */
    public KafkaSource<SourceEvent> source(EventParser parser) {
        return source(parser, topics);
    }

    /**
     * The source of {@link #labelsTopic()} (same brokers, group, starting offsets, boundedness and
     * properties), every record parsed as a label; null without a labels topic.
     */
    public KafkaSource<SourceEvent> labelsSource(EventParser parser) {
        return labelsTopic == null ? null : source(parser.forLabels(), List.of(labelsTopic));
    }

    private KafkaSource<SourceEvent> source(EventParser parser, List<String> read) {
        Objects.requireNonNull(parser, "parser");
        Properties consumer = properties.toProperties();
        KafkaSourceBuilder<SourceEvent> b =
                KafkaSource.<SourceEvent>builder()
                        .setProperties(consumer)
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(read)
                        .setGroupId(groupId)
                        .setStartingOffsets(startingOffsetsInitializer())
                        .setDeserializer(new KafkaEventDeserializer(parser));
        if (bounded) {
            // latest() is evaluated once, when the enumerator first sees a partition: a replay
            // stops at what was there at its start, not at whatever arrives while it runs.
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    OffsetsInitializer startingOffsetsInitializer() {
        return StartingOffsets.toInitializer("starting_offsets", startingOffsets);
    }

    /** Comma-separated {@code host:port} list of brokers to bootstrap from. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The topics to read, at least one. */
    public List<String> topics() {
        return topics;
    }

    /**
     * The topic of late labels (label.schema.json; docs/job.md "Late labels"), or null for none.
     */
    public String labelsTopic() {
        return labelsTopic;
    }

    /** The consumer group; offsets are committed to it on checkpoints. Default {@code vlm-eval}. */
    public String groupId() {
        return groupId;
    }

    /**
     * {@code earliest}, {@code latest}, {@code committed} (falling back to earliest) or {@code
     * timestamp:<epoch millis>}; default {@code committed}. Ignored on restore from a checkpoint,
     * which resumes at the checkpointed offsets.
     */
    public String startingOffsets() {
        return startingOffsets;
    }

    /** Stop at the latest offsets seen at start (a replay) rather than run forever. */
    public boolean bounded() {
        return bounded;
    }

    /** Pass-through consumer properties. */
    public Map<String, String> properties() {
        return properties.asMap();
    }

    @Override
    public String toString() {
        // Property keys only: values may be secrets.
        return "KafkaInput{bootstrapServers="
                + bootstrapServers
                + ", topics="
                + topics
                + ", labelsTopic="
                + labelsTopic
                + ", groupId="
                + groupId
                + ", startingOffsets="
                + startingOffsets
                + ", bounded="
                + bounded
                + ", properties="
                + properties
                + "}";
    }

    private static List<String> topics(List<String> topics) {
        Check.that(topics != null && !topics.isEmpty(), "topics", "must name at least one topic");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < topics.size(); i++) {
            String field = "topics[" + i + "]";
            String t = TopicNames.check(field, topics.get(i));
            Check.that(!out.contains(t), field, t + " is listed twice");
            out.add(t);
        }
        return List.copyOf(out);
    }

    /**
     * Builder with the documented defaults; also what job.yaml's {@code source.kafka} binds to
     * (each setter is the option of the same snake_case name). {@link #build()} validates.
     */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String bootstrapServers;
        private List<String> topics = List.of();
        private String labelsTopic;
        private String groupId = DEFAULT_GROUP_ID;
        private String startingOffsets = DEFAULT_STARTING_OFFSETS;
        private boolean bounded;
        private Map<String, String> properties = new java.util.LinkedHashMap<>();

        private Builder() {}

        public Builder bootstrapServers(String value) {
            this.bootstrapServers = value;
            return this;
        }

        /** Reads one topic (replaces any set before). */
        public Builder topic(String value) {
            this.topics = value == null ? null : java.util.Collections.singletonList(value);
            return this;
        }

        /** Reads these topics (replaces any set before). */
        public Builder topics(List<String> value) {
            this.topics = value == null ? null : new ArrayList<>(value);
            return this;
        }

        /** The topic of late labels; none by default. */
        public Builder labelsTopic(String value) {
            this.labelsTopic = value;
            return this;
        }

        public Builder groupId(String value) {
            this.groupId = value;
            return this;
        }

        public Builder startingOffsets(String value) {
            this.startingOffsets = value;
            return this;
        }

        public Builder bounded(boolean value) {
            this.bounded = value;
            return this;
        }

        /** Replaces the pass-through properties. */
        public Builder properties(Map<String, String> value) {
            this.properties = value == null ? null : new java.util.LinkedHashMap<>(value);
            return this;
        }

        /** Adds one pass-through property. */
        @JsonIgnore
        public Builder property(String key, String value) {
            if (properties == null) {
                properties = new java.util.LinkedHashMap<>();
            }
            properties.put(key, value);
            return this;
        }

        public KafkaInput build() {
            return new KafkaInput(this);
        }
    }
}
