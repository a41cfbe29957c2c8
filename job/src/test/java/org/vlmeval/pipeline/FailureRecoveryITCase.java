package org.vlmeval.pipeline;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.ModelFamily;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.sinks.kafka.KafkaOutput;
import org.vlmeval.sinks.store.StoreSink;
import org.vlmeval.sources.KafkaInput;
import org.vlmeval.store.StoreOptions;
import org.vlmeval.testing.FlinkCluster;
import org.vlmeval.testing.KafkaTestCluster;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;
import org.vlmeval.testing.TestPostgres;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once effect: the job reads a Kafka topic, asks two simulated model servers and writes the
 * store; a second run of the same input fails mid-stream (after a completed checkpoint), restarts
 * from that checkpoint — re-sending the calls that were in flight — and must leave the store
 * identical to the failure-free run. Measured latencies are the only columns allowed to differ.
 * Poison messages on the same topic land on the dead-letter topic with their positions.
 */
class FailureRecoveryITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkCluster.extension();

    static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");
    static final int QUESTIONS = 120;

    /** Both servers together answer half the failing run's questions freely (see AnswerGate). */
    static final AnswerGate GATE = new AnswerGate(QUESTIONS);

    static ModelServer llama;
    static ModelServer qwen;

    @BeforeAll
    static void servers() {
        // Even question numbers are answered right by llama, multiples of 3 by qwen. The gate
        // holds the failing run's later answers until the failure injector is armed.
        llama = new ModelServer(q -> gated(Reply.answer(answer(q, 2)).after(15)));
        qwen = new ModelServer(q -> gated(Reply.answer(answer(q, 3)).after(10)));
    }

    @AfterAll
    static void stop() {
        llama.close();
        qwen.close();
    }

    private static Reply gated(Reply reply) {
        GATE.pass();
        return reply;
    }

    static String answer(String question, int rightEvery) {
        int n = Integer.parseInt(question.replaceAll("\\D", ""));
        return (n % rightEvery == 0 ? n * 2 : n * 2 + 1) + " apples.";
    }

    static List<byte[]> events() {
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < QUESTIONS; i++) {
            String json =
                    "{\"id\":\"q"
                            + i
                            + "\",\"ts\":\""
                            + T0.plusSeconds(i * 5L)
                            + "\",\"category\":\""
                            + (i % 2 == 0 ? "even" : "odd")
                            + "\",\"question\":\"How many apples are there in picture "
                            + i
                            + "?\",\"reference\":{\"type\":\"numeric\",\"value\":"
                            + (i * 2)
                            + "}}";
            events.add(json.getBytes(StandardCharsets.UTF_8));
            if (i == 40) {
                events.add("not json".getBytes(StandardCharsets.UTF_8));
            }
        }
        return events;
    }

    static EndpointsConfig endpoints() {
        return new EndpointsConfig(
                "recovery",
                List.of(
                        EndpointConfig.builder("llama", Protocol.OPENAI, llama.openAiBaseUrl(), "l")
                                .family(ModelFamily.LLAMA_3_2_VISION)
                                .maxConcurrency(4)
                                .build(),
                        EndpointConfig.builder("qwen", Protocol.OLLAMA, qwen.ollamaBaseUrl(), "q")
                                .maxConcurrency(4)
                                .build()),
                null);
    }

    /** Runs the whole job once over the topic into {@code schema}; fails once if asked to. */
    static void run(String topic, String schema, String deadLetterTopic, String failureId)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(100, CheckpointingMode.EXACTLY_ONCE);
        PipelineOptions options =
                PipelineOptions.builder(endpoints())
                        .windows(List.of(WindowSpec.tumbling(Duration.ofMinutes(1))))
                        .runId("recovery")
                        .build();
        KafkaInput input =
                KafkaInput.builder()
                        .bootstrapServers(KafkaTestCluster.get().bootstrapServers())
                        .topic(topic)
                        .groupId(schema)
                        .startingOffsets("earliest")
                        .bounded(true)
                        .build();
        StoreOptions store = TestPostgres.options(schema).batchSize(16).build();
        KafkaOutput output =
                KafkaOutput.builder()
                        .bootstrapServers(KafkaTestCluster.get().bootstrapServers())
                        .answersTopic(topic + "-answers")
                        .deadLettersTopic(deadLetterTopic)
                        .build();
        new VlmEvalJob(
                        input.source(options.parser()),
                        o -> {
                            storeWithInjectedFailure(o, failureId, store);
                            o.deadLetters().sinkTo(output.deadLettersSink()).name("dlq").uid("dlq");
                        },
                        options)
                .build(env);
        env.execute("recovery-" + schema);
    }

    @Test
    void aFailureMidStreamLeavesTheSameStoreAsAFailureFreeRun() throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.get();
        String topic = kafka.freshTopic("recovery", 2);
        kafka.produce(topic, events());

        String clean = TestPostgres.freshSchema();
        String failed = TestPostgres.freshSchema();
        String cleanDlq = kafka.freshTopic("dlq-clean", 1);
        String failedDlq = kafka.freshTopic("dlq-failed", 1);
        run(topic, clean, cleanDlq, null);
        String failureId = "recovery-" + failed;
        GATE.holdAfter(failureId);
        run(topic, failed, failedDlq, failureId);

        assertThat(FailOnceAfterCheckpoint.FAILED.get(failureId))
                .as("the injected failure happened after a completed checkpoint")
                .isTrue();
        assertThat(TestPostgres.count(clean, "answers")).isEqualTo(2L * QUESTIONS);
        // Latencies are measured, so they differ between runs; everything else must not.
        String[] measured = {"written_at", "latency_ms"};
        String[] measuredWindows = {
            "written_at", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms"
        };
        assertThat(TestPostgres.dump(failed, "answers", measured))
                .containsExactlyElementsOf(TestPostgres.dump(clean, "answers", measured));
        assertThat(TestPostgres.dump(failed, "window_metrics", measuredWindows))
                .containsExactlyElementsOf(
                        TestPostgres.dump(clean, "window_metrics", measuredWindows));

        // The scores are what the servers answered: llama right on even numbers, qwen on
        // multiples of 3.
        assertThat(correct(failed, "llama")).isEqualTo(QUESTIONS / 2);
        assertThat(correct(failed, "qwen")).isEqualTo(QUESTIONS / 3);

        List<ConsumerRecord<byte[], byte[]>> dead =
                kafka.readAll(failedDlq, 1, Duration.ofSeconds(30));
        assertThat(dead).isNotEmpty();
        var letter = JsonCodec.MAPPER.readTree(dead.get(0).value());
        assertThat(letter.get("reason").asText()).isEqualTo(DeadLetter.INVALID_JSON);
        assertThat(letter.get("position").asText()).startsWith(topic + "-");
        assertThat(letter.get("payload").asText()).isEqualTo("not json");
    }

    static long correct(String schema, String endpoint) {
        return TestPostgres.rows(schema, "answers").stream()
                .filter(r -> endpoint.equals(r.get("endpoint")))
                .filter(r -> Boolean.TRUE.equals(r.get("correct")))
                .count();
    }

    /**
     * Throws once, in the first subtask that has passed {@code after} records and seen a completed
     * checkpoint, so the restart restores real state rather than starting from scratch. A subtask
     * that has seen a checkpoint complete after {@code after} records is <em>armed</em>: {@link
     * AnswerGate} holds the model servers' further answers until then, so the failure cannot miss
     * its moment however fast or slow the machine is.
     */
    /**
     * Sinks the answers into the store as {@code run} does, after a map that fails once after a
     * checkpoint when {@code failureId} is set. The map is chained (forward), so the job's promise
     * on its answers holds and the store sink is wired as in production.
     */
    static void storeWithInjectedFailure(JobOutputs o, String failureId, StoreOptions store) {
        DataStream<AnswerRow> answers =
                failureId == null
                        ? o.answers()
                        : o.answers()
                                .map(new FailOnceAfterCheckpoint(failureId, 30))
                                .name("inject-failure")
                                .uid("inject-failure");
        StoreSink.attachJobOutputs(
                new JobOutputs(answers, o.metrics(), o.deadLetters(), o.alerts(), o.judgements()),
                store,
                "");
    }

    static final class FailOnceAfterCheckpoint extends RichMapFunction<AnswerRow, AnswerRow>
            implements CheckpointListener {

        static final Map<String, AtomicBoolean> FAILED = new ConcurrentHashMap<>();
        static final Map<String, CountDownLatch> ARMED = new ConcurrentHashMap<>();

        private final String id;
        private final int after;
        private transient int seen;
        private transient boolean armed;

        FailOnceAfterCheckpoint(String id, int after) {
            this.id = id;
            this.after = after;
            FAILED.putIfAbsent(id, new AtomicBoolean());
            ARMED.putIfAbsent(id, new CountDownLatch(1));
        }

        @Override
        public void open(OpenContext openContext) {
            FAILED.putIfAbsent(id, new AtomicBoolean());
            ARMED.putIfAbsent(id, new CountDownLatch(1));
        }

        @Override
        public AnswerRow map(AnswerRow row) {
            seen++;
            if (armed && FAILED.get(id).compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after " + seen + " answers");
            }
            return row;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (seen >= after) {
                armed = true;
                ARMED.get(id).countDown();
            }
        }
    }

    /**
     * Lets the model servers answer the first {@code free} requests of a failing run at full speed,
     * then, until a {@link FailOnceAfterCheckpoint} subtask is armed, one request at a time and
     * each only after waiting up to {@link #HOLD} for the arming. With {@code free} at least twice
     * the injector's threshold per subtask, some subtask is bound to reach the threshold, and the
     * held remainder of the stream lasts long enough (120 requests × 250 ms = 30 s) for a
     * checkpoint to complete, so the failure cannot miss its moment on a slow machine; once armed,
     * nothing waits.
     *
     * <p>Why not hold the answers until armed: in Flink 2.2 an async operator whose queue is full
     * cannot take an unaligned checkpoint (fixed upstream by FLINK-39835), so a checkpoint would
     * never complete while every call is held. Each answer released frees a slot for the barrier.
     * Open (holds nothing) until {@link #holdAfter} is called.
     */
    static final class AnswerGate {

        static final Duration HOLD = Duration.ofMillis(250);

        private final int free;
        private final AtomicInteger passed = new AtomicInteger();
        private volatile String failureId;

        AnswerGate(int free) {
            this.free = free;
        }

        /**
         * From now on, requests past the first {@code free} are held until {@code failureId} arms.
         */
        void holdAfter(String failureId) {
            FailOnceAfterCheckpoint.ARMED.putIfAbsent(failureId, new CountDownLatch(1));
            passed.set(0);
            this.failureId = failureId;
        }

        /** Called by a server's script before it replies. */
        void pass() {
            String id = failureId;
            if (id == null || passed.incrementAndGet() <= free) {
                return;
            }
            CountDownLatch armed = FailOnceAfterCheckpoint.ARMED.get(id);
            if (armed.getCount() == 0) {
                return;
            }
            synchronized (this) {
                try {
                    armed.await(HOLD.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while holding an answer", e);
                }
            }
        }
    }
}
