package org.vlmeval.cli;

import org.vlmeval.judges.JudgeSampler;
import org.vlmeval.model.WindowMetricsRow;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grade judges in the streaming job, end to end through {@code vlm-eval replay}: endpoint {@code
 * alpha} answers every question (wrongly for every third box), endpoint {@code judge} answers too
 * and is also the grade judge (a simulated OpenAI server that grades by comparing the answer's
 * count with the box number; odd boxes get their verdict wrapped in prose). Half the events have a
 * reference, half do not: only the latter are graded, never the judge's own endpoint's answers, the
 * same sample on two runs, and judge-graded answers are counted in {@code judged} columns, never in
 * {@code scored}.
 */
class JudgeGradeITCase {

    static final int EVENTS = 40;
    static final Pattern BOX = Pattern.compile("box (\\d+)");
    static final Pattern SAID = Pattern.compile("There are (\\d+) items");

    static boolean hasReference(int event) {
        return event < EVENTS / 2;
    }

    static int alphaSays(int box) {
        return box % 3 == 0 ? box + 1 : box;
    }

    static List<String> corpus() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            lines.add(
                    "{\"id\":\"box-"
                            + i
                            + "\",\"ts\":\"2026-03-01T10:"
                            + String.format("%02d", i % 60)
                            + ":00Z\",\"category\":\"count\",\"question\":\"How many items are in box "
                            + i
                            + "?\""
                            + (hasReference(i)
                                    ? ",\"reference\":{\"type\":\"numeric\",\"value\":" + i + "}"
                                    : "")
                            + "}");
        }
        return lines;
    }

    /** The judge server: answers questions as a model, grades as a judge. */
    static Reply judgeServer(String text) {
        Matcher box = BOX.matcher(text);
        box.find();
        int n = Integer.parseInt(box.group(1));
        if (!text.contains("<<<ANSWER")) {
            return Reply.answer("There are " + n + " items.").tokens(100, 5);
        }
        Matcher said = SAID.matcher(text.substring(text.indexOf("<<<ANSWER")));
        boolean right = said.find() && Integer.parseInt(said.group(1)) == n;
        String json =
                "{\"verdict\": \""
                        + (right ? "correct" : "incorrect")
                        + "\", \"rationale\": \"counted the items\"}";
        return Reply.answer(
                        n % 2 == 1
                                ? "Looking at the image, I count them. " + json + " That is all."
                                : json)
                .tokens(400, 20);
    }

    static String endpoints(ModelServer alpha, ModelServer judge, String judgeOptions) {
        return "endpoints:\n"
                + ReplayJournalITCase.endpoint("alpha", alpha)
                + ReplayJournalITCase.endpoint("judge", judge)
                + "judges:\n  - endpoint: judge\n    tasks: [grade]\n"
                + judgeOptions;
    }

    static int replay(Path corpus, Path endpoints, Path out, String... more) {
        return ReplayJournalITCase.replay(corpus, endpoints, out, "judged", more);
    }

    @Test
    void answersWithoutReferenceAreGradedOnTheSameSampleAndCountedApart(@TempDir Path dir)
            throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        Files.write(corpus, corpus(), StandardCharsets.UTF_8);
        try (ModelServer alpha =
                        new ModelServer(
                                q -> {
                                    Matcher m = BOX.matcher(q);
                                    m.find();
                                    int box = Integer.parseInt(m.group(1));
                                    return Reply.answer("There are " + alphaSays(box) + " items.")
                                            .tokens(100, 5);
                                });
                ModelServer judge = new ModelServer(JudgeGradeITCase::judgeServer)) {
            Path endpoints = dir.resolve("endpoints.yaml");
            Files.writeString(endpoints, endpoints(alpha, judge, "    sample_rate: 0.5\n"));

            // Which unreferenced requests the judge samples: a pure function of id and name.
            Set<String> sampled = new TreeSet<>();
            for (int i = 0; i < EVENTS; i++) {
                if (!hasReference(i) && JudgeSampler.sampled("box-" + i, "judge", 0.5)) {
                    sampled.add("box-" + i);
                }
            }
            assertThat(sampled).isNotEmpty().hasSizeLessThan(EVENTS / 2);

            String schema = TestPostgres.freshSchema();
            List<Set<String>> graded = new ArrayList<>();
            for (String out : List.of("first", "second")) {
                int before = judge.requests();
                // The first run also goes into the store.
                int exit =
                        out.equals("first")
                                ? ReplayJournalITCase.replayIntoStore(
                                        corpus, endpoints, dir.resolve(out), "judged", schema)
                                : replay(corpus, endpoints, dir.resolve(out));
                assertThat(exit).isZero();
                // The judge endpoint answered every question and graded the sample, nothing else.
                assertThat(judge.requests() - before).isEqualTo(EVENTS + sampled.size());

                Map<String, ObjectNode> rows = ReplayJournalITCase.answers(dir.resolve(out));
                Set<String> judgedHere = new TreeSet<>();
                long judgedCorrect = 0;
                for (int i = 0; i < EVENTS; i++) {
                    ObjectNode a = rows.get("box-" + i + "/alpha");
                    ObjectNode own = rows.get("box-" + i + "/judge");
                    // Never the judge's own answers: they keep no verdict without a reference.
                    assertThat(own.path("truth").asText(null))
                            .isEqualTo(hasReference(i) ? "reference" : null);
                    if (hasReference(i)) {
                        assertThat(a.get("truth").asText()).isEqualTo("reference");
                        continue;
                    }
                    if (sampled.contains("box-" + i)) {
                        assertThat(a.get("truth").asText()).isEqualTo("judge:judge");
                        boolean right = alphaSays(i) == i;
                        assertThat(a.get("correct").asBoolean()).as("box-" + i).isEqualTo(right);
                        judgedHere.add("box-" + i);
                        judgedCorrect += right ? 1 : 0;
                    } else {
                        assertThat(a.path("truth").isNull() || a.path("truth").isMissingNode())
                                .isTrue();
                        assertThat(a.path("correct").isNull()).isTrue();
                    }
                }
                graded.add(judgedHere);

                JsonNode m = ReplayJournalITCase.summary(dir.resolve(out), "alpha");
                // Reference-based numbers are over the referenced half only.
                assertThat(m.get("scored").asLong()).isEqualTo(EVENTS / 2);
                long rightWithReference =
                        java.util.stream.IntStream.range(0, EVENTS / 2)
                                .filter(i -> alphaSays(i) == i)
                                .count();
                assertThat(m.get("correct").asLong()).isEqualTo(rightWithReference);
                assertThat(m.get("judged").asLong()).isEqualTo(sampled.size());
                assertThat(m.get("judged_correct").asLong()).isEqualTo(judgedCorrect);
                assertThat(m.get("judged_accuracy_ci").size()).isEqualTo(2);
                JsonNode own = ReplayJournalITCase.summary(dir.resolve(out), "judge");
                assertThat(own.get("judged").asLong()).isZero();
            }
            assertThat(graded.get(1)).isEqualTo(graded.get(0)).isEqualTo(sampled);

            // The store keeps the judge's verdicts (truth judge:judge) and its views count them
            // apart: scored/correct are reference-based, judged/judged_correct the judge's.
            assertThat(TestPostgres.readAnswers(schema))
                    .filteredOn(r -> "judge:judge".equals(r.truth()))
                    .hasSize(sampled.size())
                    .allSatisfy(r -> assertThat(r.endpoint()).isEqualTo("alpha"));
            Map<String, Object> board =
                    TestPostgres.rows(schema, "leaderboard").stream()
                            .filter(r -> "alpha".equals(r.get("model")))
                            .findFirst()
                            .orElseThrow();
            assertThat(((Number) board.get("scored")).longValue()).isEqualTo(EVENTS / 2);
            assertThat(((Number) board.get("judged")).longValue()).isEqualTo(sampled.size());
            assertThat(((Number) board.get("judged_correct")).longValue())
                    .isEqualTo(
                            sampled.stream()
                                    .mapToInt(id -> Integer.parseInt(id.substring(4)))
                                    .filter(i -> alphaSays(i) == i)
                                    .count());
            assertThat(board.get("judged_accuracy_low")).isNotNull();
            // The hour's window row (one tumbling 1h window holds the whole corpus) likewise.
            WindowMetricsRow hour =
                    TestPostgres.readWindowMetrics(schema).stream()
                            .filter(w -> w.model().equals("alpha"))
                            .filter(w -> w.category().equals(WindowMetricsRow.ALL_CATEGORIES))
                            .filter(w -> w.windowKind().equals(WindowMetricsRow.TUMBLING))
                            .findFirst()
                            .orElseThrow();
            assertThat(hour.scored()).isEqualTo(EVENTS / 2);
            assertThat(hour.judged()).isEqualTo(sampled.size());
            assertThat(hour.judgedCorrect())
                    .isEqualTo(((Number) board.get("judged_correct")).longValue());
            assertThat(hour.judgedAccuracyLow()).isNotNull();
        }
    }

    @Test
    void aCallsBudgetSkipsTheRest(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        Files.write(corpus, corpus(), StandardCharsets.UTF_8);
        try (ModelServer alpha = new ModelServer(q -> Reply.answer("There are 3 items."));
                ModelServer judge = new ModelServer(JudgeGradeITCase::judgeServer)) {
            Path endpoints = dir.resolve("endpoints.yaml");
            Files.writeString(endpoints, endpoints(alpha, judge, "    max_calls_per_minute: 5\n"));
            assertThat(replay(corpus, endpoints, dir.resolve("out"), "--parallelism", "1"))
                    .isZero();
            // 20 answers without a reference; the budget admits 5 in the minute, skips 15.
            assertThat(judge.requests()).isEqualTo(EVENTS + 5);
            JsonNode m = ReplayJournalITCase.summary(dir.resolve("out"), "alpha");
            assertThat(m.get("judged").asLong()).isEqualTo(5);
            assertThat(m.get("scored").asLong()).isEqualTo(EVENTS / 2);
        }
    }

    @Test
    void aLabelReplacesTheJudgesVerdictAndTheWindowsTakeTheVerdictBack(@TempDir Path dir)
            throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        Files.write(corpus, corpus(), StandardCharsets.UTF_8);
        // Every unreferenced event gets a label two hours (event time) after it.
        List<String> labels = new ArrayList<>();
        for (int i = EVENTS / 2; i < EVENTS; i++) {
            labels.add(
                    "{\"request_id\":\"box-"
                            + i
                            + "\",\"labeler\":\"ann\",\"ts\":\"2026-03-01T12:"
                            + String.format("%02d", i % 60)
                            + ":00Z\",\"reference\":{\"type\":\"numeric\",\"value\":"
                            + i
                            + "}}");
        }
        Path labelsFile = dir.resolve("labels.jsonl");
        Files.write(labelsFile, labels, StandardCharsets.UTF_8);
        try (ModelServer alpha =
                        new ModelServer(
                                q -> {
                                    Matcher m = BOX.matcher(q);
                                    m.find();
                                    int box = Integer.parseInt(m.group(1));
                                    return Reply.answer("There are " + alphaSays(box) + " items.");
                                });
                ModelServer judge = new ModelServer(JudgeGradeITCase::judgeServer)) {
            Path endpoints = dir.resolve("endpoints.yaml");
            Files.writeString(endpoints, endpoints(alpha, judge, ""));
            String schema = TestPostgres.freshSchema();
            assertThat(
                            ReplayJournalITCase.replayIntoStore(
                                    corpus,
                                    endpoints,
                                    dir.resolve("out"),
                                    "judged-labelled",
                                    schema,
                                    "--labels",
                                    labelsFile.toString()))
                    .isZero();
            // Graded before the labels join, whichever came first: 20 answers, 20 verdicts.
            assertThat(judge.requests()).isEqualTo(EVENTS + EVENTS / 2);

            Map<String, ObjectNode> rows = ReplayJournalITCase.answers(dir.resolve("out"));
            for (int i = EVENTS / 2; i < EVENTS; i++) {
                ObjectNode a = rows.get("box-" + i + "/alpha");
                assertThat(a.get("truth").asText()).as("box-" + i).isEqualTo("label:ann");
                assertThat(a.get("correct").asBoolean()).isEqualTo(alphaSays(i) == i);
            }
            JsonNode m = ReplayJournalITCase.summary(dir.resolve("out"), "alpha");
            assertThat(m.get("scored").asLong()).isEqualTo(EVENTS);
            assertThat(m.get("judged").asLong()).isZero();
            // The hour's window: the judge's 20 verdicts were counted, then taken back exactly.
            WindowMetricsRow hour =
                    TestPostgres.readWindowMetrics(schema).stream()
                            .filter(w -> w.model().equals("alpha"))
                            .filter(w -> w.category().equals(WindowMetricsRow.ALL_CATEGORIES))
                            .filter(w -> w.windowKind().equals(WindowMetricsRow.TUMBLING))
                            .findFirst()
                            .orElseThrow();
            assertThat(hour.scored()).isEqualTo(EVENTS);
            assertThat(hour.correct()).isEqualTo(m.get("correct").asLong());
            assertThat(hour.judged()).isZero();
            assertThat(hour.judgedCorrect()).isZero();
        }
    }

    @Test
    void aSlowJudgeInOllamaFormatTimesOutIntoAJudgeErrorNeverAVerdict(@TempDir Path dir)
            throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        Files.write(corpus, corpus(), StandardCharsets.UTF_8);
        try (ModelServer alpha = new ModelServer(q -> Reply.answer("There are 3 items."));
                ModelServer judge =
                        new ModelServer(
                                q -> {
                                    Reply r = judgeServer(q);
                                    Matcher box = BOX.matcher(q);
                                    box.find();
                                    // Odd boxes: the verdict comes after the judge's deadline.
                                    boolean slow =
                                            q.contains("<<<ANSWER")
                                                    && Integer.parseInt(box.group(1)) % 2 == 1;
                                    return slow ? r.after(3_000) : r;
                                })) {
            Path endpoints = dir.resolve("endpoints.yaml");
            Files.writeString(
                    endpoints,
                    "endpoints:\n"
                            + ReplayJournalITCase.endpoint("alpha", alpha)
                            + ObjectsJudgeITCase.ollamaEndpoint("judge", judge)
                            + "    timeout: 1s\n"
                            + "judges:\n  - endpoint: judge\n    tasks: [grade]\n");
            assertThat(replay(corpus, endpoints, dir.resolve("out"))).isZero();

            Map<String, ObjectNode> rows = ReplayJournalITCase.answers(dir.resolve("out"));
            for (int i = EVENTS / 2; i < EVENTS; i++) {
                ObjectNode a = rows.get("box-" + i + "/alpha");
                if (i % 2 == 1) {
                    // No verdict was made up for the answers the judge did not grade in time.
                    assertThat(a.path("correct").isNull()).as("box-" + i).isTrue();
                    assertThat(a.path("truth").isNull()).as("box-" + i).isTrue();
                } else {
                    assertThat(a.get("truth").asText()).isEqualTo("judge:judge");
                }
            }
            JsonNode judges =
                    org.vlmeval.model.JsonCodec.MAPPER
                            .readTree(dir.resolve("out").resolve("judges.json").toFile())
                            .get("judges")
                            .get("judge");
            assertThat(judges.get("errors_by_kind").get("call_failed").asLong())
                    .isEqualTo(EVENTS / 4);
            assertThat(
                            judges.get("verdicts").path("correct").asLong()
                                    + judges.get("verdicts").path("incorrect").asLong())
                    .isEqualTo(EVENTS / 4);
            JsonNode m = ReplayJournalITCase.summary(dir.resolve("out"), "alpha");
            assertThat(m.get("judged").asLong()).isEqualTo(EVENTS / 4);
        }
    }

    @Test
    void aSecondJudgeGradesWhatTheFirstLeftUngraded(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        Files.write(corpus, corpus(), StandardCharsets.UTF_8);
        try (ModelServer alpha = new ModelServer(q -> Reply.answer("There are 3 items."));
                ModelServer first = new ModelServer(JudgeGradeITCase::judgeServer);
                ModelServer second = new ModelServer(JudgeGradeITCase::judgeServer)) {
            Path endpoints = dir.resolve("endpoints.yaml");
            // The first judge samples nothing (sample_rate 0): every answer goes on to the second.
            Files.writeString(
                    endpoints,
                    "endpoints:\n"
                            + ReplayJournalITCase.endpoint("alpha", alpha)
                            + ReplayJournalITCase.endpoint("first", first)
                            + ReplayJournalITCase.endpoint("second", second)
                            + "judges:\n  - endpoint: first\n    tasks: [grade]\n"
                            + "    sample_rate: 0.0\n"
                            + "  - endpoint: second\n    tasks: [grade]\n");
            assertThat(replay(corpus, endpoints, dir.resolve("out"), "--parallelism", "1"))
                    .isZero();
            Map<String, ObjectNode> rows = ReplayJournalITCase.answers(dir.resolve("out"));
            for (int i = EVENTS / 2; i < EVENTS; i++) {
                assertThat(rows.get("box-" + i + "/alpha").get("truth").asText())
                        .isEqualTo("judge:second");
                assertThat(rows.get("box-" + i + "/first").get("truth").asText())
                        .isEqualTo("judge:second");
                // Never its own answers.
                assertThat(rows.get("box-" + i + "/second").path("truth").isNull()).isTrue();
            }
            // The second judge answered every question and graded 2 × 20 answers.
            assertThat(second.requests()).isEqualTo(EVENTS + EVENTS);
        }
    }
}
