package org.vlmeval.journal;

import org.vlmeval.store.DaemonThread;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link ResponseJournal} in a compacted Kafka topic, for deployments without a store (records:
 * {@link KafkaJournalFormat}).
 *
 * <p><b>Open</b>: makes sure the topic is compacted — creates it with {@code
 * cleanup.policy=compact} (the broker's partitions and replication factor) when it is missing,
 * refuses one whose policy does not compact ({@link JournalRefusedException}: with {@code delete}
 * alone the entries vanish after {@code retention.ms} and re-runs pay again unnoticed) — then reads
 * the whole topic, from its beginning to the end offsets taken at the start, into a map of this
 * operator's entries: its endpoint's, and only its run's when the job assigns one run. That is what
 * makes entries written by any earlier attempt or run, and by the other subtasks, visible. Open
 * blocks for the read (docs/job.md gives the measured time per 100,000 entries); it fails when the
 * read makes no progress for {@link #CLIENT_TIMEOUT}.
 *
 * <p><b>Lookups</b> are map reads, completed at once (no I/O). A later record of a key replaces an
 * earlier one and a tombstone (null value) deletes it, as compaction would: what the journal serves
 * does not change when the log cleaner runs.
 *
 * <p><b>Appends</b> go to an idempotent producer with {@code acks=all}, from the journal's own
 * thread ({@code send} may block for metadata; the caller never does); records are batched by
 * {@link #LINGER}, so an append waits at most that plus the broker round trip. The future completes
 * on the broker's acknowledgement (then the entry is also served by this journal's lookups) or
 * fails after {@link #DELIVERY_TIMEOUT}. A key this journal already holds is not written again: the
 * first outcome stays, unless two attempts that both missed race (then the later record wins, for
 * every later reader alike). Closing waits up to {@link #CLOSE_TIMEOUT} for the appends in flight.
 */
public final class KafkaJournal implements ResponseJournal {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaJournal.class);

    /** Admin calls, and how long the read at open may go without progress. */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    /** How long the producer waits to batch appends (the bounded delay of an append). */
    public static final Duration LINGER = Duration.ofMillis(5);

    /**
     * How long an append may take before it fails (the outcome is then passed on unjournalled): a
     * call waits for it, so a broker outage must not hold calls for the producer's default 2 min.
     */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(15);

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** How long closing waits for appends in flight. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String topic;
    private final Map<String, byte[]> entries;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ExecutorService sender;
    private final long loaded;
    private final Duration loadTime;
    private final AtomicLong hits = new AtomicLong();

    private KafkaJournal(
            String topic,
            Map<String, byte[]> entries,
            long loaded,
            Duration loadTime,
            KafkaProducer<byte[], byte[]> producer,
            String owner) {
        this.topic = topic;
        this.entries = entries;
        this.loaded = loaded;
        this.loadTime = loadTime;
        this.producer = producer;
        this.sender = DaemonThread.executor("response-journal-" + owner);
    }

    /**
     * Opens the journal of {@code scope} in the topic of {@code options} (see the class comment).
     *
     * @throws JournalRefusedException when the topic exists and is not compacted
     * @throws IllegalStateException when the brokers cannot be reached or the topic read
     */
    public static KafkaJournal open(
            KafkaJournalOptions options, JournalBackend.JournalScope scope) {
        if (scope.retryErrors()) {
            // Retrying errors is a mode of replay, which journals in the store only.
            throw new IllegalArgumentException(
                    "the Kafka journal does not retry journalled errors");
        }
        String topic = options.topic();
        String clientId = "vlm-eval-journal-" + scope.owner();
        boolean created;
        try (Admin admin = Admin.create(admin(options, clientId))) {
            created = ensureCompacted(admin, topic);
            long start = System.nanoTime();
            Map<String, byte[]> entries = new ConcurrentHashMap<>();
            long read =
                    created ? 0 : read(admin, consumer(options, clientId), topic, scope, entries);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            LOG.info(
                    "response journal {}: {} entries of endpoint {}{} from {} records of topic {}"
                            + " in {} ms",
                    scope.owner(),
                    entries.size(),
                    scope.endpoint(),
                    scope.run() == null ? "" : " in run " + scope.run(),
                    read,
                    topic,
                    took.toMillis());
            return new KafkaJournal(
                    topic,
                    entries,
                    entries.size(),
                    took,
                    new KafkaProducer<>(
                            producer(options, clientId),
                            new ByteArraySerializer(),
                            new ByteArraySerializer()),
                    scope.owner());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening journal topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "journal topic " + topic + ": " + (e.getCause() == null ? e : e.getCause()), e);
        }
    }

    /**
     * Checks the journal topic before a job is submitted, where a refusal can still be reported as
     * a configuration error: creates it compacted when it is missing, refuses it when it does not
     * compact. Brokers unreachable from here are only logged: the subtasks try again when they open
     * (and run without a journal if they cannot reach them either).
     *
     * @throws JournalRefusedException when the topic exists and is not compacted
     */
    public static void prepare(KafkaJournalOptions options) {
        try (Admin admin = Admin.create(admin(options, "vlm-eval-journal-submit"))) {
            ensureCompacted(admin, options.topic());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while checking journal topic " + options.topic(), e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.warn(
                    "response journal: cannot check topic {} before submitting: {}",
                    options.topic(),
                    e.getCause() == null ? e : e.getCause());
        }
    }

    /**
     * Creates {@code topic} compacted when it is missing (true), or checks that it compacts.
     *
     * @throws JournalRefusedException when its {@code cleanup.policy} does not compact
     */
    public static boolean ensureCompacted(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!admin.listTopics().names().get(timeout(), TimeUnit.MILLISECONDS).contains(topic)) {
            try {
                admin.createTopics(
                                List.of(
                                        new NewTopic(topic, Optional.empty(), Optional.empty())
                                                .configs(
                                                        Map.of(
                                                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                                                TopicConfig
                                                                        .CLEANUP_POLICY_COMPACT))))
                        .all()
                        .get(timeout(), TimeUnit.MILLISECONDS);
                LOG.info("response journal: created compacted topic {}", topic);
                return true;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                // Another subtask created it a moment ago: check it like any existing topic.
            }
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config =
                admin.describeConfigs(List.of(resource))
                        .all()
                        .get(timeout(), TimeUnit.MILLISECONDS)
                        .get(resource);
        ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        String value = policy == null ? TopicConfig.CLEANUP_POLICY_DELETE : policy.value();
        if (!List.of(value.replace(" ", "").split(","))
                .contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            throw new JournalRefusedException(
                    "journal topic "
                            + topic
                            + " has cleanup.policy="
                            + value
                            + ", not compact: the response journal needs a compacted topic, or its"
                            + " entries are deleted after retention.ms and re-runs pay for the"
                            + " calls again. Compact it (kafka-configs.sh --alter --entity-type"
                            + " topics --entity-name "
                            + topic
                            + " --add-config cleanup.policy=compact) or name another topic in"
                            + " sinks.kafka.journal_topic (a missing one is created compacted)");
        }
        return false;
    }

    /** Reads the topic to its end offsets into {@code entries}; returns the records read. */
    private static long read(
            Admin admin,
            KafkaConsumer<byte[], byte[]> consumer,
            String topic,
            JournalBackend.JournalScope scope,
            Map<String, byte[]> entries)
            throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description =
                admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(timeout(), TimeUnit.MILLISECONDS)
                        .get(topic);
        List<TopicPartition> partitions =
                description.partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
        long read = 0;
        try (consumer) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, CLIENT_TIMEOUT);
            Set<TopicPartition> remaining = new HashSet<>(partitions);
            long lastProgress = System.nanoTime();
            while (true) {
                remaining.removeIf(tp -> consumer.position(tp, CLIENT_TIMEOUT) >= end.get(tp));
                if (remaining.isEmpty()) {
                    return read;
                }
                if (System.nanoTime() - lastProgress > CLIENT_TIMEOUT.toNanos()) {
                    throw new IllegalStateException(
                            "journal topic "
                                    + topic
                                    + ": no progress reading it to its end for "
                                    + CLIENT_TIMEOUT.toSeconds()
                                    + " s (partitions left: "
                                    + remaining
                                    + ")");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                    lastProgress = System.nanoTime();
                    apply(r.key(), r.value(), scope, entries);
                }
            }
        }
    }

    /** One record of the topic, as compaction would leave it: the later one of a key wins. */
    static void apply(
            byte[] recordKey,
            byte[] value,
            JournalBackend.JournalScope scope,
            Map<String, byte[]> entries) {
        JournalKey key = KafkaJournalFormat.parseKey(recordKey);
        if (key == null
                || !key.endpoint().equals(scope.endpoint())
                || (scope.run() != null && !key.run().equals(scope.run()))) {
            // Another version's key, another endpoint's or run's entry: not asked here.
            return;
        }
        String text = KafkaJournalFormat.keyText(key);
        if (!KafkaJournalFormat.hasFormat(value)) {
            // A tombstone deletes the key; an entry of another format supersedes it unreadably.
            entries.remove(text);
        } else {
            entries.put(text, value);
        }
    }

    @Override
    public CompletableFuture<Optional<JournalEntry>> lookup(JournalKey key) {
        if (sender.isShutdown()) {
            return CompletableFuture.failedFuture(new IllegalStateException("journal closed"));
        }
        byte[] value = entries.get(KafkaJournalFormat.keyText(key));
        JournalEntry entry = value == null ? null : KafkaJournalFormat.parseValue(value);
        if (entry != null) {
            hits.incrementAndGet();
        }
        return CompletableFuture.completedFuture(Optional.ofNullable(entry));
    }

    @Override
    public CompletableFuture<Void> append(JournalKey key, JournalEntry entry) {
        String text = KafkaJournalFormat.keyText(key);
        if (entries.containsKey(text)) {
            // The first outcome of a key stays (a duplicate question, a re-sent call).
            return CompletableFuture.completedFuture(null);
        }
        byte[] value = KafkaJournalFormat.value(entry);
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            sender.execute(() -> send(key, text, value, done));
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("journal closed", e));
        }
        return done;
    }

    private void send(JournalKey key, String text, byte[] value, CompletableFuture<Void> done) {
        try {
            producer.send(
                    new ProducerRecord<>(topic, KafkaJournalFormat.key(key), value),
                    (metadata, failure) -> {
                        if (failure != null) {
                            done.completeExceptionally(
                                    new IllegalStateException(
                                            "response journal: append of "
                                                    + key
                                                    + " to "
                                                    + topic
                                                    + " failed",
                                            failure));
                        } else {
                            entries.putIfAbsent(text, value);
                            done.complete(null);
                        }
                    });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    /** Entries read from the topic when the journal opened. */
    public long loaded() {
        return loaded;
    }

    /** How long opening took to read the topic. */
    public Duration loadTime() {
        return loadTime;
    }

    /** Lookups that found an outcome. */
    public long hits() {
        return hits.get();
    }

    /** Sends what has queued and waits up to {@link #CLOSE_TIMEOUT} for the acknowledgements. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
        // Waits for the acknowledgements of what was sent; what is left then fails its future.
        producer.close(CLOSE_TIMEOUT);
    }

    // ---------------------------------------------------------------------------------------------

    private static long timeout() {
        return CLIENT_TIMEOUT.toMillis();
    }

    private static Properties base(KafkaJournalOptions options, String clientId) {
        Properties p = options.properties().toProperties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return p;
    }

    /** The admin client's properties, and the consumer's timeouts. */
    private static Properties admin(KafkaJournalOptions options, String clientId) {
        Properties p = base(options, clientId);
        millis(p, CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, CLIENT_TIMEOUT);
        millis(p, CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT);
        return p;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(
            KafkaJournalOptions options, String clientId) {
        Properties p = admin(options, clientId);
        // No group: the journal is read whole on every open, never from committed offsets.
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The whole topic is read at once: large fetches, few round trips.
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        p.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 << 20));
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A duration setting the user's properties have not set. */
    private static void millis(Properties p, String key, Duration value) {
        p.putIfAbsent(key, String.valueOf(value.toMillis()));
    }

    private static Properties producer(KafkaJournalOptions options, String clientId) {
        Properties p = base(options, clientId);
        // Not overridable: an append is durable once acknowledged, and never written twice.
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        millis(p, ProducerConfig.LINGER_MS_CONFIG, LINGER);
        millis(p, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT);
        millis(p, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT);
        millis(p, ProducerConfig.MAX_BLOCK_MS_CONFIG, REQUEST_TIMEOUT);
        return p;
    }
}
