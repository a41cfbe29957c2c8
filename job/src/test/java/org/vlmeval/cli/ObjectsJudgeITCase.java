package org.vlmeval.cli;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;
import org.vlmeval.testing.TestImages;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objects judges in the streaming job, end to end through {@code vlm-eval replay} into the store:
 * endpoints {@code alpha} (OpenAI format) and {@code beta} (Ollama format) describe four images
 * shown by five events each (no {@code objects}); endpoint {@code judge} answers too and is the
 * objects judge, a simulated OpenAI server that lists each image's objects — as plain JSON, fenced
 * JSON, JSON in prose, and garbage for the fourth image. Two more events bring their own objects.
 *
 * <p>What must hold: each image's list is paid for once across endpoints and events (counted at the
 * server), and not at all on a second run against the same store; the judge lists no objects for
 * its own endpoint's answers; garbage gives no list (hallucination null), never a made-up one; and
 * judge-based hallucination is counted apart from reference-based, in answers, summary, window rows
 * and the store's views.
 */
class ObjectsJudgeITCase {

    static final int IMAGES = 4;
    static final int EVENTS_PER_IMAGE = 5;
    static final String OBJECTS_PROMPT = "List every object visible";

    /** What is in image i (1-based). */
    static final Map<Integer, List<String>> SCENES =
            Map.of(
                    1, List.of("cat", "sofa"),
                    2, List.of("dog", "ball"),
                    3, List.of("apple", "banana", "bowl"),
                    4, List.of("car", "tree"));

    static String event(String id, int image, int minute, String objects) {
        return "{\"id\":\""
                + id
                + "\",\"ts\":\"2026-03-01T10:"
                + String.format("%02d", minute)
                + ":00Z\",\"category\":\"describe\",\"question\":\"What do you see? ("
                + id
                + ")\",\"image\":{\"data\":\""
                + TestImages.pngBase64(image)
                + "\",\"mime\":\"image/png\"}"
                + (objects == null ? "" : ",\"objects\":" + objects)
                + "}";
    }

    static List<String> corpus() {
        List<String> lines = new ArrayList<>();
        int minute = 0;
        for (int i = 1; i <= IMAGES; i++) {
            for (int k = 0; k < EVENTS_PER_IMAGE; k++) {
                lines.add(event("img" + i + "-" + k, i, minute++, null));
            }
        }
        lines.add(event("own-0", 1, minute++, "[\"cat\",\"sofa\"]"));
        lines.add(event("own-1", 1, minute, "[\"cat\",\"sofa\"]"));
        return lines;
    }

    /** The judge endpoint: a model that sees a car, and an objects judge of four moods. */
    static final class Judge {
        final Map<Integer, AtomicInteger> listings = new ConcurrentHashMap<>();
        final ModelServer server =
                new ModelServer(
                        (text, image) -> {
                            if (!text.contains(OBJECTS_PROMPT)) {
                                return Reply.answer("I see a car.").tokens(50, 4);
                            }
                            int i = imageNumber(image);
                            listings.computeIfAbsent(i, n -> new AtomicInteger()).incrementAndGet();
                            String json =
                                    "{\"objects\": [\""
                                            + String.join("\", \"", SCENES.get(i))
                                            + "\"]}";
                            String reply =
                                    switch (i) {
                                        case 1 -> json;
                                        case 2 -> "```json\n" + json + "\n```";
                                        case 3 -> "Sure! Here is the list: " + json + " Done.";
                                        default -> "I am not able to list things right now.";
                                    };
                            return Reply.answer(reply).tokens(800, 30);
                        });

        int listings(int image) {
            AtomicInteger n = listings.get(image);
            return n == null ? 0 : n.get();
        }
    }

    static int imageNumber(String base64) {
        for (int i = 1; i <= IMAGES; i++) {
            if (TestImages.pngBase64(i).equals(base64)) {
                return i;
            }
        }
        throw new AssertionError("an image the test did not make");
    }

    static String ollamaEndpoint(String name, ModelServer server) {
        return "  - name: "
                + name
                + "\n    protocol: ollama\n    base_url: "
                + server.ollamaBaseUrl()
                + "\n    model: "
                + name
                + "\n    max_concurrency: 4\n    max_retries: 0\n"
                + "    circuit_failure_threshold: 1000\n";
    }

    @Test
    void eachImageIsPaidForOnceAndJudgedHallucinationIsCountedApart(@TempDir Path dir)
            throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        Files.write(corpus, corpus(), StandardCharsets.UTF_8);
        Judge judge = new Judge();
        try (ModelServer alpha = new ModelServer(q -> Reply.answer("There is a cat."));
                ModelServer beta = new ModelServer(q -> Reply.answer("I see a dog."));
                ModelServer judgeServer = judge.server) {
            Path endpoints = dir.resolve("endpoints.yaml");
            Files.writeString(
                    endpoints,
                    "endpoints:\n"
                            + ReplayJournalITCase.endpoint("alpha", alpha)
                            + ollamaEndpoint("beta", beta)
                            + ReplayJournalITCase.endpoint("judge", judgeServer)
                            + "judges:\n  - endpoint: judge\n    tasks: [objects]\n");
            String schema = TestPostgres.freshSchema();

            int exit =
                    ReplayJournalITCase.replayIntoStore(
                            corpus, endpoints, dir.resolve("first"), "objects-1", schema);
            assertThat(exit).isZero();
            // Images 1–3: one list each, though 2 endpoints × 5 events asked about each.
            for (int i = 1; i <= 3; i++) {
                assertThat(judge.listings(i)).as("listings of image " + i).isEqualTo(1);
            }
            // Garbage is an error, not cached (a retry may succeed): paid per answer at most.
            int garbage = judge.listings(4);
            assertThat(garbage).isBetween(1, 2 * EVENTS_PER_IMAGE);

            Map<String, ObjectNode> rows = ReplayJournalITCase.answers(dir.resolve("first"));
            for (int i = 1; i <= IMAGES; i++) {
                for (int k = 0; k < EVENTS_PER_IMAGE; k++) {
                    String id = "img" + i + "-" + k;
                    ObjectNode a = rows.get(id + "/alpha");
                    ObjectNode b = rows.get(id + "/beta");
                    ObjectNode own = rows.get(id + "/judge");
                    // Never the judge's own answers.
                    assertThat(own.path("objects_source").isNull()).as(id).isTrue();
                    assertThat(own.path("hallucination").isNull()).as(id).isTrue();
                    if (i == 4) {
                        assertThat(a.path("hallucination").isNull()).as(id).isTrue();
                        assertThat(a.path("objects_source").isNull()).as(id).isTrue();
                        continue;
                    }
                    assertThat(a.get("objects_source").asText()).isEqualTo("judge:judge");
                    assertThat(b.get("objects_source").asText()).isEqualTo("judge:judge");
                    assertThat(a.get("hallucination").asBoolean()).as(id).isEqualTo(i != 1);
                    assertThat(b.get("hallucination").asBoolean()).as(id).isEqualTo(i != 2);
                }
            }
            for (String id : List.of("own-0", "own-1")) {
                assertThat(rows.get(id + "/beta").get("objects_source").asText())
                        .isEqualTo("reference");
                assertThat(rows.get(id + "/beta").get("hallucination").asBoolean()).isTrue();
                assertThat(rows.get(id + "/judge").get("objects_source").asText())
                        .isEqualTo("reference");
            }

            // Summary: reference-based over the two events with objects, judge-based apart.
            JsonNode a = ReplayJournalITCase.summary(dir.resolve("first"), "alpha");
            assertThat(a.get("with_objects").asLong()).isEqualTo(2);
            assertThat(a.get("hallucinations").asLong()).isZero();
            assertThat(a.get("judged_with_objects").asLong()).isEqualTo(15);
            assertThat(a.get("judged_hallucinations").asLong()).isEqualTo(10);
            assertThat(a.get("judged_hallucination_rate_ci").size()).isEqualTo(2);
            JsonNode b = ReplayJournalITCase.summary(dir.resolve("first"), "beta");
            assertThat(b.get("with_objects").asLong()).isEqualTo(2);
            assertThat(b.get("hallucinations").asLong()).isEqualTo(2);
            assertThat(b.get("judged_with_objects").asLong()).isEqualTo(15);
            assertThat(b.get("judged_hallucinations").asLong()).isEqualTo(10);
            JsonNode j = ReplayJournalITCase.summary(dir.resolve("first"), "judge");
            assertThat(j.get("judged_with_objects").asLong()).isZero();

            // The store: answers say where their objects came from, the lists are kept by image,
            // views and window rows keep the two rates apart.
            List<AnswerRow> stored = TestPostgres.readAnswers(schema);
            assertThat(stored).filteredOn(AnswerRow::objectsJudged).hasSize(30);
            assertThat(TestPostgres.count(schema, "judged_objects")).isEqualTo(3);
            Map<String, Object> board = row(schema, "leaderboard", "alpha");
            assertThat(((Number) board.get("with_objects")).longValue()).isEqualTo(2);
            assertThat(((Number) board.get("hallucinations")).longValue()).isZero();
            Map<String, Object> judged =
                    TestPostgres.rows(schema, "judged_hallucination").stream()
                            .filter(r -> "alpha".equals(r.get("model")))
                            .filter(r -> "*".equals(r.get("category")))
                            .findFirst()
                            .orElseThrow();
            assertThat(judged.get("objects_source")).isEqualTo("judge:judge");
            assertThat(((Number) judged.get("judged_with_objects")).longValue()).isEqualTo(15);
            assertThat(((Number) judged.get("judged_hallucinations")).longValue()).isEqualTo(10);
            assertThat(judged.get("judged_hallucination_rate_low")).isNotNull();
            WindowMetricsRow hour =
                    TestPostgres.readWindowMetrics(schema).stream()
                            .filter(w -> w.model().equals("alpha"))
                            .filter(w -> w.category().equals(WindowMetricsRow.ALL_CATEGORIES))
                            .filter(w -> w.windowKind().equals(WindowMetricsRow.TUMBLING))
                            .findFirst()
                            .orElseThrow();
            assertThat(hour.withObjects()).isEqualTo(2);
            assertThat(hour.judgedWithObjects()).isEqualTo(15);
            assertThat(hour.judgedHallucinations()).isEqualTo(10);
            assertThat(hour.judgedHallucinationRateLow()).isNotNull();

            // One judgement per answer looked at: 2 endpoints × 20 events; images 1–3 paid once
            // each (the rest reused), image 4's garbage an error, with the prompt version.
            List<Map<String, Object>> judgements = TestPostgres.rows(schema, "judgements");
            assertThat(judgements).hasSize(2 * IMAGES * EVENTS_PER_IMAGE);
            assertThat(judgements)
                    .allSatisfy(
                            r -> assertThat(r.get("prompt_version")).isEqualTo("objects.v1.en"));
            assertThat(judgements)
                    .filteredOn(r -> r.get("objects") != null && !(Boolean) r.get("reused"))
                    .hasSize(3);
            assertThat(judgements)
                    .filteredOn(r -> "no_json".equals(r.get("error_kind")))
                    .hasSize(2 * EVENTS_PER_IMAGE);
            Map<String, Object> costs = TestPostgres.rows(schema, "judge_costs").get(0);
            assertThat(((Number) costs.get("calls")).longValue()).isEqualTo(3 + garbage);
            assertThat(((Number) costs.get("input_tokens")).longValue())
                    .isEqualTo(800L * (3 + garbage));
            JsonNode judges =
                    JsonCodec.MAPPER
                            .readTree(dir.resolve("first").resolve("judges.json").toFile())
                            .get("judges")
                            .get("judge");
            assertThat(judges.get("calls").asLong()).isEqualTo(3 + garbage);
            assertThat(judges.get("listed").asLong()).isEqualTo(30);
            assertThat(judges.get("errors_by_kind").get("no_json").asLong())
                    .isEqualTo(2 * EVENTS_PER_IMAGE);

            // A second run against the same store pays for no list it has.
            exit =
                    ReplayJournalITCase.replayIntoStore(
                            corpus, endpoints, dir.resolve("second"), "objects-2", schema);
            assertThat(exit).isZero();
            for (int i = 1; i <= 3; i++) {
                assertThat(judge.listings(i)).as("listings of image " + i).isEqualTo(1);
            }
            assertThat(judge.listings(4)).isGreaterThan(garbage);
            JsonNode again = ReplayJournalITCase.summary(dir.resolve("second"), "alpha");
            assertThat(again.get("judged_hallucinations").asLong()).isEqualTo(10);

            // Re-running the first run id finds every list in the store: the rows that paid keep
            // their cost instead of becoming reused rows of cost 0.
            exit =
                    ReplayJournalITCase.replayIntoStore(
                            corpus, endpoints, dir.resolve("again"), "objects-1", schema);
            assertThat(exit).isZero();
            assertThat(TestPostgres.rows(schema, "judgements"))
                    .filteredOn(r -> "objects-1".equals(r.get("run")))
                    .filteredOn(r -> r.get("objects") != null && !(Boolean) r.get("reused"))
                    .hasSize(3)
                    .allSatisfy(
                            r ->
                                    assertThat(((Number) r.get("input_tokens")).intValue())
                                            .isEqualTo(800));
        }
    }

    static Map<String, Object> row(String schema, String view, String model) {
        return TestPostgres.rows(schema, view).stream()
                .filter(r -> model.equals(r.get("model")))
                .findFirst()
                .orElseThrow();
    }
}
