package org.vlmeval.cli;

import org.vlmeval.metrics.Wilson;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;
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
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answer stability end to end through {@code vlm-eval replay --store}: a simulated OpenAI server
 * whose answer to each call flips to a wrong value with probability 0.3, independently per call
 * (the planted instability), asked 3 times per question ({@code repeats: 3}; every tenth event
 * overrides it with {@code "repeats": 1}). Which calls flip is fixed per (question, n-th call), so
 * the test knows each question's set of answers and computes the stable and majority counts on its
 * own; the measured stability must also hold the planted rate 0.7³ + 0.3³ in its 95% interval.
 */
class RepeatsITCase {

    static final int EVENTS = 300;
    static final int REPEATS = 3;
    static final double FLIP = 0.3;

    static boolean flips(int event, int call) {
        return new SplittableRandom(event * 1_000L + call).nextDouble() < FLIP;
    }

    static int samples(int event) {
        return event % 10 == 9 ? 1 : REPEATS;
    }

    @Test
    void stabilityIsThePlantedRateAndEverySampleIsPaidOnce(@TempDir Path dir) throws Exception {
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            corpus.add(
                    "{\"id\":\"box-"
                            + i
                            + "\",\"ts\":\"2026-03-01T10:"
                            + String.format("%02d", i % 60)
                            + ":00Z\",\"category\":\""
                            + (i % 2 == 0 ? "chart" : "ocr")
                            + "\",\"question\":\"How many items are in box "
                            + i
                            + "?\",\"reference\":{\"type\":\"numeric\",\"value\":"
                            + i
                            + "}"
                            + (samples(i) == 1 ? ",\"repeats\":1" : "")
                            + "}");
        }
        Path corpusFile = dir.resolve("corpus.jsonl");
        Files.write(corpusFile, corpus, StandardCharsets.UTF_8);
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        String schema = TestPostgres.freshSchema();
        try (ModelServer server =
                new ModelServer(
                        q -> {
                            int box = Integer.parseInt(q.replaceAll("\\D", ""));
                            int call =
                                    calls.computeIfAbsent(q, k -> new AtomicInteger())
                                            .getAndIncrement();
                            int said = flips(box, call) ? box + 1 : box;
                            return Reply.answer("There are " + said + " items.").tokens(300, 6);
                        })) {
            Path endpoints = dir.resolve("endpoints.yaml");
            Files.writeString(
                    endpoints,
                    "endpoints:\n"
                            + ReplayJournalITCase.endpoint("flaky", server)
                            + "    temperature: 0.7\n    repeats: "
                            + REPEATS
                            + "\n");
            for (String out : List.of("first", "second")) {
                int exit =
                        ReplayJournalITCase.replayIntoStore(
                                corpusFile, endpoints, dir.resolve(out), "repeated", schema);
                assertThat(exit).isZero();
            }

            // Every sample is a call of its own, journalled on its own: the second replay of the
            // run asked nothing again.
            int repeated = 0;
            int expectedCalls = 0;
            int stable = 0;
            int majorityRight = 0;
            int firstCallRight = 0;
            for (int i = 0; i < EVENTS; i++) {
                expectedCalls += samples(i);
                if (samples(i) == 1) {
                    continue;
                }
                repeated++;
                int flipped = 0;
                for (int call = 0; call < REPEATS; call++) {
                    flipped += flips(i, call) ? 1 : 0;
                }
                stable += flipped == 0 || flipped == REPEATS ? 1 : 0;
                majorityRight += flipped <= REPEATS / 2 ? 1 : 0;
                firstCallRight += flips(i, 0) ? 0 : 1;
            }
            assertThat(server.requests()).isEqualTo(expectedCalls);
            assertThat(expectedCalls).isEqualTo(270 * REPEATS + 30);

            for (String out : List.of("first", "second")) {
                JsonNode m = ReplayJournalITCase.summary(dir.resolve(out), "flaky");
                assertThat(m.get("requests").asLong()).as(out).isEqualTo(expectedCalls);
                assertThat(m.get("answered").asLong()).as("first samples").isEqualTo(EVENTS);
                assertThat(m.get("repeated_events").asLong()).isEqualTo(repeated);
                assertThat(m.get("stable_events").asLong()).isEqualTo(stable);
                assertThat(m.get("majority_accuracy").asDouble())
                        .isEqualTo((double) majorityRight / repeated);
                // Tokens and cost count every sample, each one was paid.
                assertThat(m.get("input_tokens").asLong()).isEqualTo(300L * expectedCalls);
            }
            assertThat(
                            ReplayJournalITCase.summary(dir.resolve("second"), "flaky")
                                    .get("reused")
                                    .asLong())
                    .isEqualTo(expectedCalls);

            // The planted rate: three independent calls agree with probability 0.7³ + 0.3³.
            double planted = Math.pow(1 - FLIP, REPEATS) + Math.pow(FLIP, REPEATS);
            var ci = Wilson.interval95(stable, repeated);
            assertThat(planted).isBetween(ci.low(), ci.high());
            // Which call answers sample 0 depends on arrival order at the server, so the
            // first-sample accuracy is only known in distribution: 0.7 within its interval.
            JsonNode m = ReplayJournalITCase.summary(dir.resolve("first"), "flaky");
            long firstScored = m.get("scored").asLong();
            var firstCi =
                    Wilson.interval95(
                            Math.round(m.get("accuracy").asDouble() * firstScored), firstScored);
            assertThat(1 - FLIP).isBetween(firstCi.low(), firstCi.high());
            assertThat(firstCallRight).isPositive();

            // The store has every sample, and its stability view says what the summary says.
            List<AnswerRow> stored = TestPostgres.readAnswers(schema);
            assertThat(stored).hasSize(expectedCalls);
            assertThat(stored.stream().filter(r -> r.sample() == 2).count()).isEqualTo(repeated);
            Map<String, Object> view =
                    TestPostgres.rows(schema, "stability").stream()
                            .filter(r -> "*".equals(r.get("category")))
                            .findFirst()
                            .orElseThrow();
            assertThat(((Number) view.get("repeated_events")).longValue()).isEqualTo(repeated);
            assertThat(((Number) view.get("stable_events")).longValue()).isEqualTo(stable);
            assertThat(((Number) view.get("majority_accuracy")).doubleValue())
                    .isEqualTo((double) majorityRight / repeated);
            long perCategory =
                    TestPostgres.rows(schema, "stability").stream()
                            .filter(r -> !"*".equals(r.get("category")))
                            .mapToLong(r -> ((Number) r.get("repeated_events")).longValue())
                            .sum();
            assertThat(perCategory).isEqualTo(repeated);
        }
    }
}
