package org.vlmeval.cli;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.scoring.text.Csv;
import org.vlmeval.sinks.files.OutputDirectory;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;
import org.vlmeval.testing.TestPostgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Late labels end to end through {@code vlm-eval replay --labels --store} (MiniCluster, the JVM's
 * PostgreSQL, a simulated OpenAI server): the same questions replayed twice, once with their
 * references and objects inside the events, once without them and with labels that arrive hours
 * (event time) after the answers, before them, twice (an older third one ignored), and never (a
 * label of a request that does not exist), plus events that keep their own reference and a label
 * that fails its schema. The answer rows and window rows (files and store) of the two runs are
 * equal but for {@code truth} (and the measured latencies).
 */
class LateLabelsITCase {

    static final int QUESTIONS = 48;
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String RUN = "labelled";

    static Instant ts(int i) {
        return T0.plusSeconds(60L * i);
    }

    /** The model answers i for most boxes, i + 1 for every third. */
    static int said(int box) {
        return box % 3 == 0 ? box + 1 : box;
    }

    static String truth(int i, int value) {
        String objects = i % 2 == 0 ? ",\"objects\":[\"box\",\"cat\"]" : "";
        return "\"reference\":{\"type\":\"numeric\",\"value\":" + value + "}" + objects;
    }

    static String event(int i, boolean withTruth) {
        return "{\"id\":\"box-"
                + i
                + "\",\"ts\":\""
                + ts(i)
                + "\",\"category\":\""
                + (i % 2 == 0 ? "chart" : "ocr")
                + "\",\"question\":\"How many items are in box "
                + i
                + "?\""
                + (withTruth ? "," + truth(i, i) : "")
                + "}";
    }

    static String label(String id, String labeler, Instant ts, String truth) {
        return "{\"request_id\":\""
                + id
                + "\",\"labeler\":\""
                + labeler
                + "\",\"ts\":\""
                + ts
                + "\","
                + truth
                + "}";
    }

    @Test
    void labelledRunEqualsTheRunWithReferencesInTheEvents(@TempDir Path dir) throws Exception {
        List<String> withTruth = new ArrayList<>();
        List<String> without = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < QUESTIONS; i++) {
            withTruth.add(event(i, true));
            String id = "box-" + i;
            switch (i % 4) {
                case 0 -> { // hours after the answers
                    without.add(event(i, false));
                    labels.add(label(id, "alice", ts(i).plusSeconds(3 * 3600), truth(i, i)));
                }
                case 1 -> { // before them
                    without.add(event(i, false));
                    labels.add(label(id, "bob", ts(i).minusSeconds(3600), truth(i, i)));
                }
                case 2 -> { // twice, the later one right; an older third one comes last
                    without.add(event(i, false));
                    labels.add(label(id, "carol", ts(i).plusSeconds(2 * 3600), truth(i, i + 100)));
                    labels.add(label(id, "dave", ts(i).plusSeconds(4 * 3600), truth(i, i)));
                    labels.add(label(id, "erin", ts(i).plusSeconds(3600), truth(i, i + 200)));
                }
                default -> without.add(event(i, true)); // its own reference, no label
            }
        }
        labels.add(label("box-never", "frank", ts(5), truth(5, 5)));
        labels.add("{\"request_id\":\"box-1\",\"labeler\":\"\",\"ts\":\"" + ts(1) + "\"}");
        Path corpusWithTruth = write(dir.resolve("with-truth.jsonl"), withTruth);
        Path corpus = write(dir.resolve("without.jsonl"), without);
        Path labelsFile = write(dir.resolve("labels.jsonl"), labels);

        String inEvents = TestPostgres.freshSchema();
        String labelled = TestPostgres.freshSchema();
        try (ModelServer server =
                new ModelServer(
                        q -> {
                            int box = Integer.parseInt(q.replaceAll("\\D", ""));
                            return Reply.answer(
                                            "There are " + said(box) + " items, a box and a dog.")
                                    .tokens(300, 8);
                        })) {
            Path endpoints = dir.resolve("endpoints.yaml");
            Files.writeString(
                    endpoints,
                    "endpoints:\n"
                            + ReplayJournalITCase.endpoint("alpha", server)
                            + ReplayJournalITCase.endpoint("beta", server)
                            + "    repeats: 2\n");
            assertThat(
                            ReplayJournalITCase.replayIntoStore(
                                    corpusWithTruth,
                                    endpoints,
                                    dir.resolve("in-events"),
                                    RUN,
                                    inEvents))
                    .isZero();
            assertThat(
                            ReplayJournalITCase.replayIntoStore(
                                    corpus,
                                    endpoints,
                                    dir.resolve("labelled"),
                                    RUN,
                                    labelled,
                                    "--labels",
                                    labelsFile.toString()))
                    .isZero();
        }

        // Answer rows: equal but for truth (latency is measured, so it differs between runs).
        List<AnswerRow> baseline = OutputDirectory.readAnswers(dir.resolve("in-events"));
        assertThat(baseline).hasSize(QUESTIONS * 3);
        assertThat(baseline.stream().filter(a -> a.correct() != null)).hasSize(QUESTIONS * 3);
        assertThat(baseline.stream().filter(a -> a.hallucination() != null))
                .hasSize(QUESTIONS / 2 * 3);
        assertThat(comparable(OutputDirectory.readAnswers(dir.resolve("labelled"))))
                .containsExactlyElementsOf(comparable(baseline));

        Map<String, String> truthById =
                OutputDirectory.readAnswers(dir.resolve("labelled")).stream()
                        .collect(
                                Collectors.toMap(
                                        AnswerRow::requestId,
                                        a -> String.valueOf(a.truth()),
                                        (a, b) -> {
                                            assertThat(a).isEqualTo(b);
                                            return a;
                                        }));
        for (int i = 0; i < QUESTIONS; i++) {
            String want =
                    switch (i % 4) {
                        case 0 -> "label:alice";
                        case 1 -> "label:bob";
                        case 2 -> "label:dave";
                        default -> "reference";
                    };
            assertThat(truthById.get("box-" + i)).as("box-" + i).isEqualTo(want);
        }
        assertThat(truthById).doesNotContainKey("box-never");
        // Where a row's objects came from follows its truth: the label's, when it listed objects.
        for (AnswerRow a : OutputDirectory.readAnswers(dir.resolve("labelled"))) {
            assertThat(a.objectsSource())
                    .as(a.naturalKey())
                    .isEqualTo(a.hallucination() == null ? null : a.truth());
        }

        // Window rows in the files.
        assertThat(windowRows(dir.resolve("labelled")))
                .isNotEmpty()
                .containsExactlyElementsOf(windowRows(dir.resolve("in-events")));

        // The store: answers and window rows.
        String[] measured = {"written_at", "latency_ms", "truth", "objects_source"};
        String[] measuredWindows = {
            "written_at", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms"
        };
        assertThat(TestPostgres.dump(labelled, "answers", measured))
                .hasSize(QUESTIONS * 3)
                .containsExactlyElementsOf(TestPostgres.dump(inEvents, "answers", measured));
        assertThat(TestPostgres.dump(labelled, "window_metrics", measuredWindows))
                .isNotEmpty()
                .containsExactlyElementsOf(
                        TestPostgres.dump(inEvents, "window_metrics", measuredWindows));
        assertThat(
                        TestPostgres.readAnswers(labelled).stream()
                                .filter(a -> "label:alice".equals(a.truth())))
                .hasSize(QUESTIONS / 4 * 3);

        // The bad label is a dead letter naming its field.
        assertThat(Files.readString(dir.resolve("labelled").resolve("dead-letters.jsonl")))
                .contains("schema_violation")
                .contains("labeler");
    }

    static Path write(Path file, List<String> lines) throws Exception {
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** Rows as JSON without truth and latency, in natural-key order. */
    static List<String> comparable(List<AnswerRow> rows) {
        return rows.stream()
                .sorted(Comparator.comparing(AnswerRow::messageKey))
                .map(
                        a -> {
                            ObjectNode json = JsonCodec.MAPPER.valueToTree(a);
                            json.remove(List.of("truth", "objects_source", "latency_ms"));
                            return json.toString();
                        })
                .toList();
    }

    /** metrics.csv's rows without the measured latency columns, sorted. */
    static List<String> windowRows(Path out) throws Exception {
        List<List<String>> csv = Csv.parse(Files.readString(out.resolve("metrics.csv")));
        List<String> header = csv.get(0);
        List<String> rows = new ArrayList<>();
        for (List<String> row : csv.subList(1, csv.size())) {
            List<String> kept = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                if (!header.get(c).startsWith("latency_")) {
                    kept.add(header.get(c) + "=" + row.get(c));
                }
            }
            rows.add(String.join(",", kept));
        }
        rows.sort(null);
        return rows;
    }
}
