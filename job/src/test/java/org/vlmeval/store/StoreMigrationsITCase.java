package org.vlmeval.store;

import org.vlmeval.testing.TestPostgres;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vlmeval.store.StoreFixtures.answer;
import static org.vlmeval.store.StoreFixtures.answers;

/**
 * The store's Flyway migrations against the JVM's shared PostgreSQL server, a fresh schema per
 * test: applied once, concurrent starters, failures, edited scripts, newer schemas, and the
 * takeover of schemas migrated by the hand-written runner of earlier builds ({@link
 * LegacyMigrations}).
 */
class StoreMigrationsITCase {

    /** A later build's V10 that adds answers.reviewer (test resource). */
    private static final String LATER = "classpath:db/store-test/later";

    /** A V10 whose second statement fails (test resource). */
    private static final String FAILING = "classpath:db/store-test/failing";

    private static final List<String> V1_TO_V9 =
            List.of(
                    "1|answers and window metrics|SQL|true",
                    "2|attempts zero when nothing sent|SQL|true",
                    "3|grafana views and reader role|SQL|true",
                    "4|response journal and reused|SQL|true",
                    "5|alert events|SQL|true",
                    "6|repeated samples and pairwise|SQL|true",
                    "7|answers truth|SQL|true",
                    "8|judged answers apart|SQL|true",
                    "9|objects judge|SQL|true");

    private final TestPostgres.Server db = TestPostgres.shared();
    private String schema;

    @BeforeEach
    void freshSchema() {
        schema = TestPostgres.freshSchema();
    }

    private DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.jdbcUrl());
        ds.setUser(TestPostgres.SUPERUSER);
        ds.setApplicationName(TestPostgres.applicationName(schema));
        return ds;
    }

    private PostgresStore open() {
        return PostgresStore.open(db.options(schema).build());
    }

    @Test
    void migrationsCreateTablesKeysAndIndexesAndReRunningThemIsANoOp() throws Exception {
        assertThat(StoreMigrations.migrate(dataSource(), schema)).isEqualTo(9);
        List<String> before = catalog();
        assertThat(StoreMigrations.migrate(dataSource(), schema)).isZero();
        assertThat(StoreMigrations.migrate(dataSource(), schema)).isZero();
        assertThat(catalog()).isEqualTo(before);
        assertThat(versionedHistory()).isEqualTo(V1_TO_V9);

        assertThat(before)
                .contains(
                        "table answers",
                        "table window_metrics",
                        "table response_journal",
                        "table alert_events",
                        "table flyway_schema_history",
                        "index answers_pkey: CREATE UNIQUE INDEX answers_pkey ON "
                                + schema
                                + ".answers USING btree (run, request_id, endpoint, sample)",
                        "index window_metrics_pkey: CREATE UNIQUE INDEX window_metrics_pkey ON "
                                + schema
                                + ".window_metrics USING btree (run, model, category,"
                                + " window_start, window_end)",
                        "index answers_run_endpoint_time: CREATE INDEX"
                                + " answers_run_endpoint_time ON "
                                + schema
                                + ".answers USING btree (run, endpoint, \"time\")",
                        "index window_metrics_run_model_category_time: CREATE INDEX"
                                + " window_metrics_run_model_category_time ON "
                                + schema
                                + ".window_metrics USING btree (run, model, category,"
                                + " \"time\")",
                        "view leaderboard",
                        "view worst_cases",
                        "view alerts",
                        "function wilson_low",
                        "function wilson_high")
                .doesNotContain("table schema_version");
        // Grafana's time columns follow the event time and the window end.
        assertThat(before)
                .contains(
                        "column answers.time timestamp with time zone YES",
                        "column window_metrics.errors_by_kind jsonb NO",
                        "column answers.hallucinated_objects ARRAY NO",
                        "column answers.reused boolean NO",
                        "column answers.truth text YES");
        // V3's grants: the reader role may read the tables, Flyway's history included.
        assertThat(
                        query(
                                "SELECT has_table_privilege('vlm_eval_reader', '"
                                        + schema
                                        + ".answers',"
                                        + " 'SELECT') AND has_table_privilege('vlm_eval_reader', '"
                                        + schema
                                        + ".flyway_schema_history', 'SELECT')"))
                .containsExactly("t");

        // Opening a store on a migrated schema applies nothing and works.
        try (PostgresStore store = open()) {
            store.upsertAnswers(List.of(answer("run", 1)));
        }
        assertThat(versionedHistory()).isEqualTo(V1_TO_V9);
        assertThat(query("SELECT \"time\" = event_time FROM " + schema + ".answers"))
                .containsExactly("t");
    }

    @Test
    void concurrentStartersApplyEachMigrationOnce() throws Exception {
        int starters = 6;
        ExecutorService pool = Executors.newFixedThreadPool(starters);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < starters; i++) {
                tasks.add(
                        () -> {
                            go.await();
                            return StoreMigrations.migrate(dataSource(), schema);
                        });
            }
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> task : tasks) {
                results.add(pool.submit(task));
            }
            go.countDown();
            int applied = 0;
            for (Future<Integer> f : results) {
                applied += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(applied).isEqualTo(9);
        } finally {
            pool.shutdownNow();
        }
        assertThat(versionedHistory()).isEqualTo(V1_TO_V9);
    }

    @Test
    void aFailedMigrationIsRolledBackWholeAndTheSchemaStaysUsable() throws Exception {
        StoreMigrations.migrate(dataSource(), schema);
        assertThatThrownBy(() -> StoreMigrations.migrate(dataSource(), schema, FAILING))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23502"))
                .hasMessageContaining("V10__fails_half_way.sql");
        // The statement before the failing one is gone too, and nothing is recorded.
        assertThat(query("SELECT to_regclass('" + schema + ".half_way') IS NULL"))
                .containsExactly("t");
        assertThat(versionedHistory()).isEqualTo(V1_TO_V9);
        try (PostgresStore store = open()) {
            store.upsertAnswers(answers("run", 0, 3));
        }
        // A corrected V10 applies afterwards.
        assertThat(StoreMigrations.migrate(dataSource(), schema, LATER)).isEqualTo(1);
    }

    @Test
    void aMigrationChangedAfterItWasAppliedIsRefused() {
        open().close();
        db.execute(
                "UPDATE "
                        + schema
                        + ".flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
        assertThatThrownBy(this::open)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("version 1");
    }

    @Test
    void aSchemaAtANewerVersionThanThisBuildKnowsIsAccepted() throws Exception {
        assertThat(StoreMigrations.migrate(dataSource(), schema, LATER)).isEqualTo(10);
        assertThat(StoreMigrations.migrate(dataSource(), schema)).isZero();
        try (PostgresStore store = open()) {
            store.upsertAnswers(answers("run", 0, 3));
        }
        assertThat(db.count(schema, "answers")).isEqualTo(3);
        assertThat(versionedHistory()).hasSize(10).last().isEqualTo("10|reviewer column|SQL|true");
    }

    // --- takeover of schemas migrated by the old runner ------------------------------------------

    @Test
    void aSchemaOfTheOldRunnerIsTakenOverWithoutRunningItsScriptsAgain() throws Exception {
        try (Connection c = db.admin()) {
            LegacyMigrations.apply(c, schema, 3);
        }
        // Rows the old builds wrote (this build's store writes a column V3 does not have).
        db.execute(
                "INSERT INTO "
                        + schema
                        + ".answers (run, request_id, endpoint, model, event_time, question,"
                        + " error_kind, latency_ms, attempts, late) SELECT 'run', 'legacy-' || i,"
                        + " 'qwen', 'm', now(), 'Q' || i, 'timeout', 10, 1, false"
                        + " FROM generate_series(0, 4) i");
        List<String> rows = db.dump(schema, "answers");
        List<String> legacy = db.dump(schema, "schema_version");
        List<String> before = catalog();

        try (PostgresStore store = open()) {
            store.upsertAnswers(answers("run", 5, 6));
        }
        // Nothing ran again: the rows, the old table and every object are as they were but for
        // what V4 to V8 add; Flyway's history: the baseline at V3, then V4 to V8.
        assertThat(
                        db.dump(
                                schema,
                                "answers",
                                "reused",
                                "sample",
                                "reading",
                                "truth",
                                "objects_source"))
                .containsAll(rows)
                .hasSize(6);
        assertThat(db.dump(schema, "schema_version")).isEqualTo(legacy).hasSize(3);
        assertThat(catalog())
                .filteredOn(item -> !item.contains("flyway_schema_history"))
                .filteredOn(item -> !item.contains("response_journal"))
                .filteredOn(item -> !item.contains("alert_events"))
                .filteredOn(item -> !item.equals("view alerts"))
                .filteredOn(item -> !item.startsWith("column alerts."))
                .filteredOn(item -> !item.startsWith("column answers.reused "))
                .filteredOn(item -> !item.startsWith("column answers.sample "))
                .filteredOn(item -> !item.startsWith("column answers.reading "))
                .filteredOn(item -> !item.startsWith("column answers.truth "))
                .filteredOn(item -> !item.startsWith("index answers_pkey:"))
                .filteredOn(
                        item ->
                                !item.matches(
                                        "(view|column|function) (sample_groups|stability|pairwise_metrics|mcnemar_p|paired_difference|pairwise_in|reference_answers)\\b.*"))
                .filteredOn(
                        item ->
                                !item.matches(
                                        "column (leaderboard|category_comparison|window_metrics)\\.judged.*"))
                // V9: objects judges
                .filteredOn(
                        item ->
                                !item.matches(
                                        "(table|view|column|index) (judged_objects|judgements|judge_costs|judged_hallucination).*"))
                .filteredOn(item -> !item.startsWith("column answers.objects_source"))
                .isEqualTo(
                        // V6 adds the sample to the key
                        before.stream()
                                .filter(item -> !item.startsWith("index answers_pkey:"))
                                .toList());
        assertThat(history())
                .containsExactly(
                        "3|taken over from schema_version|BASELINE|true",
                        "4|response journal and reused|SQL|true",
                        "5|alert events|SQL|true",
                        "6|repeated samples and pairwise|SQL|true",
                        "7|answers truth|SQL|true",
                        "8|judged answers apart|SQL|true",
                        "9|objects judge|SQL|true");
        // Opening it again changes nothing; a later build's migration applies on top.
        open().close();
        assertThat(history()).hasSize(7);
        assertThat(StoreMigrations.migrate(dataSource(), schema, LATER)).isEqualTo(1);
        assertThat(history())
                .containsExactly(
                        "3|taken over from schema_version|BASELINE|true",
                        "4|response journal and reused|SQL|true",
                        "5|alert events|SQL|true",
                        "6|repeated samples and pairwise|SQL|true",
                        "7|answers truth|SQL|true",
                        "8|judged answers apart|SQL|true",
                        "9|objects judge|SQL|true",
                        "10|reviewer column|SQL|true");
        assertThat(db.rows(schema, "answers"))
                .hasSize(6)
                .allSatisfy(row -> assertThat(row).containsEntry("reviewer", null));
    }

    @Test
    void aSchemaOfTheOldRunnerAtV2GetsV3FromFlyway() throws Exception {
        try (Connection c = db.admin()) {
            LegacyMigrations.apply(c, schema, 2);
        }
        assertThat(StoreMigrations.migrate(dataSource(), schema)).isEqualTo(7);
        assertThat(history())
                .containsExactly(
                        "2|taken over from schema_version|BASELINE|true",
                        "3|grafana views and reader role|SQL|true",
                        "4|response journal and reused|SQL|true",
                        "5|alert events|SQL|true",
                        "6|repeated samples and pairwise|SQL|true",
                        "7|answers truth|SQL|true",
                        "8|judged answers apart|SQL|true",
                        "9|objects judge|SQL|true");
        assertThat(catalog()).contains("view leaderboard", "function wilson_low");
    }

    @Test
    void aSchemaTheOldRunnerFailedToMigrateGetsEveryScriptFromFlyway() throws Exception {
        // The old runner created schema_version before V1, which then failed and was rolled back.
        try (Connection c = db.admin()) {
            LegacyMigrations.apply(c, schema, 0);
        }
        assertThat(StoreMigrations.migrate(dataSource(), schema)).isEqualTo(9);
        assertThat(history())
                .containsExactly(
                        "0|taken over from schema_version|BASELINE|true",
                        V1_TO_V9.get(0),
                        V1_TO_V9.get(1),
                        V1_TO_V9.get(2),
                        V1_TO_V9.get(3),
                        V1_TO_V9.get(4),
                        V1_TO_V9.get(5),
                        V1_TO_V9.get(6),
                        V1_TO_V9.get(7),
                        V1_TO_V9.get(8));
    }

    @Test
    void aSchemaWithOtherObjectsButNeitherHistoryIsRefused() throws Exception {
        db.execute("CREATE SCHEMA " + schema);
        db.execute("CREATE TABLE " + schema + ".someone_elses (x integer)");
        assertThatThrownBy(() -> StoreMigrations.migrate(dataSource(), schema))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("non-empty schema");
        assertThat(query("SELECT to_regclass('" + schema + ".answers') IS NULL"))
                .containsExactly("t");
    }

    @Test
    void concurrentStartersTakeOverAnOldSchemaOnce() throws Exception {
        try (Connection c = db.admin()) {
            LegacyMigrations.apply(c, schema, 3);
        }
        int starters = 4;
        ExecutorService pool = Executors.newFixedThreadPool(starters);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < starters; i++) {
                results.add(
                        pool.submit(
                                () -> {
                                    go.await();
                                    return StoreMigrations.migrate(dataSource(), schema);
                                }));
            }
            go.countDown();
            int applied = 0;
            for (Future<Integer> f : results) {
                applied += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(applied).as("V4 to V9, once").isEqualTo(6);
        } finally {
            pool.shutdownNow();
        }
        assertThat(history())
                .containsExactly(
                        "3|taken over from schema_version|BASELINE|true",
                        "4|response journal and reused|SQL|true",
                        "5|alert events|SQL|true",
                        "6|repeated samples and pairwise|SQL|true",
                        "7|answers truth|SQL|true",
                        "8|judged answers apart|SQL|true",
                        "9|objects judge|SQL|true");
    }

    // ---------------------------------------------------------------------------------------------

    /** Flyway's history as version|description|type|success, in order of installation. */
    private List<String> history() throws SQLException {
        return query(
                "SELECT concat_ws('|', version, description, type, success::text) FROM "
                        + schema
                        + ".flyway_schema_history ORDER BY installed_rank");
    }

    /** The history without the row that records Flyway's creation of the schema. */
    private List<String> versionedHistory() throws SQLException {
        return history().stream().filter(row -> !row.contains("|SCHEMA|")).toList();
    }

    private List<String> query(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.admin();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private List<String> catalog() throws SQLException {
        List<String> items = new ArrayList<>();
        try (Connection c = db.admin();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT 'table ' || tablename FROM pg_tables WHERE schemaname = ?"
                                        + " UNION ALL SELECT 'view ' || viewname FROM pg_views"
                                        + " WHERE schemaname = ?"
                                        + " UNION ALL SELECT 'function ' || proname FROM pg_proc"
                                        + " WHERE pronamespace = ?::regnamespace"
                                        + " UNION ALL SELECT 'index ' || indexname || ': ' ||"
                                        + " indexdef FROM pg_indexes WHERE schemaname = ?"
                                        + " UNION ALL SELECT 'column ' || table_name || '.' ||"
                                        + " column_name || ' ' || data_type || ' ' || is_nullable"
                                        + " FROM information_schema.columns WHERE table_schema = ?"
                                        + " ORDER BY 1")) {
            for (int i = 1; i <= 5; i++) {
                ps.setString(i, schema);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(rs.getString(1));
                }
            }
        }
        return items;
    }
}
