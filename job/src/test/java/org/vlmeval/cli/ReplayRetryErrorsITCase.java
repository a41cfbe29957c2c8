package org.vlmeval.cli;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;
import org.vlmeval.testing.TestPostgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vlmeval.cli.ReplayJournalITCase.endpoint;
import static org.vlmeval.cli.ReplayJournalITCase.number;
import static org.vlmeval.cli.ReplayJournalITCase.question;
import static org.vlmeval.cli.ReplayJournalITCase.summary;

/**
 * {@code vlm-eval replay --run-id R --retry-errors}: an endpoint that refused some questions (HTTP
 * 400, journalled {@code client_error}) is fixed; the re-run asks exactly those questions again,
 * reuses every journalled answer, replaces the journalled errors and the stored rows with the new
 * answers; a further plain re-run asks nothing.
 */
class ReplayRetryErrorsITCase {

    static final int QUESTIONS = 20;

    @Test
    void retryErrorsAsksTheJournalledErrorsAgainAndNothingElse(@TempDir Path dir) throws Exception {
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
        // Every 5th question is refused until the endpoint is "fixed".
        AtomicBoolean fixed = new AtomicBoolean();
        try (ModelServer a =
                new ModelServer(
                        q ->
                                number(q) % 5 == 0 && !fixed.get()
                                        ? Reply.status(400)
                                        : Reply.answer("There are " + number(q) + " items.")
                                                .tokens(300, 6))) {
            Path endpoints = dir.resolve("endpoints.yaml");
            Files.writeString(endpoints, "endpoints:\n" + endpoint("model-a", a));
            int refused = QUESTIONS / 5;

            assertThat(replay(dir.resolve("first"), corpusFile, endpoints, schema)).isZero();
            assertThat(a.requests()).isEqualTo(QUESTIONS);
            assertThat(summary(dir.resolve("first"), "model-a").get("errors").asLong())
                    .isEqualTo(refused);
            assertThat(errorKinds(schema)).containsOnlyKeys("q0", "q5", "q10", "q15");
            assertThat(errorKinds(schema).values()).containsOnly("client_error");

            // Without --retry-errors a re-run reuses the errors too: nothing is asked.
            assertThat(replay(dir.resolve("plain"), corpusFile, endpoints, schema)).isZero();
            assertThat(a.requests()).isEqualTo(QUESTIONS);

            fixed.set(true);
            assertThat(
                            replay(
                                    dir.resolve("retry"),
                                    corpusFile,
                                    endpoints,
                                    schema,
                                    "--retry-errors"))
                    .isZero();
            // Exactly the refused questions were asked again, nothing else.
            for (int i = 0; i < QUESTIONS; i++) {
                assertThat(a.timesAsked(question(i)))
                        .as("times %s was asked", question(i))
                        .isEqualTo(i % 5 == 0 ? 2 : 1);
            }
            assertThat(a.requests()).isEqualTo(QUESTIONS + refused);
            var retried = summary(dir.resolve("retry"), "model-a");
            assertThat(retried.get("errors").asLong()).isZero();
            assertThat(retried.get("reused").asLong()).isEqualTo(QUESTIONS - refused);
            assertThat(retried.get("correct").asLong()).isEqualTo(QUESTIONS);

            // The journal holds answers only now (the errors were replaced, not added to) ...
            assertThat(TestPostgres.count(schema, "response_journal")).isEqualTo(QUESTIONS);
            assertThat(errorKinds(schema)).isEmpty();
            // ... and the store's rows are the new answers, paid for now (not reused).
            List<AnswerRow> stored = TestPostgres.readAnswers(schema);
            assertThat(stored)
                    .hasSize(QUESTIONS)
                    .allSatisfy(r -> assertThat(r.errorKind()).isNull());
            assertThat(stored)
                    .allSatisfy(
                            r ->
                                    assertThat(r.reused())
                                            .as(r.requestId())
                                            .isEqualTo(number(r.question()) % 5 != 0));

            // The new answers are journalled: a plain re-run asks nothing and reuses them all.
            assertThat(replay(dir.resolve("again"), corpusFile, endpoints, schema)).isZero();
            assertThat(a.requests()).isEqualTo(QUESTIONS + refused);
            assertThat(summary(dir.resolve("again"), "model-a").get("reused").asLong())
                    .isEqualTo(QUESTIONS);
        }
    }

    @Test
    void retryErrorsNeedsARunIdAndAStore(@TempDir Path dir) throws Exception {
        Path corpusFile = dir.resolve("corpus.jsonl");
        Files.writeString(corpusFile, "");
        assertThat(
                        VlmEval.run(
                                "replay",
                                "--corpus",
                                corpusFile.toString(),
                                "--run-id",
                                "r",
                                "--retry-errors"))
                .isEqualTo(64);
        assertThat(
                        VlmEval.run(
                                "replay",
                                "--corpus",
                                corpusFile.toString(),
                                "--store",
                                TestPostgres.jdbcUrl(),
                                "--retry-errors"))
                .isEqualTo(64);
    }

    private static int replay(
            Path out, Path corpus, Path endpoints, String schema, String... more) {
        return ReplayJournalITCase.replayIntoStore(corpus, endpoints, out, "retried", schema, more);
    }

    /** Journalled error kinds by request id (q + number). */
    private static Map<String, String> errorKinds(String schema) {
        Map<String, String> kinds = new java.util.TreeMap<>();
        for (Map<String, Object> row : TestPostgres.rows(schema, "response_journal")) {
            if (row.get("error_kind") != null) {
                kinds.put(
                        "q" + ((String) row.get("request_id")).replace("box-", ""),
                        (String) row.get("error_kind"));
            }
        }
        return kinds;
    }
}
