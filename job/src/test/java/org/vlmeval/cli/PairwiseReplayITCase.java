package org.vlmeval.cli;

import org.vlmeval.model.JsonCodec;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;
import org.vlmeval.testing.PlantedRuns;
import org.vlmeval.testing.TestPostgres;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Two models in one replay, one 10 points better on one category only: model-b (Ollama wire format)
 * answers the chart questions right 28 times where model-a (OpenAI format) is wrong and wrong 8
 * times where model-a is right; on the ocr questions both answer alike. The paired comparison must
 * find exactly that — discordant counts, the exact McNemar p-value computed independently, no
 * difference on ocr — in summary.json, the store's pairwise_metrics and the report's matrix.
 */
class PairwiseReplayITCase {

    static final int EVENTS = 400;

    static boolean chart(int i) {
        return i % 2 == 0;
    }

    static final IntPredicate A_RIGHT = i -> i % 5 != 0;

    static final IntPredicate B_RIGHT =
            i -> {
                if (!chart(i)) {
                    return A_RIGHT.test(i);
                }
                if (i % 10 == 0) {
                    return i < 280; // 28 of model-a's 40 wrong chart answers
                }
                return !(i % 10 == 2 && i < 80); // 8 of model-a's right ones
            };

    static Reply reply(String question, IntPredicate right) {
        int box = Integer.parseInt(question.replaceAll("\\D", ""));
        return Reply.answer("There are " + (right.test(box) ? box : box + 1) + " items.")
                .tokens(200, 5);
    }

    @Test
    void theModelBetterOnChartsIsFoundThereAndOnlyThere(@TempDir Path dir) throws Exception {
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            corpus.add(
                    "{\"id\":\"box-"
                            + i
                            + "\",\"ts\":\"2026-03-01T10:00:00Z\",\"category\":\""
                            + (chart(i) ? "chart" : "ocr")
                            + "\",\"question\":\"How many items are in box "
                            + i
                            + "?\",\"reference\":{\"type\":\"numeric\",\"value\":"
                            + i
                            + "}}");
        }
        Path corpusFile = dir.resolve("corpus.jsonl");
        Files.write(corpusFile, corpus, StandardCharsets.UTF_8);
        String schema = TestPostgres.freshSchema();
        try (ModelServer a = new ModelServer(q -> reply(q, A_RIGHT));
                ModelServer b = new ModelServer(q -> reply(q, B_RIGHT))) {
            Path endpoints = dir.resolve("endpoints.yaml");
            Files.writeString(
                    endpoints,
                    "endpoints:\n"
                            + ReplayJournalITCase.endpoint("model-a", a)
                            + "  - {name: model-b, protocol: ollama, base_url: '"
                            + b.ollamaBaseUrl()
                            + "', model: model-b, max_concurrency: 4, max_retries: 0}\n");
            Path out = dir.resolve("out");
            assertThat(
                            ReplayJournalITCase.replayIntoStore(
                                    corpusFile, endpoints, out, "pairs", schema))
                    .isZero();

            // Independently: A-right/B-wrong 8, A-wrong/B-right 28, all on charts.
            double exact = PlantedRuns.exactMcNemar(8, 36);

            JsonNode pairs =
                    JsonCodec.MAPPER.readTree(out.resolve("summary.json").toFile()).get("pairs");
            assertThat(pairs).hasSize(1);
            JsonNode pair = pairs.get(0);
            assertThat(pair.get("a").asText()).isEqualTo("model-a");
            assertThat(pair.get("events").asLong()).isEqualTo(EVENTS);
            assertThat(pair.get("a_only").asLong()).isEqualTo(8);
            assertThat(pair.get("b_only").asLong()).isEqualTo(28);
            assertThat(pair.get("difference").asDouble()).isCloseTo(-0.05, within(1e-12));
            assertThat(pair.get("p_value").asDouble()).isCloseTo(exact, within(1e-9 * exact));

            Map<String, Map<String, Object>> rows = new java.util.TreeMap<>();
            for (Map<String, Object> row : TestPostgres.rows(schema, "pairwise_metrics")) {
                if (row.get("measure").equals("accuracy")) {
                    rows.put((String) row.get("category"), row);
                }
            }
            assertThat(rows).containsOnlyKeys("*", "chart", "ocr");
            Map<String, Object> charts = rows.get("chart");
            assertThat(((Number) charts.get("events")).longValue()).isEqualTo(EVENTS / 2);
            assertThat(((Number) charts.get("a_only")).longValue()).isEqualTo(8);
            assertThat(((Number) charts.get("b_only")).longValue()).isEqualTo(28);
            assertThat((Double) charts.get("difference")).isCloseTo(-0.10, within(1e-12));
            assertThat((Double) charts.get("p_value")).isCloseTo(exact, within(1e-9 * exact));
            assertThat((Double) charts.get("p_holm")).isCloseTo(exact, within(1e-9 * exact));
            Map<String, Object> ocr = rows.get("ocr");
            assertThat((Double) ocr.get("difference")).isZero();
            assertThat((Double) ocr.get("p_value")).isEqualTo(1.0);
            assertThat((Double) rows.get("*").get("p_value"))
                    .isCloseTo(exact, within(1e-9 * exact));

            String report = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
            assertThat(report).contains("<section class=\"pairwise\">");
        }
    }
}
