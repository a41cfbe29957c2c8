package org.vlmeval.pipeline;

import org.vlmeval.config.JobConfig;
import org.vlmeval.config.JobConfigLoader;
import org.vlmeval.config.JobWiring;
import org.vlmeval.journal.JournalBackend.JournalScope;
import org.vlmeval.journal.JournalRefusedException;
import org.vlmeval.journal.KafkaJournal;
import org.vlmeval.journal.KafkaJournalOptions;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.testing.FlinkCluster;
import org.vlmeval.testing.KafkaTestCluster;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kafka journal in the deployment it is for: Kafka in, Kafka out, no store, configured in
 * job.yaml ({@code sinks.kafka.journal_topic}) and wired as {@code vlm-eval run} wires it. A second
 * run of the same run id pays for nothing; a run cancelled mid-stream (no savepoint) and submitted
 * again pays only for the calls that were not journalled; a journal topic that does not compact is
 * refused before anything runs.
 */
class KafkaJournalJobITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkCluster.extension();

    static final int QUESTIONS = FailureRecoveryITCase.QUESTIONS;
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir Path dir;

    /** Both endpoints' answers: llama right on even numbers, qwen on multiples of 3. */
    static Function<String, Reply> script(int rightEvery) {
        return q -> Reply.answer(FailureRecoveryITCase.answer(q, rightEvery)).after(5);
    }

    /** job.yaml of a bounded run of {@code input} into {@code answers}, journalled in Kafka. */
    JobConfig config(
            ModelServer llama,
            ModelServer qwen,
            String run,
            String input,
            String answers,
            String journal)
            throws Exception {
        Files.writeString(
                dir.resolve("endpoints.yaml"),
                "endpoints:\n"
                        + "  - {name: llama, protocol: openai, base_url: '"
                        + llama.openAiBaseUrl()
                        + "', model: l, max_concurrency: 4}\n"
                        + "  - {name: qwen, protocol: ollama, base_url: '"
                        + qwen.ollamaBaseUrl()
                        + "', model: q, max_concurrency: 4}\n");
        String kafka = KafkaTestCluster.get().bootstrapServers();
        return JobConfigLoader.parse(
                "endpoints: endpoints.yaml\n"
                        + "run_id: "
                        + run
                        + "\nparallelism: 2\n"
                        + "checkpoint_interval: 200ms\n"
                        + "source:\n"
                        + "  kafka: {bootstrap_servers: '"
                        + kafka
                        + "', topic: "
                        + input
                        + ", group_id: "
                        + answers
                        + ", starting_offsets: earliest, bounded: true}\n"
                        + "pipeline: {windows: [1m]}\n"
                        + "sinks:\n"
                        + "  kafka: {bootstrap_servers: '"
                        + kafka
                        + "', answers_topic: "
                        + answers
                        + ", journal_topic: "
                        + journal
                        + "}\n",
                "job.yaml",
                dir);
    }

    /** A fresh topic holding the events of {@link FailureRecoveryITCase}. */
    static String input(String prefix) {
        String topic = KafkaTestCluster.get().freshTopic(prefix, 2);
        KafkaTestCluster.get().produce(topic, FailureRecoveryITCase.events());
        return topic;
    }

    /** Runs a bounded job to its end. */
    static void runToEnd(JobConfig config, String name) throws Exception {
        submit(config, name).getJobExecutionResult().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static JobClient submit(JobConfig config, String name) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobWiring.job(config, env);
        return env.executeAsync(name);
    }

    /** The answers on {@code topic} by their message key (the sink delivers at least once). */
    static Map<String, JsonNode> answers(String topic, int expected) throws Exception {
        Map<String, JsonNode> byKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaTestCluster.get().readAll(topic, expected, Duration.ofSeconds(30))) {
            byKey.put(
                    new String(r.key(), StandardCharsets.UTF_8),
                    JsonCodec.MAPPER.readTree(r.value()));
        }
        return byKey;
    }

    static long reused(Map<String, JsonNode> answers, String endpoint) {
        return answers.values().stream()
                .filter(a -> a.get("endpoint").asText().equals(endpoint))
                .filter(a -> a.get("reused").asBoolean())
                .count();
    }

    /** What the journal holds for {@code endpoint} in {@code run}, read as a subtask reads it. */
    static long journalled(String topic, String endpoint, String run) {
        try (KafkaJournal j =
                KafkaJournal.open(
                        new KafkaJournalOptions(KafkaTestCluster.get().bootstrapServers(), topic),
                        new JournalScope(endpoint, run, false, "test"))) {
            return j.loaded();
        }
    }

    @Test
    void aSecondRunOfTheSameRunIdPaysForNothing() throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.get();
        String input = input("kafka-journal-in");
        String journal = "kafka-journal-" + input;
        String first = kafka.freshTopic("kafka-journal-answers", 1);
        String second = kafka.freshTopic("kafka-journal-answers", 1);
        try (ModelServer llama = new ModelServer(script(2));
                ModelServer qwen = new ModelServer(script(3))) {
            runToEnd(config(llama, qwen, "twice", input, first, journal), "first");
            assertThat(llama.requests()).isEqualTo(QUESTIONS);
            assertThat(qwen.requests()).isEqualTo(QUESTIONS);
            Map<String, JsonNode> paid = answers(first, 2 * QUESTIONS);
            assertThat(paid).hasSize(2 * QUESTIONS);
            assertThat(reused(paid, "llama") + reused(paid, "qwen")).isZero();

            runToEnd(config(llama, qwen, "twice", input, second, journal), "second");
            // Not one more call: every answer of the second run came from the journal ...
            assertThat(llama.requests()).isEqualTo(QUESTIONS);
            assertThat(qwen.requests()).isEqualTo(QUESTIONS);
            Map<String, JsonNode> again = answers(second, 2 * QUESTIONS);
            assertThat(again).hasSize(2 * QUESTIONS);
            assertThat(reused(again, "llama")).isEqualTo(QUESTIONS);
            assertThat(reused(again, "qwen")).isEqualTo(QUESTIONS);
            // ... with the same outcomes and scores as the paid ones.
            for (Map.Entry<String, JsonNode> e : paid.entrySet()) {
                JsonNode reusedAnswer = again.get(e.getKey());
                for (String field : List.of("response_text", "correct", "score", "cost")) {
                    assertThat(reusedAnswer.get(field))
                            .as(e.getKey() + " " + field)
                            .isEqualTo(e.getValue().get(field));
                }
            }
        }
    }

    @Test
    void aRunCancelledMidStreamAndSubmittedAgainPaysOnlyForWhatWasNotJournalled() throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.get();
        String input = input("kafka-journal-cancel-in");
        String journal = "kafka-journal-" + input;
        int answeredBeforeCancel = 40;
        // The first submission's servers answer 40 questions each, then hold every call until
        // the job is cancelled: the cancellation falls mid-stream on any machine.
        CountDownLatch held = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Function<Function<String, Reply>, Function<String, Reply>> holding =
                script -> {
                    AtomicInteger asked = new AtomicInteger();
                    AtomicInteger held1 = new AtomicInteger();
                    return q -> {
                        if (asked.incrementAndGet() > answeredBeforeCancel) {
                            if (held1.getAndIncrement() == 0) {
                                held.countDown();
                            }
                            await(release);
                        }
                        return script.apply(q);
                    };
                };
        long journalledLlama;
        long journalledQwen;
        try (ModelServer llama = new ModelServer(holding.apply(script(2)));
                ModelServer qwen = new ModelServer(holding.apply(script(3)))) {
            JobClient job =
                    submit(
                            config(
                                    llama,
                                    qwen,
                                    "cancelled",
                                    input,
                                    kafka.freshTopic("a", 1),
                                    journal),
                            "cancelled");
            assertThat(held.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("both servers reached the calls they hold")
                    .isTrue();
            job.cancel().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            // Cancelled: the result future fails once every task has stopped (and closed its
            // journal, which waits for the appends in flight).
            assertThat(job.getJobExecutionResult()).failsWithin(WAIT);
            release.countDown();
            journalledLlama = journalled(journal, "llama", "cancelled");
            journalledQwen = journalled(journal, "qwen", "cancelled");
            System.out.printf(
                    "KafkaJournalJobITCase: cancelled after llama=%d qwen=%d calls;"
                            + " journalled llama=%d qwen=%d%n",
                    llama.requests(), qwen.requests(), journalledLlama, journalledQwen);
        }
        // Mid-stream: some, not all, journalled (the held calls never were).
        assertThat(journalledLlama).isBetween(1L, QUESTIONS - 1L);
        assertThat(journalledQwen).isBetween(1L, QUESTIONS - 1L);

        String answers = kafka.freshTopic("kafka-journal-answers", 1);
        try (ModelServer llama = new ModelServer(script(2));
                ModelServer qwen = new ModelServer(script(3))) {
            runToEnd(config(llama, qwen, "cancelled", input, answers, journal), "resubmitted");
            // Exactly the calls that were not journalled are paid for again.
            assertThat(llama.requests()).isEqualTo(QUESTIONS - journalledLlama);
            assertThat(qwen.requests()).isEqualTo(QUESTIONS - journalledQwen);
            Map<String, JsonNode> all = answers(answers, 2 * QUESTIONS);
            assertThat(all).hasSize(2 * QUESTIONS);
            assertThat(reused(all, "llama")).isEqualTo(journalledLlama);
            assertThat(reused(all, "qwen")).isEqualTo(journalledQwen);
        }
    }

    @Test
    void aJournalTopicThatIsNotCompactedIsRefusedWhenTheJobIsSubmitted() throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.get();
        String notCompacted = kafka.freshTopic("kafka-journal-delete", 1);
        try (ModelServer llama = new ModelServer(script(2));
                ModelServer qwen = new ModelServer(script(3))) {
            JobConfig config = config(llama, qwen, "refused", "in", "answers", notCompacted);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            assertThatThrownBy(() -> JobWiring.job(config, env))
                    .isInstanceOf(JournalRefusedException.class)
                    .hasMessage(
                            "journal topic "
                                    + notCompacted
                                    + " has cleanup.policy=delete, not compact: the response"
                                    + " journal needs a compacted topic, or its entries are deleted"
                                    + " after retention.ms and re-runs pay for the calls again."
                                    + " Compact it (kafka-configs.sh --alter --entity-type topics"
                                    + " --entity-name "
                                    + notCompacted
                                    + " --add-config cleanup.policy=compact) or name another topic"
                                    + " in sinks.kafka.journal_topic (a missing one is created"
                                    + " compacted)");
            assertThat(llama.requests() + qwen.requests()).isZero();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            // Bounded: a server thread must not outlive the test if the cancel never comes.
            latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
