package org.vlmeval.cli;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;
import org.vlmeval.testing.TestPostgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response journal end to end through {@code vlm-eval replay --store}: the same corpus replayed
 * twice with the same run id against two simulated model servers. Over both runs each server is
 * asked each question once, except the ones it failed with HTTP 500 (transient, not journalled:
 * asked again); the second run's answers are {@code reused} and otherwise equal to the first run's.
 * And a journal that cannot be read or written loses no answer: each call is then paid again.
 */
class ReplayJournalITCase {

    static final int QUESTIONS = 40;

    static String question(int i) {
        return "How many items are in box " + i + "?";
    }

    static int number(String question) {
        return Integer.parseInt(question.replaceAll("\\D", ""));
    }

    /** Every 10th question a 500 (transient), every 10th + 5 a 400 (repeatable), else an answer. */
    static Reply reply(String question, int offset) {
        int n = number(question);
        if (n % 10 == 0) {
            return Reply.status(500);
        }
        if (n % 10 == 5) {
            return Reply.status(400);
        }
        return Reply.answer("There are " + (n + offset) + " items.").tokens(300, 6).after(5);
    }

    @Test
    void aSecondReplayOfTheSameRunPaysForNothingTwice(@TempDir Path dir) throws Exception {
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < QUESTIONS; i++) {
            corpus.add(
                    "{\"id\":\"box-"
                            + i
                            + "\",\"ts\":\"2026-03-01T10:"
                            + String.format("%02d", i)
                            + ":00Z\",\"question\":\""
                            + question(i)
                            + "\",\"reference\":{\"type\":\"numeric\",\"value\":"
                            + i
                            + "}}");
        }
        Path corpusFile = dir.resolve("corpus.jsonl");
        Files.write(corpusFile, corpus, StandardCharsets.UTF_8);
        String schema = TestPostgres.freshSchema();
        Function<String, Reply> right = q -> reply(q, 0);
        Function<String, Reply> wrong = q -> reply(q, 1);
        try (ModelServer a = new ModelServer(right);
                ModelServer b = new ModelServer(wrong)) {
            Path endpoints = dir.resolve("endpoints.yaml");
            Files.writeString(
                    endpoints, "endpoints:\n" + endpoint("model-a", a) + endpoint("model-b", b));
            Path first = dir.resolve("first");
            Path second = dir.resolve("second");
            for (Path out : List.of(first, second)) {
                int exit = replayIntoStore(corpusFile, endpoints, out, "journalled", schema);
                assertThat(exit).isZero();
            }

            int transientErrors = QUESTIONS / 10;
            for (ModelServer server : List.of(a, b)) {
                for (int i = 0; i < QUESTIONS; i++) {
                    assertThat(server.timesAsked(question(i)))
                            .as("times %s was asked", question(i))
                            .isEqualTo(i % 10 == 0 ? 2 : 1);
                }
                assertThat(server.requests()).isEqualTo(QUESTIONS + transientErrors);
            }

            for (String model : List.of("model-a", "model-b")) {
                assertThat(summary(first, model).get("reused").asLong()).isZero();
                assertThat(summary(second, model).get("reused").asLong())
                        .isEqualTo(QUESTIONS - transientErrors);
                assertThat(summary(second, model).get("requests").asLong()).isEqualTo(QUESTIONS);
            }
            assertThat(summary(first, "model-a").get("correct").asLong())
                    .isEqualTo(summary(second, "model-a").get("correct").asLong())
                    .isEqualTo(QUESTIONS - 2L * transientErrors);
            assertThat(summary(second, "model-b").get("correct").asLong()).isZero();

            // The second run's rows are the first run's, marked reused; the transient errors
            // were asked again (a new latency) and are not reused.
            Map<String, ObjectNode> before = answers(first);
            Map<String, ObjectNode> after = answers(second);
            assertThat(after.keySet()).isEqualTo(before.keySet()).hasSize(2 * QUESTIONS);
            for (String key : before.keySet()) {
                ObjectNode was = before.get(key);
                ObjectNode is = after.get(key);
                boolean transientError = "server_error".equals(was.path("error_kind").asText());
                assertThat(was.get("reused").asBoolean()).as(key).isFalse();
                assertThat(is.get("reused").asBoolean()).as(key).isEqualTo(!transientError);
                was.remove("reused");
                is.remove("reused");
                if (transientError) {
                    was.remove("latency_ms");
                    is.remove("latency_ms");
                }
                assertThat(is).as(key).isEqualTo(was);
            }

            // The store holds the second run's rows: reused, with the original costs.
            List<AnswerRow> stored = TestPostgres.readAnswers(schema);
            assertThat(stored).hasSize(2 * QUESTIONS);
            assertThat(stored.stream().filter(AnswerRow::reused).count())
                    .isEqualTo(2L * (QUESTIONS - transientErrors));
            assertThat(stored.stream().filter(r -> r.reused() && r.errorKind() == null))
                    .allSatisfy(r -> assertThat(r.cost()).isPositive());
            assertThat(TestPostgres.count(schema, "response_journal"))
                    .isEqualTo(2L * (QUESTIONS - transientErrors));
        }
    }

    @Test
    void withoutAWorkingJournalEveryAnswerStillArrives(@TempDir Path dir) throws Exception {
        int questions = 20;
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < questions; i++) {
            corpus.add(
                    "{\"id\":\"box-"
                            + i
                            + "\",\"ts\":\"2026-03-01T10:00:00Z\",\"question\":\""
                            + question(i)
                            + "\"}");
        }
        Path corpusFile = dir.resolve("corpus.jsonl");
        Files.write(corpusFile, corpus, StandardCharsets.UTF_8);
        String schema = TestPostgres.freshSchema();
        // The store works, its journal table does not: every lookup and append fails.
        org.vlmeval.store.PostgresStore.open(TestPostgres.options(schema).build()).close();
        TestPostgres.execute("DROP TABLE " + schema + ".response_journal");
        try (ModelServer a = new ModelServer(q -> Reply.answer("Seven.").after(5))) {
            Path endpoints = dir.resolve("endpoints.yaml");
            Files.writeString(endpoints, "endpoints:\n" + endpoint("model-a", a));
            for (String out : List.of("first", "second")) {
                int exit =
                        replayIntoStore(
                                corpusFile, endpoints, dir.resolve(out), "no-journal", schema);
                assertThat(exit).isZero();
                JsonNode m = summary(dir.resolve(out), "model-a");
                assertThat(m.get("answered").asLong()).isEqualTo(questions);
                assertThat(m.get("reused").asLong()).isZero();
            }
            // Nothing was lost, nothing was saved: each question was paid for in both runs.
            for (int i = 0; i < questions; i++) {
                assertThat(a.timesAsked(question(i))).isEqualTo(2);
            }
            assertThat(TestPostgres.readAnswers(schema))
                    .hasSize(questions)
                    .noneMatch(AnswerRow::reused);
        }
    }

    static String endpoint(String name, ModelServer server) {
        return "  - name: "
                + name
                + "\n    protocol: openai\n    base_url: "
                + server.openAiBaseUrl()
                + "\n    model: "
                + name
                + "\n    max_concurrency: 4\n    max_retries: 0\n"
                + "    circuit_failure_threshold: 1000\n"
                + "    price_per_million_input_tokens: 2.0\n"
                + "    price_per_million_output_tokens: 10.0\n";
    }

    /**
     * {@code vlm-eval replay} of {@code corpus} as run {@code runId}, storing into {@code schema}.
     */
    static int replayIntoStore(
            Path corpus, Path endpoints, Path out, String runId, String schema, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--store",
                                TestPostgres.jdbcUrl(),
                                "--store-user",
                                TestPostgres.SUPERUSER,
                                "--store-schema",
                                schema));
        args.addAll(List.of(more));
        return replay(corpus, endpoints, out, runId, args.toArray(String[]::new));
    }

    /**
     * {@code vlm-eval replay} of {@code corpus} as run {@code runId}, with {@code more} options.
     */
    static int replay(Path corpus, Path endpoints, Path out, String runId, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "replay",
                                "--corpus",
                                corpus.toString(),
                                "--endpoints",
                                endpoints.toString(),
                                "--out",
                                out.toString(),
                                "--run-id",
                                runId));
        args.addAll(List.of(more));
        return VlmEval.run(args.toArray(String[]::new));
    }

    static JsonNode summary(Path out, String model) throws Exception {
        return JsonCodec.MAPPER
                .readTree(out.resolve("summary.json").toFile())
                .get("models")
                .get(model);
    }

    static Map<String, ObjectNode> answers(Path out) throws Exception {
        Map<String, ObjectNode> rows = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve("answers.jsonl"))) {
            ObjectNode row = (ObjectNode) JsonCodec.MAPPER.readTree(line);
            rows.put(row.get("request_id").asText() + "/" + row.get("endpoint").asText(), row);
        }
        return rows;
    }
}
