package org.vlmeval.pipeline;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.testing.BytesSource;
import org.vlmeval.testing.CollectingSink;
import org.vlmeval.testing.FlinkCluster;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An at-least-once producer on the MiniCluster (parallelism 2, the key-by spreading keys over both
 * subtasks): every event of a stream is delivered twice — the whole stream, then all of it again —
 * plus one conflicting duplicate and requests naming unknown endpoints. Each (request, endpoint) is
 * asked exactly once, the windows count each answer once, and the dead letters are exactly the
 * conflict and the unknown names.
 */
class DedupITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkCluster.extension();

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final int QUESTIONS = 12;

    static ModelServer llama;
    static ModelServer qwen;

    @BeforeEach
    void servers() {
        llama = new ModelServer(q -> Reply.answer("4"));
        qwen = new ModelServer(q -> Reply.answer("5"));
    }

    @AfterEach
    void stop() {
        llama.close();
        qwen.close();
    }

    static EndpointsConfig endpoints() {
        return new EndpointsConfig(
                "test",
                List.of(
                        EndpointConfig.builder("llama", Protocol.OPENAI, llama.openAiBaseUrl(), "l")
                                .maxConcurrency(4)
                                .build(),
                        EndpointConfig.builder("qwen", Protocol.OLLAMA, qwen.ollamaBaseUrl(), "q")
                                .maxConcurrency(4)
                                .build()),
                null);
    }

    static String request(String id, int seconds, String question, String models) {
        return "{\"id\":\""
                + id
                + "\",\"ts\":\""
                + T0.plusSeconds(seconds)
                + "\",\"category\":\"math\",\"question\":\""
                + question
                + "\",\"reference\":{\"type\":\"numeric\",\"value\":4}"
                + (models == null ? "" : ",\"models\":" + models)
                + "}";
    }

    static String text(int i) {
        return "What is question " + i + "?";
    }

    /** The stream one producer meant to send, in event-time order over two minutes. */
    static List<String> stream() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < QUESTIONS; i++) {
            lines.add(request("q" + i, 10 * i, text(i), null));
        }
        // Asks llama (known) and "lama" (a typo): llama is still asked.
        lines.add(request("typo", 111, "Is this a typo?", "[\"llama\",\"lama\"]"));
        // Names only a retired model: no answer.
        lines.add(request("retired", 112, "Anyone there?", "[\"gpt-9\"]"));
        // A recorded answer: re-scored, counted in the windows like the others.
        lines.add(
                "{\"id\":\"rec\",\"ts\":\""
                        + T0.plusSeconds(113)
                        + "\",\"question\":\"How many bars?\","
                        + "\"reference\":{\"type\":\"numeric\",\"value\":4},\"model\":\"old-90b\","
                        + "\"response\":{\"text\":\"4\",\"latency_ms\":900}}");
        return lines;
    }

    record Outputs(
            List<AnswerRow> answers, List<WindowMetricsRow> metrics, List<DeadLetter> dead) {}

    /** The job's steps in {@link VlmEvalJob#build}'s order, the source at parallelism 1. */
    static Outputs run(List<String> lines, PipelineOptions options) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CollectingSink<AnswerRow> answers = new CollectingSink<>();
        CollectingSink<WindowMetricsRow> metrics = new CollectingSink<>();
        CollectingSink<DeadLetter> dead = new CollectingSink<>();
        var source =
                VlmEvalJob.read(
                                env,
                                BytesSource.of(
                                        BytesSource.utf8(lines),
                                        options.parser(),
                                        T0.plusSeconds(3600)),
                                options)
                        .setParallelism(1);
        VlmEvalJob.Routed routed =
                VlmEvalJob.checkEndpoints(
                        VlmEvalJob.dedup(VlmEvalJob.route(source), options), options);
        var results = VlmEvalJob.ask(routed.questions(), options);
        var scored = VlmEvalJob.score(results.union(routed.recorded()));
        scored.sinkTo(answers);
        VlmEvalJob.windowMetrics(scored, options).sinkTo(metrics);
        routed.deadLetters().sinkTo(dead);
        env.execute("dedup-it");
        return new Outputs(answers.values(), metrics.values(), dead.values());
    }

    static PipelineOptions.Builder options() {
        return PipelineOptions.builder(endpoints())
                .windows(List.of(WindowSpec.tumbling(Duration.ofMinutes(1))))
                .maxOutOfOrderness(Duration.ofSeconds(5))
                .runId("dedup-run");
    }

    @Test
    void everyEventSentTwiceIsAskedAndCountedOnce() throws Exception {
        List<String> lines = new ArrayList<>(stream());
        int once = lines.size();
        lines.addAll(stream());
        // The id q3 reused for another question, after both deliveries of the real q3.
        lines.add(request("q3", 30, "What is something else?", null));

        Outputs out = run(lines, options().build());

        // The servers saw each (request, endpoint) exactly once.
        for (int i = 0; i < QUESTIONS; i++) {
            assertThat(llama.timesAsked(text(i))).as("llama asked %s", text(i)).isEqualTo(1);
            assertThat(qwen.timesAsked(text(i))).as("qwen asked %s", text(i)).isEqualTo(1);
        }
        assertThat(llama.timesAsked("Is this a typo?")).isEqualTo(1);
        assertThat(qwen.timesAsked("Is this a typo?")).isZero();
        assertThat(llama.timesAsked("Anyone there?") + qwen.timesAsked("Anyone there?")).isZero();
        assertThat(llama.timesAsked("What is something else?")).isZero();
        assertThat(llama.requests()).isEqualTo(QUESTIONS + 1);
        assertThat(qwen.requests()).isEqualTo(QUESTIONS);

        // One answer per (request, endpoint): 12 × 2 + typo on llama + the recorded answer.
        assertThat(out.answers())
                .extracting(a -> a.endpoint() + "/" + a.requestId())
                .doesNotHaveDuplicates()
                .hasSize(2 * QUESTIONS + 2)
                .contains("llama/typo", "old-90b/rec")
                .doesNotContain("qwen/typo", "llama/retired", "qwen/retired");
        assertThat(out.answers()).noneMatch(AnswerRow::late);

        // The windows count each answer once: requests add up to the answers.
        List<WindowMetricsRow> all =
                out.metrics().stream().filter(m -> m.category().equals("*")).toList();
        assertThat(all.stream().mapToLong(WindowMetricsRow::requests).sum())
                .isEqualTo(out.answers().size());
        assertThat(all)
                .extracting(m -> m.model() + " " + m.windowStart() + " " + m.requests())
                .containsExactlyInAnyOrder(
                        // q0..q5 (0-50 s), then q6..q11 (60-110 s) and typo (111 s).
                        "llama " + T0 + " 6",
                        "llama " + T0.plusSeconds(60) + " 7",
                        "qwen " + T0 + " 6",
                        "qwen " + T0.plusSeconds(60) + " 6",
                        "old-90b " + T0.plusSeconds(60) + " 1");

        // Dead letters: exactly the conflict and the two unknown names (not repeated for the
        // second delivery of their requests).
        String conflictAt = "test:" + (2 * once + 1);
        assertThat(out.dead())
                .extracting(d -> d.position() + " " + d.reason() + " " + d.detail())
                .containsExactlyInAnyOrder(
                        "test:13 unknown_endpoint request 'typo' of run 'dedup-run' names"
                                + " endpoint 'lama', which is not configured (configured:"
                                + " llama, qwen)",
                        "test:14 unknown_endpoint request 'retired' of run 'dedup-run' names"
                                + " endpoint 'gpt-9', which is not configured (configured:"
                                + " llama, qwen)",
                        conflictAt
                                + " conflicting_duplicate request 'q3' of run 'dedup-run' was"
                                + " first read at test:4 with different content; the first"
                                + " one counts");
        assertThat(once).as("positions above assume 15 events per stream").isEqualTo(15);
    }

    /** The same stream with {@code dedup_ttl: 0s}: what the test above guards against. */
    @Test
    void withDeduplicationOffEveryDeliveryIsAsked() throws Exception {
        List<String> lines = new ArrayList<>(stream());
        lines.addAll(stream());

        Outputs out = run(lines, options().dedupTtl(Duration.ZERO).build());

        assertThat(llama.timesAsked(text(0))).isEqualTo(2);
        assertThat(llama.requests()).isEqualTo(2 * (QUESTIONS + 1));
        // The second deliveries are late here (behind the watermark), so they miss the windows,
        // but each is asked, paid for and answered again; unknown names are reported twice.
        assertThat(out.answers()).hasSize(2 * (2 * QUESTIONS + 2));
        assertThat(out.dead())
                .extracting(DeadLetter::reason)
                .containsOnly(DeadLetter.UNKNOWN_ENDPOINT)
                .hasSize(4);
    }
}
