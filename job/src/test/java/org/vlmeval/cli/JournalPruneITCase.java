package org.vlmeval.cli;

import org.vlmeval.store.PostgresStore;
import org.vlmeval.testing.TestPostgres;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vlm-eval journal prune} against the embedded PostgreSQL. */
class JournalPruneITCase {

    private static final String USER = "journal_pruner";
    private static final String PASSWORD = "prune-secret";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String schema;

    /** Run a: 3 rows 40 days old, 1 row fresh; run b: 2 rows fresh. */
    @BeforeEach
    void journal() {
        schema = TestPostgres.freshSchema();
        PostgresStore.open(TestPostgres.options(schema).build()).close();
        insert("a", "q1", "40 days");
        insert("a", "q2", "40 days");
        insert("a", "q3", "40 days");
        insert("a", "q4", "0 days");
        insert("b", "q1", "1 hour");
        insert("b", "q2", "0 days");
    }

    private void insert(String run, String request, String age) {
        TestPostgres.execute(
                "INSERT INTO "
                        + schema
                        + ".response_journal (run, request_id, endpoint, sample, fingerprint,"
                        + " model, response_text, latency_ms, attempts, recorded_at) VALUES ('"
                        + run
                        + "', '"
                        + request
                        + "', 'model-a', 0, 'f', 'm', 'Seven.', 10, 1, now() - interval '"
                        + age
                        + "')");
    }

    private int prune(Map<String, String> environment, String... args) {
        CommandLine cli = VlmEval.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ((JournalCommand.Prune)
                                cli.getSubcommands()
                                        .get("journal")
                                        .getSubcommands()
                                        .get("prune")
                                        .getCommand())
                        .environment =
                environment::get;
        List<String> all = new ArrayList<>(List.of("journal", "prune"));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    private int prune(String... args) {
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "--store",
                                TestPostgres.jdbcUrl(),
                                "--store-user",
                                TestPostgres.SUPERUSER,
                                "--store-schema",
                                schema));
        all.addAll(List.of(args));
        return prune(Map.of(), all.toArray(String[]::new));
    }

    private List<String> remaining() {
        return TestPostgres.rows(schema, "response_journal").stream()
                .map(r -> r.get("run") + "/" + r.get("request_id"))
                .sorted()
                .toList();
    }

    @Test
    void aDryRunCountsAndDeletesNothing() {
        assertThat(prune("--run", "a", "--dry-run")).isZero();
        assertThat(out.toString()).contains("would delete 4 journal row(s) of run a");
        assertThat(prune("--older-than", "720h", "--dry-run")).isZero();
        assertThat(out.toString()).contains("would delete 3 journal row(s)");
        assertThat(TestPostgres.count(schema, "response_journal")).isEqualTo(6);
    }

    @Test
    void olderThanDeletesTheOldRowsOfEveryRun() {
        assertThat(prune("--older-than", "720h")).isZero();
        assertThat(out.toString()).contains("deleted 3 journal row(s)");
        assertThat(remaining()).containsExactly("a/q4", "b/q1", "b/q2");
        // Nothing is older than 30 minutes but b/q1 now.
        assertThat(prune("--older-than", "30m")).isZero();
        assertThat(out.toString()).contains("deleted 1 journal row(s)");
        assertThat(remaining()).containsExactly("a/q4", "b/q2");
    }

    @Test
    void runDeletesTheRowsOfThatRunOnly() {
        assertThat(prune("--run", "a")).isZero();
        assertThat(out.toString()).contains("deleted 4 journal row(s) of run a");
        assertThat(remaining()).containsExactly("b/q1", "b/q2");
        assertThat(prune("--run", "a")).isZero();
        assertThat(out.toString()).contains("deleted 0 journal row(s) of run a");
    }

    @Test
    void usageErrorsAreExit64AndDeleteNothing() {
        assertThat(prune()).as("neither --run nor --older-than").isEqualTo(64);
        assertThat(prune("--run", "a", "--older-than", "720h")).as("both").isEqualTo(64);
        assertThat(prune("--older-than", "30d")).as("days are not a unit").isEqualTo(64);
        assertThat(prune("--older-than", "-1h")).isEqualTo(64);
        assertThat(prune("--run", " ")).isEqualTo(64);
        assertThat(prune(Map.of(), "--run", "a")).as("no --store").isEqualTo(64);
        assertThat(err.toString()).contains("--store is required");
        assertThat(TestPostgres.count(schema, "response_journal")).isEqualTo(6);
    }

    @Test
    void anUnusableStoreIsExit78() {
        TestPostgres.createPasswordUser(USER, PASSWORD);
        String[] store = {
            "--store",
            TestPostgres.jdbcUrl(),
            "--store-user",
            USER,
            "--store-password-env",
            "PRUNE_PASSWORD",
            "--store-schema",
            schema,
            "--run",
            "a"
        };
        assertThat(prune(Map.of("PRUNE_PASSWORD", "wrong"), store)).isEqualTo(78);
        assertThat(prune(Map.of(), store)).as("password variable unset").isEqualTo(78);
        assertThat(err.toString()).contains("PRUNE_PASSWORD").doesNotContain("wrong");
        assertThat(TestPostgres.count(schema, "response_journal")).isEqualTo(6);
    }
}
