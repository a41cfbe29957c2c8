package org.vlmeval.journal;

import org.vlmeval.journal.JournalBackend.JournalScope;
import org.vlmeval.testing.KafkaTestCluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link KafkaJournal} on the in-JVM broker: the topic's policy is checked or set, entries written
 * by other journals (other subtasks, earlier runs) are found after a reopen, only the operator's
 * own endpoint and run are held, and the topic is read as compaction would leave it. Also measures
 * the start-up read and the heap per entry ({@code -Djournal.entries=100000} for the figures in
 * docs/job.md).
 */
class KafkaJournalITCase {

    static final String FP = "0123456789abcdef".repeat(4);
    static final Duration WAIT = Duration.ofSeconds(20);

    static Admin admin;

    @BeforeAll
    static void admin() {
        Properties p = new Properties();
        p.put(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestCluster.get().bootstrapServers());
        admin = Admin.create(p);
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    static KafkaJournalOptions options(String topic) {
        return new KafkaJournalOptions(KafkaTestCluster.get().bootstrapServers(), topic);
    }

    static KafkaJournal open(String topic, String endpoint, String run, int subtask) {
        return KafkaJournal.open(
                options(topic), new JournalScope(endpoint, run, false, endpoint + "-" + subtask));
    }

    static JournalKey key(String run, String request, String endpoint) {
        return new JournalKey(run, request, endpoint, 0, FP);
    }

    static JournalEntry answer(String text) {
        return new JournalEntry("m", text, "stop", null, null, 100, 10, 2, 0.001, 1);
    }

    static Optional<JournalEntry> lookup(ResponseJournal journal, JournalKey key) throws Exception {
        return journal.lookup(key).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void anExistingTopicThatIsNotCompactedIsRefused() {
        String topic = KafkaTestCluster.get().freshTopic("journal-delete", 1);
        assertThatThrownBy(() -> open(topic, "llama", "r", 0))
                .isInstanceOf(JournalRefusedException.class)
                .hasMessageStartingWith(
                        "journal topic "
                                + topic
                                + " has cleanup.policy=delete, not compact: the response journal"
                                + " needs a compacted topic")
                .hasMessageContaining("name another topic in sinks.kafka.journal_topic");
    }

    @Test
    void aMissingTopicIsCreatedCompacted() throws Exception {
        String topic = "journal-new-" + UUID.randomUUID();
        try (KafkaJournal journal = open(topic, "llama", "r", 0)) {
            assertThat(journal.loaded()).isZero();
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        String policy =
                admin.describeConfigs(List.of(resource))
                        .all()
                        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                        .get(resource)
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                        .value();
        assertThat(policy).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        // The second opener finds it compacted and accepts it.
        try (KafkaJournal again = open(topic, "llama", "r", 1)) {
            assertThat(again.loaded()).isZero();
        }
    }

    @Test
    void entriesOfOtherSubtasksAndEarlierRunsAreFoundOnlyWhereTheyCanBeAsked() throws Exception {
        String topic = "journal-reopen-" + UUID.randomUUID();
        JournalKey mine = key("r", "q1", "llama");
        JournalKey otherSubtasks = key("r", "q2", "llama");
        JournalKey otherEndpoints = key("r", "q1", "qwen");
        JournalKey otherRuns = key("r0", "q1", "llama");
        try (KafkaJournal a = open(topic, "llama", "r", 0);
                KafkaJournal b = open(topic, "llama", "r", 1);
                KafkaJournal c = open(topic, "qwen", "r", 0);
                KafkaJournal d = open(topic, "llama", "r0", 0)) {
            a.append(mine, answer("1")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            b.append(otherSubtasks, answer("2")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            c.append(otherEndpoints, answer("3")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            d.append(otherRuns, answer("4")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            // Acknowledged appends are served by their own journal at once ...
            assertThat(lookup(a, mine)).contains(answer("1"));
            // ... and a second append of a key keeps the first outcome.
            a.append(mine, answer("other")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(lookup(a, mine)).contains(answer("1"));
        }
        try (KafkaJournal reopened = open(topic, "llama", "r", 0)) {
            assertThat(lookup(reopened, mine)).contains(answer("1"));
            assertThat(lookup(reopened, otherSubtasks)).contains(answer("2"));
            // Held: this endpoint's entries of this run only.
            assertThat(reopened.loaded()).isEqualTo(2);
            assertThat(lookup(reopened, otherEndpoints)).isEmpty();
            assertThat(lookup(reopened, otherRuns)).isEmpty();
            assertThat(reopened.hits()).isEqualTo(2);
        }
        try (KafkaJournal everyRun = open(topic, "llama", null, 0)) {
            // Without a run assigned by the job, every run's entries of the endpoint are held.
            assertThat(everyRun.loaded()).isEqualTo(3);
            assertThat(lookup(everyRun, otherRuns)).contains(answer("4"));
        }
    }

    @Test
    void theTopicIsReadAsCompactionWouldLeaveIt() throws Exception {
        String topic = "journal-compaction-" + UUID.randomUUID();
        JournalKey deleted = key("r", "q1", "llama");
        JournalKey replaced = key("r", "q2", "llama");
        try (KafkaJournal journal = open(topic, "llama", "r", 0)) {
            journal.append(deleted, answer("1")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            journal.append(replaced, answer("2")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        List<ProducerRecord<byte[], byte[]>> later = new ArrayList<>();
        // A tombstone (deleting a run's entries) and a later record of a key (a raced append).
        later.add(new ProducerRecord<>(topic, KafkaJournalFormat.key(deleted), null));
        later.add(
                new ProducerRecord<>(
                        topic,
                        KafkaJournalFormat.key(replaced),
                        KafkaJournalFormat.value(answer("2b"))));
        // Records that are not ours are skipped, not misread.
        later.add(new ProducerRecord<>(topic, "j9/r/q3/llama/0/f".getBytes(), "{}".getBytes()));
        KafkaTestCluster.get().produce(later);
        try (KafkaJournal reopened = open(topic, "llama", "r", 0)) {
            assertThat(lookup(reopened, deleted)).isEmpty();
            assertThat(lookup(reopened, replaced)).contains(answer("2b"));
            assertThat(reopened.loaded()).isEqualTo(1);
        }
    }

    /**
     * What one subtask pays at start-up and holds on its heap per entry: the entries of a realistic
     * answer (about 200 characters) with a 64-hex fingerprint and a 21-character request id.
     */
    @Test
    void startUpTimeAndHeapPerEntry() throws Exception {
        int n = Integer.getInteger("journal.entries", 1_000);
        String topic = "journal-volume-" + UUID.randomUUID();
        try (KafkaJournal created = open(topic, "llama", "r", 0)) {
            assertThat(created.loaded()).isZero();
        }
        String text =
                "There are 7 apples in the basket: three red ones on the left, two green ones in"
                        + " the middle and two yellow ones partly hidden behind the bananas. The"
                        + " label on the basket reads 'Fresh'.";
        long keyAndValueBytes = 0;
        for (int from = 0; from < n; from += 10_000) {
            List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 10_000); i++) {
                byte[] k =
                        KafkaJournalFormat.key(
                                key("r", "request-" + (1_000_000_000L + i), "llama"));
                byte[] v = KafkaJournalFormat.value(answer(text));
                keyAndValueBytes += k.length + v.length;
                batch.add(new ProducerRecord<>(topic, k, v));
            }
            KafkaTestCluster.get().produce(batch);
        }
        long before = usedHeap();
        long start = System.nanoTime();
        try (KafkaJournal journal = open(topic, "llama", "r", 0)) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            long heap = usedHeap() - before;
            assertThat(journal.loaded()).isEqualTo(n);
            assertThat(lookup(journal, key("r", "request-" + (1_000_000_000L + n - 1), "llama")))
                    .contains(answer(text));
            System.out.printf(
                    "KafkaJournalITCase: %d entries opened in %d ms, of which reading the topic"
                            + " %d ms (%.0f ms per 100k); heap %d bytes per entry (key + value %d"
                            + " bytes); load average %.1f%n",
                    n,
                    millis,
                    journal.loadTime().toMillis(),
                    journal.loadTime().toMillis() * 100_000.0 / n,
                    heap / n,
                    keyAndValueBytes / n,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
