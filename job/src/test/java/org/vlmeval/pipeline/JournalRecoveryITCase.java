package org.vlmeval.pipeline;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.sinks.store.StoreSink;
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
 * as a failure-free run leaves it, but for {@code reused} and measured latencies.
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

    static void run(EndpointsConfig endpoints, String topic, String schema, String failureId)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);
        StoreOptions store = TestPostgres.options(schema).batchSize(16).build();
        PipelineOptions options =
                PipelineOptions.builder(endpoints)
                        .windows(List.of(WindowSpec.tumbling(Duration.ofMinutes(1))))
                        .runId("journal-recovery")
                        .journal(failureId == null ? null : store)
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
                            var answers =
                                    failureId == null
                                            ? o.answers()
                                            : o.answers()
                                                    .map(
                                                            new FailureRecoveryITCase
                                                                    .FailOnceAfterCheckpoint(
                                                                    failureId, 30))
                                                    .name("inject-failure")
                                                    .uid("inject-failure");
                            StoreSink.attach(answers, o.metrics(), store, "");
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
            String failureId = "journal-recovery-" + failed;
            gate.holdAfter(failureId);
            run(endpoints(llama, qwen), topic, failed, failureId);
            assertThat(FailureRecoveryITCase.FailOnceAfterCheckpoint.FAILED.get(failureId))
                    .as("the injected failure happened after a completed checkpoint")
                    .isTrue();

            long reused =
                    TestPostgres.readAnswers(failed).stream().filter(AnswerRow::reused).count();
            int paidTwice = 0;
            for (ModelServer server : List.of(llama, qwen)) {
                for (int i = 0; i < QUESTIONS; i++) {
                    String q = "How many apples are there in picture " + i + "?";
                    assertThat(server.timesAsked(q)).as(q).isBetween(1, 2);
                    paidTwice += server.timesAsked(q) - 1;
                }
            }
            System.out.printf(
                    "JournalRecoveryITCase: calls seen llama=%d qwen=%d for %d questions each;"
                            + " paid twice %d; answers reused after the restore %d%n",
                    llama.requests(), qwen.requests(), QUESTIONS, paidTwice, reused);
            // Replayed events were answered from the journal, not by the servers ...
            assertThat(reused).as("answers reused after the restore").isPositive();
            // ... and at most the calls in flight at the failure were paid again.
            assertThat(paidTwice).isLessThanOrEqualTo(2 * MAX_CONCURRENCY);
        }

        // Everything but reused and the measured latencies as in the failure-free run.
        String[] measured = {"written_at", "latency_ms", "reused"};
        assertThat(TestPostgres.dump(failed, "answers", measured))
                .containsExactlyElementsOf(TestPostgres.dump(clean, "answers", measured));
    }
}
