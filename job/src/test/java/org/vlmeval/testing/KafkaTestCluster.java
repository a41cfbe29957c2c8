package org.vlmeval.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One in-JVM Kafka broker (KRaft, a combined controller and broker node) per test JVM, started on
 * first use by {@link #get()} and closed at JVM exit, with helpers to create topics, produce and
 * read back. Its data lives in a temporary directory outside {@code target/}, deleted on close.
 *
 * <p>Tests share the broker, so every test takes its own topic from {@link #freshTopic}.
 */
public final class KafkaTestCluster {

    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private static KafkaTestCluster instance;

    private final KafkaClusterTestKit kit;
    private final Admin admin;
    private final Duration startup;

    private KafkaTestCluster() throws Exception {
        long start = System.nanoTime();
        Path dir = Files.createTempDirectory("vlm-eval-kafka-");
        TestKitNodes nodes =
                new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBaseDirectory(dir)
                        .build();
        kit =
                new KafkaClusterTestKit.Builder(nodes)
                        // One broker: the internal topics cannot have more replicas than that.
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("transaction.state.log.num.partitions", "1")
                        // A consumer group would otherwise wait 3 s for more members to join.
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setDeleteOnClose(true)
                        .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kit.bootstrapServers());
        admin = Admin.create(p);
        startup = Duration.ofNanos(System.nanoTime() - start);
    }

    /** The shared broker, started on first call (the call's duration is {@link #startup()}). */
    public static synchronized KafkaTestCluster get() {
        if (instance == null) {
            try {
                instance = new KafkaTestCluster();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test Kafka broker", e);
            }
            KafkaTestCluster started = instance;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(started::close, "kafka-test-cluster-shutdown"));
            System.out.println(
                    "KafkaTestCluster: broker at "
                            + started.bootstrapServers()
                            + " ready in "
                            + started.startup.toMillis()
                            + " ms");
        }
        return instance;
    }

    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** How long the broker took from format to ready, admin client included. */
    public Duration startup() {
        return startup;
    }

    /**
     * Creates a topic with a name no other call returns and waits until every partition has a
     * leader, so producers and sources see it at once.
     */
    public String freshTopic(String prefix, int partitions) {
        String name =
                prefix
                        + "-"
                        + TOPICS.incrementAndGet()
                        + "-"
                        + UUID.randomUUID().toString().substring(0, 8);
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + OPERATION_TIMEOUT.toNanos();
            while (!hasLeaders(name, partitions)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + name + " has no leaders");
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
        return name;
    }

    private boolean hasLeaders(String topic, int partitions) throws Exception {
        TopicDescription d;
        try {
            d =
                    admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .get(topic);
        } catch (java.util.concurrent.ExecutionException e) {
            // Just after creation the broker's metadata may not list the topic yet: not ready.
            if (e.getCause()
                    instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
        return d.partitions().size() == partitions
                && d.partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    /** Writes unkeyed values; returns where each landed. */
    public List<RecordMetadata> produce(String topic, List<byte[]> values) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (byte[] v : values) {
            records.add(new ProducerRecord<>(topic, v));
        }
        return produce(records);
    }

    /** Writes keyed values (keys and values pairwise); returns where each landed. */
    public List<RecordMetadata> produce(String topic, List<byte[]> keys, List<byte[]> values) {
        if (keys.size() != values.size()) {
            throw new IllegalArgumentException("keys and values differ in number");
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            records.add(new ProducerRecord<>(topic, keys.get(i), values.get(i)));
        }
        return produce(records);
    }

    /** Writes values to one partition with one record timestamp; returns where each landed. */
    public List<RecordMetadata> produce(
            String topic, int partition, long timestampMillis, List<byte[]> values) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (byte[] v : values) {
            records.add(new ProducerRecord<>(topic, partition, timestampMillis, null, v));
        }
        return produce(records);
    }

    /** Writes the records in order and waits until each is acknowledged. */
    public List<RecordMetadata> produce(List<ProducerRecord<byte[], byte[]>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // Test records may be large (oversized-event tests).
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(16 * 1024 * 1024));
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> r : records) {
                sent.add(producer.send(r));
            }
            producer.flush();
            List<RecordMetadata> out = new ArrayList<>();
            for (Future<RecordMetadata> f : sent) {
                out.add(f.get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to the test broker", e);
        }
    }

    /**
     * Reads the topic from the beginning (committed records only) until {@code expectedCount}
     * records have arrived or {@code timeout} has passed; returns what arrived, so the caller's
     * assertion shows a shortfall.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(
            String topic, int expectedCount, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, OPERATION_TIMEOUT)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expectedCount && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private void close() {
        try {
            admin.close(Duration.ofSeconds(5));
            kit.close();
        } catch (Exception e) {
            // At JVM exit there is no one left to tell but stderr.
            System.err.println("KafkaTestCluster: close failed: " + e);
        }
    }
}
