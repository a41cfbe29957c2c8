package org.vlmeval.pipeline;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.journal.JournalBackend;
import org.vlmeval.journal.KafkaJournalOptions;
import org.vlmeval.journal.PostgresJournal;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.sources.KafkaInput;
import org.vlmeval.store.StoreOptions;
import org.vlmeval.testing.FlinkCluster;
import org.vlmeval.testing.KafkaTestCluster;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;
import org.vlmeval.testing.TestPostgres;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response journal through a failure: the job of {@link FailureRecoveryITCase} with the journal
 * in the store's database fails once after a completed checkpoint and restarts from it. Every event
 * read since that checkpoint is asked again, and the calls in flight are re-sent; with the journal
 * they are answered from it, so the servers are paid once per (request, endpoint) — except for
 * calls that were in flight at the failure (the request reached the server, but the answer was not
 * yet journalled when the task was cancelled): at most the endpoints' concurrency. The store ends
 * as a failure-free run leaves it, but for {@code reused} and measured latencies. The same failure
 * with the journal in a compacted Kafka topic ({@code KafkaJournal}) pays no more.
 */
class JournalRecoveryITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkCluster.extension();

    static final int QUESTIONS = FailureRecoveryITCase.QUESTIONS;
    static final int MAX_CONCURRENCY = 4;

    static EndpointsConfig endpoints(ModelServer llama, ModelServer qwen) {
        return new EndpointsConfig(
                "journal-recovery",
                List.of(
                        EndpointConfig.builder("llama", Protocol.OPENAI, llama.openAiBaseUrl(), "l")
                                .maxConcurrency(MAX_CONCURRENCY)
                                .build(),
                        EndpointConfig.builder("qwen", Protocol.OLLAMA, qwen.ollamaBaseUrl(), "q")
                                .maxConcurrency(MAX_CONCURRENCY)
                                .build()),
                null);
    }

    /** Runs the job into {@code schema}; with a {@code failureId}, journalled in the store. */
    static void run(EndpointsConfig endpoints, String topic, String schema, String failureId)
            throws Exception {
        run(
                endpoints,
                topic,
                schema,
                failureId,
                failureId == null ? null : PostgresJournal.backend(storeOptions(schema)));
    }

    static StoreOptions storeOptions(String schema) {
        return TestPostgres.options(schema).batchSize(16).build();
    }

    /**
     * Runs the job into {@code schema} with {@code journal} (null for none); fails once after a
     * checkpoint when {@code failureId} is not null.
     */
    static void run(
            EndpointsConfig endpoints,
            String topic,
            String schema,
            String failureId,
            JournalBackend journal)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);
        StoreOptions store = storeOptions(schema);
        PipelineOptions options =
                PipelineOptions.builder(endpoints)
                        .windows(List.of(WindowSpec.tumbling(Duration.ofMinutes(1))))
                        .runId("journal-recovery")
                        .journal(journal)
                        .build();
        KafkaInput input =
                KafkaInput.builder()
                        .bootstrapServers(KafkaTestCluster.get().bootstrapServers())
                        .topic(topic)
                        .groupId(schema)
                        .startingOffsets("earliest")
                        .bounded(true)
                        .build();
        new VlmEvalJob(
                        input.source(options.parser()),
                        o -> {
                            FailureRecoveryITCase.storeWithInjectedFailure(o, failureId, store);
                        },
                        options)
                .build(env);
        env.execute("journal-recovery-" + schema);
    }

    @Test
    void aFailureAfterACheckpointDoesNotPayForTheReplayedEventsAgain() throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.get();
        String topic = kafka.freshTopic("journal-recovery", 2);
        kafka.produce(topic, FailureRecoveryITCase.events());
        String clean = TestPostgres.freshSchema();
        String failed = TestPostgres.freshSchema();

        try (ModelServer llama =
                        new ModelServer(
                                q -> Reply.answer(FailureRecoveryITCase.answer(q, 2)).after(15));
                ModelServer qwen =
                        new ModelServer(
                                q -> Reply.answer(FailureRecoveryITCase.answer(q, 3)).after(10))) {
            EndpointsConfig endpoints = endpoints(llama, qwen);
            // The reference: no journal, no failure.
            run(endpoints, topic, clean, null);
            assertThat(llama.requests()).isEqualTo(QUESTIONS);
            assertThat(qwen.requests()).isEqualTo(QUESTIONS);
        }

        failingRun(topic, failed, PostgresJournal.backend(storeOptions(failed)));

        // Everything but reused and the measured latencies as in the failure-free run.
        String[] measured = {"written_at", "latency_ms", "reused"};
        assertThat(TestPostgres.dump(failed, "answers", measured))
                .containsExactlyElementsOf(TestPostgres.dump(clean, "answers", measured));
    }

    /**
     * The failing run into {@code schema} with {@code journal}: asserts that it failed after a
     * checkpoint, that answers were reused after the restore, and that at most the calls in flight
     * at the failure were paid twice.
     */
    static void failingRun(String topic, String schema, JournalBackend journal) throws Exception {
        // The failing run's later answers wait until the failure injector is armed.
        FailureRecoveryITCase.AnswerGate gate = new FailureRecoveryITCase.AnswerGate(QUESTIONS);
        try (ModelServer llama =
                        new ModelServer(
                                q -> {
                                    gate.pass();
                                    return Reply.answer(FailureRecoveryITCase.answer(q, 2))
                                            .after(15);
                                });
                ModelServer qwen =
                        new ModelServer(
                                q -> {
                                    gate.pass();
                                    return Reply.answer(FailureRecoveryITCase.answer(q, 3))
                                            .after(10);
                                })) {
            String failureId = "journal-recovery-" + schema;
            gate.holdAfter(failureId);
            run(endpoints(llama, qwen), topic, schema, failureId, journal);
            assertThat(FailureRecoveryITCase.FailOnceAfterCheckpoint.FAILED.get(failureId))
                    .as("the injected failure happened after a completed checkpoint")
                    .isTrue();

            long reused =
                    TestPostgres.readAnswers(schema).stream().filter(AnswerRow::reused).count();
            int paidTwice = 0;
            for (ModelServer server : List.of(llama, qwen)) {
                for (int i = 0; i < QUESTIONS; i++) {
                    String q = "How many apples are there in picture " + i + "?";
                    assertThat(server.timesAsked(q)).as(q).isBetween(1, 2);
                    paidTwice += server.timesAsked(q) - 1;
                }
            }
            System.out.printf(
                    "JournalRecoveryITCase (%s): calls seen llama=%d qwen=%d for %d questions"
                            + " each; paid twice %d; answers reused after the restore %d%n",
                    journal.getClass().getSimpleName(),
                    llama.requests(),
                    qwen.requests(),
                    QUESTIONS,
                    paidTwice,
                    reused);
            // Replayed events were answered from the journal, not by the servers ...
            assertThat(reused).as("answers reused after the restore").isPositive();
            // ... and at most the calls in flight at the failure were paid again.
            assertThat(paidTwice).isLessThanOrEqualTo(2 * MAX_CONCURRENCY);
        }
    }

    @Test
    void withTheKafkaJournalAFailureAfterACheckpointDoesNotPayForTheReplayedEventsAgain()
            throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.get();
        String topic = kafka.freshTopic("journal-recovery-kafka", 2);
        kafka.produce(topic, FailureRecoveryITCase.events());
        String failed = TestPostgres.freshSchema();
        failingRun(
                topic,
                failed,
                new KafkaJournalOptions(kafka.bootstrapServers(), topic + "-journal"));
        // Every answer once, with the scores the servers' answers deserve.
        assertThat(TestPostgres.count(failed, "answers")).isEqualTo(2L * QUESTIONS);
        assertThat(FailureRecoveryITCase.correct(failed, "llama")).isEqualTo(QUESTIONS / 2);
        assertThat(FailureRecoveryITCase.correct(failed, "qwen")).isEqualTo(QUESTIONS / 3);
    }
}
