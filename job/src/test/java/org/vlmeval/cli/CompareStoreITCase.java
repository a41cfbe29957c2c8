package org.vlmeval.cli;

import org.vlmeval.model.JsonCodec;
import org.vlmeval.sinks.files.OutputDirectory;
import org.vlmeval.store.PostgresStore;
import org.vlmeval.testing.PlantedRuns;
import org.vlmeval.testing.TestPostgres;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code vlm-eval compare} reading runs by id from a real PostgreSQL store. */
class CompareStoreITCase {

    @TempDir Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String schema;

    /** Runs base and cand (the planted 5-point regression) written by the store's own upserts. */
    @BeforeEach
    void store() {
        schema = TestPostgres.freshSchema();
        try (PostgresStore store = PostgresStore.open(TestPostgres.options(schema).build())) {
            store.upsertAnswers(PlantedRuns.run("base", PlantedRuns.BASELINE));
            store.upsertAnswers(PlantedRuns.run("cand", PlantedRuns.FIVE_POINTS_WORSE));
            store.upsertAnswers(PlantedRuns.run("other", i -> true));
        }
    }

    private int compare(String... args) {
        return compareAs(TestPostgres.SUPERUSER, Map.of(), args);
    }

    /** Runs compare as store user {@code user}, its password variables read from {@code env}. */
    private int compareAs(String user, Map<String, String> env, String... args) {
        CommandLine cli = VlmEval.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ((CompareCommand) cli.getSubcommands().get("compare").getCommand()).environment = env::get;
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "compare",
                                "--store",
                                TestPostgres.jdbcUrl(),
                                "--store-user",
                                user,
                                "--store-schema",
                                schema,
                                "--json"));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    private JsonNode overallAccuracy() throws Exception {
        for (JsonNode r : JsonCodec.MAPPER.readTree(out.toString()).get("rows")) {
            if (r.get("category").asText().equals("*")
                    && r.get("measure").asText().equals("accuracy")) {
                return r;
            }
        }
        throw new AssertionError("no overall accuracy row in " + out);
    }

    @Test
    void runIdsAreReadFromTheStoreAndGated() throws Exception {
        assertThat(compare("--baseline", "base", "--candidate", "cand"))
                .as(err.toString())
                .isEqualTo(3);
        JsonNode row = overallAccuracy();
        assertThat(row.get("test").asText()).isEqualTo("paired");
        assertThat(row.get("paired").get("baseline_only").asLong()).isEqualTo(26);
        assertThat(row.get("paired").get("candidate_only").asLong()).isEqualTo(6);
        double exact = PlantedRuns.exactMcNemar(6, 32);
        assertThat(row.get("p").asDouble()).isCloseTo(exact, within(exact * 1e-12));
    }

    @Test
    void aStoredRunComparesWithADirectoryAsWithItself() throws Exception {
        Path dir = tmp.resolve("cand-dir");
        OutputDirectory.writeAnswers(dir, PlantedRuns.run("cand", PlantedRuns.FIVE_POINTS_WORSE));
        assertThat(compare("--baseline", "base", "--candidate", "cand")).isEqualTo(3);
        JsonNode fromStore = overallAccuracy();
        out.getBuffer().setLength(0);
        assertThat(compare("--baseline", "base", "--candidate", dir.toString())).isEqualTo(3);
        JsonNode fromDir = overallAccuracy();
        assertThat(fromDir.get("p")).isEqualTo(fromStore.get("p"));
        assertThat(fromDir.get("paired")).isEqualTo(fromStore.get("paired"));
        // An improvement is no regression.
        out.getBuffer().setLength(0);
        assertThat(compare("--baseline", "base", "--candidate", "other")).isZero();
    }

    @Test
    void theReadOnlyRoleIsEnough() throws Exception {
        // Grafana's kind of user: a member of vlm_eval_reader (SELECT only) can gate CI. (It does
        // not show that compare skips the migration: Flyway on an up-to-date schema only reads.)
        TestPostgres.createPasswordUser("compare_reader", "read-only-secret");
        TestPostgres.execute("GRANT vlm_eval_reader TO compare_reader");
        int exit =
                compareAs(
                        "compare_reader",
                        Map.of("READER_PASSWORD", "read-only-secret"),
                        "--store-password-env",
                        "READER_PASSWORD",
                        "--baseline",
                        "base",
                        "--candidate",
                        "cand");
        assertThat(exit).as(err.toString()).isEqualTo(3);
        assertThat(overallAccuracy().get("paired").get("baseline_only").asLong()).isEqualTo(26);
    }

    @Test
    void anUnknownRunIsReported() {
        assertThat(compare("--baseline", "base", "--candidate", "no-such-run")).isEqualTo(1);
        assertThat(err.toString()).contains("the store has no answers of run no-such-run");
    }
}
