package org.vlmeval.cli;

import org.vlmeval.model.JsonCodec;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vlm-eval replay} end to end: a corpus generated here (not in the repository) against a
 * model server whose behaviour is drawn at random per question — right, wrong, refusal or HTTP 500
 * — and which records what it answered. The summary.json the replay writes must match, number for
 * number, what that server did.
 */
class ReplayCommandITCase {

    enum Behaviour {
        RIGHT,
        WRONG,
        REFUSE,
        FAIL
    }

    @Test
    void summaryMatchesExactlyWhatTheServerAnswered(@TempDir Path dir) throws Exception {
        Random random = new Random(20261127);
        int questions = 80;
        Map<String, Behaviour> plan = new TreeMap<>();
        Map<String, Integer> values = new ConcurrentHashMap<>();
        List<String> corpus = new ArrayList<>();
        String[] categories = {"counting", "charts", "ocr"};
        for (int i = 0; i < questions; i++) {
            String question = "How many items are in box " + i + "?";
            int value = random.nextInt(1000);
            Behaviour b = Behaviour.values()[random.nextInt(Behaviour.values().length)];
            plan.put(question, b);
            values.put(question, value);
            corpus.add(
                    "{\"id\":\"box-"
                            + i
                            + "\",\"ts\":\"2026-03-01T10:"
                            + String.format("%02d", i % 60)
                            + ":00Z\",\"category\":\""
                            + categories[i % 3]
                            + "\",\"question\":\""
                            + question
                            + "\",\"reference\":{\"type\":\"numeric\",\"value\":"
                            + value
                            + "}}");
        }
        Map<String, Behaviour> answered = new ConcurrentHashMap<>();
        try (ModelServer server =
                new ModelServer(
                        q -> {
                            Behaviour b = plan.get(q);
                            answered.put(q, b);
                            int v = values.get(q);
                            return switch (b) {
                                case RIGHT ->
                                        Reply.answer("There are " + v + " items.").tokens(500, 7);
                                case WRONG ->
                                        Reply.answer("There are " + (v + 1) + " items.")
                                                .tokens(500, 7);
                                case REFUSE ->
                                        Reply.answer(
                                                        "I'm sorry, but I can't help with that request.")
                                                .tokens(500, 12);
                                case FAIL -> Reply.status(500);
                            };
                        })) {
            Path corpusFile = dir.resolve("corpus.jsonl");
            Files.write(corpusFile, corpus, StandardCharsets.UTF_8);
            Path endpoints = dir.resolve("endpoints.yaml");
            Files.writeString(
                    endpoints,
                    "endpoints:\n"
                            + "  - name: model-a\n"
                            + "    protocol: openai\n"
                            + "    base_url: "
                            + server.openAiBaseUrl()
                            + "\n    model: model-a\n"
                            + "    max_concurrency: 8\n"
                            + "    max_retries: 1\n"
                            + "    retry_base_delay: 10ms\n"
                            + "    circuit_failure_threshold: 1000\n"
                            + "    price_per_million_input_tokens: 2.0\n"
                            + "    price_per_million_output_tokens: 10.0\n");
            Path out = dir.resolve("out");
            int exit =
                    VlmEval.run(
                            "replay",
                            "--corpus",
                            corpusFile.toString(),
                            "--endpoints",
                            endpoints.toString(),
                            "--out",
                            out.toString(),
                            "--run-id",
                            "unseen",
                            "--window",
                            "1m");
            assertThat(exit).isZero();

            long right = count(plan, Behaviour.RIGHT);
            long wrong = count(plan, Behaviour.WRONG);
            long refused = count(plan, Behaviour.REFUSE);
            long failed = count(plan, Behaviour.FAIL);
            assertThat(answered).hasSize(questions);

            JsonNode summary = JsonCodec.MAPPER.readTree(out.resolve("summary.json").toFile());
            assertThat(summary.get("run").asText()).isEqualTo("unseen");
            JsonNode m = summary.get("models").get("model-a");
            assertThat(m.get("requests").asLong()).isEqualTo(questions);
            assertThat(m.get("errors").asLong()).isEqualTo(failed);
            assertThat(m.get("answered").asLong()).isEqualTo(right + wrong + refused);
            assertThat(m.get("correct").asLong()).isEqualTo(right);
            assertThat(m.get("refusals").asLong()).isEqualTo(refused);
            assertThat(m.get("accuracy").asDouble())
                    .isEqualTo((double) right / (right + wrong + refused));
            assertThat(m.get("refusal_rate").asDouble())
                    .isEqualTo((double) refused / (right + wrong + refused));
            long inputTokens = 500 * (right + wrong + refused);
            long outputTokens = 7 * (right + wrong) + 12 * refused;
            assertThat(m.get("input_tokens").asLong()).isEqualTo(inputTokens);
            assertThat(m.get("output_tokens").asLong()).isEqualTo(outputTokens);
            assertThat(m.get("cost").asDouble())
                    .isCloseTo(
                            (inputTokens * 2.0 + outputTokens * 10.0) / 1e6,
                            org.assertj.core.data.Offset.offset(1e-12));
            // Every failed question was tried twice (one retry), every other once.
            assertThat(server.requests()).isEqualTo((int) (questions + failed));

            // Per category, the same counts from the plan.
            for (int c = 0; c < 3; c++) {
                long catRight = 0;
                long catTotal = 0;
                for (int i = c; i < questions; i += 3) {
                    catTotal++;
                    if (plan.get("How many items are in box " + i + "?") == Behaviour.RIGHT) {
                        catRight++;
                    }
                }
                JsonNode cat = summary.get("categories").get(categories[c]).get("model-a");
                assertThat(cat.get("requests").asLong()).isEqualTo(catTotal);
                assertThat(cat.get("correct").asLong()).isEqualTo(catRight);
            }
            assertThat(Files.readAllLines(out.resolve("answers.jsonl"))).hasSize(questions);
            assertThat(Files.readString(out.resolve("metrics.csv"))).contains("model-a");
        }
    }

    private static long count(Map<String, Behaviour> plan, Behaviour b) {
        return plan.values().stream().filter(b::equals).count();
    }

    @Test
    void aRecordedRunReplaysWithoutCallsToTheSameSummary(@TempDir Path dir) throws Exception {
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            corpus.add(
                    "{\"id\":\"r"
                            + i
                            + "\",\"ts\":\"2026-03-01T11:00:00Z\",\"question\":\"Count "
                            + i
                            + "\",\"reference\":{\"type\":\"numeric\",\"value\":"
                            + i
                            + "}}");
        }
        Path corpusFile = dir.resolve("corpus.jsonl");
        Files.write(corpusFile, corpus, StandardCharsets.UTF_8);
        try (ModelServer server =
                new ModelServer(
                        q -> {
                            int n = Integer.parseInt(q.replaceAll("\\D", ""));
                            return n % 5 == 0
                                    ? Reply.status(500)
                                    : Reply.answer((n % 2 == 0 ? n : n + 1) + ".").tokens(300, 2);
                        })) {
            Files.writeString(
                    dir.resolve("live.yaml"),
                    "endpoints:\n  - {name: m, protocol: openai, base_url: '"
                            + server.openAiBaseUrl()
                            + "', model: m, max_retries: 1, retry_base_delay: 10ms,"
                            + " circuit_failure_threshold: 1000,"
                            + " price_per_million_input_tokens: 1.0,"
                            + " price_per_million_output_tokens: 1.0}\n");
            Path recordings = dir.resolve("rec.jsonl");
            assertThat(
                            VlmEval.run(
                                    "replay",
                                    "--corpus",
                                    corpusFile.toString(),
                                    "--endpoints",
                                    dir.resolve("live.yaml").toString(),
                                    "--out",
                                    dir.resolve("live").toString(),
                                    "--run-id",
                                    "rec",
                                    "--record",
                                    recordings.toString()))
                    .isZero();
            int calls = server.requests();
            Files.writeString(
                    dir.resolve("recorded.yaml"),
                    "endpoints:\n  - {name: m, protocol: recorded, model: m, recordings: rec.jsonl,"
                            + " price_per_million_input_tokens: 1.0,"
                            + " price_per_million_output_tokens: 1.0}\n");
            assertThat(
                            VlmEval.run(
                                    "replay",
                                    "--corpus",
                                    corpusFile.toString(),
                                    "--endpoints",
                                    dir.resolve("recorded.yaml").toString(),
                                    "--out",
                                    dir.resolve("replayed").toString(),
                                    "--run-id",
                                    "rec"))
                    .isZero();
            assertThat(server.requests()).as("no calls when replaying recordings").isEqualTo(calls);
            assertThat(Files.readString(dir.resolve("replayed/summary.json")))
                    .isEqualTo(Files.readString(dir.resolve("live/summary.json")));
            assertThat(Files.readString(dir.resolve("replayed/answers.jsonl")))
                    .isEqualTo(Files.readString(dir.resolve("live/answers.jsonl")));
        }
    }
}
