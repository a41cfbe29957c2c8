package org.vlmeval.journal;

import org.vlmeval.kafka.BootstrapServers;
import org.vlmeval.kafka.KafkaClientProperties;
import org.vlmeval.kafka.TopicNames;
import org.vlmeval.options.Check;

import java.util.Map;
import java.util.Set;

/**
 * The response journal in a compacted Kafka topic ({@link KafkaJournal}); in job.yaml {@code
 * sinks.kafka.journal_topic}, with the brokers and client properties of {@code sinks.kafka}.
 * Immutable and validated; errors name the field.
 *
 * @param bootstrapServers the brokers, {@code host:port[,host:port…]}
 * @param topic the journal topic: created compacted when missing, refused when not compacted
 * @param properties client properties (TLS, SASL) passed to the journal's admin client, consumer
 *     and producer; values never logged
 */
public record KafkaJournalOptions(
        String bootstrapServers, String topic, KafkaClientProperties properties)
        implements JournalBackend {

    private static final long serialVersionUID = 1L;

    public KafkaJournalOptions {
        bootstrapServers = BootstrapServers.check("bootstrap_servers", bootstrapServers);
        topic = TopicNames.check("journal_topic", topic);
        properties = Check.required("properties", properties);
    }

    /** Without extra client properties (a plain-text cluster, the tests). */
    public KafkaJournalOptions(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, new KafkaClientProperties(Map.of(), Set.of()));
    }

    @Override
    public ResponseJournal open(JournalScope scope) {
        return KafkaJournal.open(this, scope);
    }
}
