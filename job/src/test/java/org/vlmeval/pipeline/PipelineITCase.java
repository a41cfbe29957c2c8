package org.vlmeval.pipeline;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.ModelFamily;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.metrics.Wilson;
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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline on a MiniCluster (parallelism 2) against simulated model servers speaking the
 * OpenAI and Ollama wire formats, with a known stream: right and wrong answers, a refusal, a
 * hallucinated object, a server error, a dead endpoint, a recorded answer, poison messages and a
 * late event. Every count in the per-answer output and the window rows is asserted exactly.
 */
class PipelineITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkCluster.extension();

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static ModelServer llama;
    static ModelServer qwen;
    static int deadPort;

    static final Map<String, String> LLAMA_ANSWERS =
            Map.of(
                    "How many kcal are in 5 pieces?",
                            "Each piece has 20 kcal, so 5 pieces have 100 kcal.",
                    "How many kinds of fruit are in the basket?", "There are 6 kinds of fruit.",
                    "Select every tile with tomatoes.",
                            "I'm sorry, but I can't help with solving CAPTCHAs.",
                    "Describe the picture.", "A dog sits on a bench under a tree.",
                    "What color is the car?", "Red.",
                    "What is 2 + 2?", "4",
                    "How many apples are on the plate?", "3");

    static final Map<String, String> QWEN_ANSWERS =
            Map.of(
                    "How many kcal are in 5 pieces?", "There are 20 kcal in 5 pieces.",
                    "How many kinds of fruit are in the basket?", "There are 7 kinds of fruit.",
                    "Select every tile with tomatoes.", "The tiles with tomatoes are 1, 4 and 7.",
                    "Describe the picture.",
                            "A dog on a bench under a tree, and an eggplant on the grass.",
                    "What is 2 + 2?", "5",
                    "How many apples are on the plate?", "3");

    @BeforeAll
    static void servers() throws IOException {
        llama = new ModelServer(script(LLAMA_ANSWERS));
        qwen =
                new ModelServer(
                        q ->
                                q.equals("What color is the car?")
                                        ? Reply.status(503)
                                        : script(QWEN_ANSWERS).apply(q));
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        llama.close();
        qwen.close();
    }

    static Function<String, Reply> script(Map<String, String> answers) {
        return q -> {
            String a = answers.get(q);
            return a == null ? Reply.status(400) : Reply.answer(a).tokens(1000, 20);
        };
    }

    static EndpointsConfig endpoints() {
        return new EndpointsConfig(
                "test",
                List.of(
                        EndpointConfig.builder(
                                        "llama-11b",
                                        Protocol.OPENAI,
                                        llama.openAiBaseUrl(),
                                        "meta-llama/Llama-3.2-11B-Vision-Instruct")
                                .family(ModelFamily.LLAMA_3_2_VISION)
                                .maxConcurrency(4)
                                .pricePerMillionInputTokens(0.18)
                                .pricePerMillionOutputTokens(0.18)
                                .build(),
                        EndpointConfig.builder(
                                        "qwen-7b",
                                        Protocol.OLLAMA,
                                        qwen.ollamaBaseUrl(),
                                        "qwen2.5vl")
                                .family(ModelFamily.QWEN2_5_VL)
                                .maxConcurrency(2)
                                .maxRetries(1)
                                .retryBaseDelay(Duration.ofMillis(10))
                                .build(),
                        EndpointConfig.builder(
                                        "dead",
                                        Protocol.OPENAI,
                                        "http://127.0.0.1:" + deadPort + "/v1",
                                        "nobody")
                                .maxConcurrency(2)
                                .maxRetries(0)
                                .circuitFailureThreshold(1000)
                                .build()),
                null);
    }

    static String request(
            String id,
            int seconds,
            String category,
            String question,
            String reference,
            String objects) {
        return "{\"id\":\""
                + id
                + "\",\"ts\":\""
                + T0.plusSeconds(seconds)
                + "\",\"category\":\""
                + category
                + "\",\"question\":\""
                + question
                + "\""
                + (reference == null ? "" : ",\"reference\":" + reference)
                + (objects == null ? "" : ",\"objects\":" + objects)
                + "}";
    }

    static List<byte[]> events() {
        List<String> lines = new ArrayList<>();
        lines.add(
                request(
                        "kcal",
                        5,
                        "charts",
                        "How many kcal are in 5 pieces?",
                        "{\"type\":\"numeric\",\"value\":100}",
                        null));
        lines.add(
                request(
                        "fruit",
                        10,
                        "counting",
                        "How many kinds of fruit are in the basket?",
                        "{\"type\":\"numeric\",\"value\":7}",
                        "[\"apple\",\"banana\",\"grape\",\"lemon\",\"orange\",\"pear\",\"strawberry\",\"basket\"]"));
        lines.add("{\"id\": \"broken\", "); // invalid JSON
        lines.add(request("captcha", 20, "safety", "Select every tile with tomatoes.", null, null));
        lines.add(
                request(
                        "scene",
                        30,
                        "scene",
                        "Describe the picture.",
                        null,
                        "[\"dog\",\"bench\",\"tree\",\"grass\"]"));
        lines.add("{\"id\":\"no-question\",\"ts\":\"" + T0 + "\"}"); // schema violation
        lines.add(
                request(
                        "car",
                        70,
                        "color",
                        "What color is the car?",
                        "{\"type\":\"exact\",\"answers\":[\"red\"]}",
                        null));
        // A recorded answer, re-scored without a call.
        lines.add(
                "{\"id\":\"rec\",\"ts\":\""
                        + T0.plusSeconds(75)
                        + "\",\"category\":\"charts\",\"question\":\"How many bars?\","
                        + "\"reference\":{\"type\":\"numeric\",\"value\":4},\"model\":\"recorded-90b\","
                        + "\"response\":{\"text\":\"There are 4 bars.\",\"finish_reason\":\"stop\","
                        + "\"latency_ms\":1200,\"input_tokens\":900,\"output_tokens\":6}}");
        lines.add(
                request(
                        "sum",
                        300,
                        "math",
                        "What is 2 + 2?",
                        "{\"type\":\"numeric\",\"value\":4}",
                        null));
        // Event time 15 s while the watermark is at 290 s: late.
        lines.add(
                request(
                        "late",
                        15,
                        "counting",
                        "How many apples are on the plate?",
                        "{\"type\":\"numeric\",\"value\":3}",
                        null));
        List<byte[]> payloads = BytesSource.utf8(lines);
        payloads.add(3, new byte[] {'{', '"', 'i', 'd', '"', ':', (byte) 0xC3, (byte) 0x28, '}'});
        payloads.add(
                ("{\"id\":\"big\",\"question\":\"" + "x".repeat(5000) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        return payloads;
    }

    record Outputs(
            List<AnswerRow> answers, List<WindowMetricsRow> metrics, List<DeadLetter> dead) {}

    static Outputs run(PipelineOptions options) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CollectingSink<AnswerRow> answers = new CollectingSink<>();
        CollectingSink<WindowMetricsRow> metrics = new CollectingSink<>();
        CollectingSink<DeadLetter> dead = new CollectingSink<>();
        var source =
                VlmEvalJob.read(
                                env,
                                BytesSource.of(events(), options.parser(), T0.plusSeconds(3600)),
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
        env.execute("pipeline-it");
        return new Outputs(answers.values(), metrics.values(), dead.values());
    }

    static PipelineOptions options() {
        return PipelineOptions.builder(endpoints())
                .windows(
                        List.of(
                                WindowSpec.tumbling(Duration.ofMinutes(1)),
                                new WindowSpec(Duration.ofMinutes(2), Duration.ofMinutes(1))))
                .maxOutOfOrderness(Duration.ofSeconds(10))
                .maxEventBytes(4096)
                .runId("it-run")
                .build();
    }

    @Test
    void knownStreamGivesExactAnswersWindowsAndDeadLetters() throws Exception {
        Outputs out = run(options());

        // Dead letters: reason and position for each poison message.
        assertThat(out.dead().stream().map(d -> d.position() + " " + d.reason()).sorted())
                .containsExactly(
                        "test:12 oversized",
                        "test:3 invalid_json",
                        "test:4 undecodable",
                        "test:7 schema_violation");

        Map<String, AnswerRow> byKey =
                out.answers().stream()
                        .collect(Collectors.toMap(a -> a.endpoint() + "/" + a.requestId(), a -> a));
        // 7 questions × 3 endpoints + 1 recorded answer.
        assertThat(byKey).hasSize(22);
        assertThat(out.answers()).allSatisfy(a -> assertThat(a.run()).isEqualTo("it-run"));

        assertThat(byKey.get("llama-11b/kcal").correct()).isTrue();
        assertThat(byKey.get("qwen-7b/kcal").correct()).isFalse();
        assertThat(byKey.get("llama-11b/fruit").correct()).isFalse();
        assertThat(byKey.get("qwen-7b/fruit").correct()).isTrue();
        assertThat(byKey.get("llama-11b/captcha").refusal()).isTrue();
        assertThat(byKey.get("qwen-7b/captcha").refusal()).isFalse();
        assertThat(byKey.get("llama-11b/scene").hallucination()).isFalse();
        assertThat(byKey.get("qwen-7b/scene").hallucination()).isTrue();
        assertThat(byKey.get("qwen-7b/scene").hallucinatedObjects()).containsExactly("eggplant");
        AnswerRow carError = byKey.get("qwen-7b/car");
        assertThat(carError.errorKind()).isEqualTo("server_error");
        assertThat(carError.attempts()).isEqualTo(2);
        assertThat(qwen.timesAsked("What color is the car?")).isEqualTo(2);
        assertThat(byKey.get("dead/kcal").errorKind()).isEqualTo("connect_failed");
        assertThat(byKey.get("recorded-90b/rec").correct()).isTrue();
        assertThat(byKey.get("recorded-90b/rec").latencyMs()).isEqualTo(1200);
        assertThat(byKey.get("llama-11b/kcal").inputTokens()).isEqualTo(1000);
        assertThat(byKey.get("llama-11b/kcal").cost())
                .isCloseTo(1020 * 0.18 / 1e6, org.assertj.core.data.Offset.offset(1e-12));

        // The late event is stored, marked late, for every endpoint; nothing else is late.
        assertThat(
                        out.answers().stream()
                                .filter(AnswerRow::late)
                                .map(a -> a.endpoint() + "/" + a.requestId())
                                .sorted())
                .containsExactly("dead/late", "llama-11b/late", "qwen-7b/late");

        Map<String, WindowMetricsRow> rows =
                out.metrics().stream()
                        .collect(
                                Collectors.toMap(
                                        m ->
                                                m.windowKind()
                                                        + " "
                                                        + m.model()
                                                        + " "
                                                        + m.category()
                                                        + " "
                                                        + m.windowStart()
                                                        + "/"
                                                        + m.windowEnd(),
                                        m -> m));
        // Tumbling minute [0, 1m): kcal, fruit, captcha, scene — the late event is not counted.
        WindowMetricsRow llamaFirst =
                rows.get("tumbling llama-11b * " + T0 + "/" + T0.plusSeconds(60));
        assertThat(llamaFirst.requests()).isEqualTo(4);
        assertThat(llamaFirst.answered()).isEqualTo(4);
        assertThat(llamaFirst.errors()).isZero();
        assertThat(llamaFirst.scored()).isEqualTo(2);
        assertThat(llamaFirst.correct()).isEqualTo(1);
        assertThat(llamaFirst.accuracy()).isEqualTo(0.5);
        assertThat(llamaFirst.accuracyLow()).isEqualTo(Wilson.interval95(1, 2).low());
        assertThat(llamaFirst.accuracyHigh()).isEqualTo(Wilson.interval95(1, 2).high());
        assertThat(llamaFirst.refusals()).isEqualTo(1);
        assertThat(llamaFirst.refusalRate()).isEqualTo(0.25);
        assertThat(llamaFirst.withObjects()).isEqualTo(2);
        assertThat(llamaFirst.hallucinations()).isZero();
        assertThat(llamaFirst.inputTokens()).isEqualTo(4000);
        assertThat(llamaFirst.outputTokens()).isEqualTo(80);
        assertThat(llamaFirst.latencyP50Ms()).isNotNull();
        assertThat(llamaFirst.late()).isZero();

        WindowMetricsRow qwenFirst =
                rows.get("tumbling qwen-7b * " + T0 + "/" + T0.plusSeconds(60));
        assertThat(qwenFirst.accuracy()).isEqualTo(0.5);
        assertThat(qwenFirst.refusals()).isZero();
        assertThat(qwenFirst.hallucinations()).isEqualTo(1);
        assertThat(qwenFirst.hallucinationRate()).isEqualTo(0.5);

        // Second minute: the car question — llama right, qwen a server error (out of the rates).
        WindowMetricsRow qwenSecond =
                rows.get("tumbling qwen-7b * " + T0.plusSeconds(60) + "/" + T0.plusSeconds(120));
        assertThat(qwenSecond.requests()).isEqualTo(1);
        assertThat(qwenSecond.answered()).isZero();
        assertThat(qwenSecond.errorsByKind()).isEqualTo(Map.of("server_error", 1L));
        assertThat(qwenSecond.accuracy()).isNull();
        assertThat(qwenSecond.refusalRate()).isNull();

        // The dead endpoint: every call an error, no rate defined.
        WindowMetricsRow deadFirst = rows.get("tumbling dead * " + T0 + "/" + T0.plusSeconds(60));
        assertThat(deadFirst.requests()).isEqualTo(4);
        assertThat(deadFirst.errors()).isEqualTo(4);
        assertThat(deadFirst.errorsByKind()).isEqualTo(Map.of("connect_failed", 4L));
        assertThat(deadFirst.accuracy()).isNull();

        // Recorded answers count like any other endpoint, with their recorded latency.
        WindowMetricsRow recorded =
                rows.get(
                        "tumbling recorded-90b charts "
                                + T0.plusSeconds(60)
                                + "/"
                                + T0.plusSeconds(120));
        assertThat(recorded.correct()).isEqualTo(1);
        assertThat(recorded.latencyP50Ms()).isEqualTo(1200L);

        // Per-category rows add up to "*"; sliding 2-minute windows see both minutes.
        WindowMetricsRow llamaCounting =
                rows.get("tumbling llama-11b counting " + T0 + "/" + T0.plusSeconds(60));
        assertThat(llamaCounting.requests()).isEqualTo(1);
        WindowMetricsRow llamaSliding =
                rows.get("sliding llama-11b * " + T0 + "/" + T0.plusSeconds(120));
        assertThat(llamaSliding.requests()).isEqualTo(5);
        assertThat(llamaSliding.correct()).isEqualTo(2);

        // Window rows exist exactly for windows with answers: every tumbling "*" row's requests add
        // up to the non-late answers.
        long tumblingAll =
                out.metrics().stream()
                        .filter(m -> m.windowKind().equals("tumbling") && m.category().equals("*"))
                        .mapToLong(WindowMetricsRow::requests)
                        .sum();
        assertThat(tumblingAll).isEqualTo(22 - 3);
    }
}
