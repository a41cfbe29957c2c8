package org.vlmeval.store;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.testing.Rows;
import org.vlmeval.testing.TestPostgres;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vlmeval.store.StoreFixtures.T0;
import static org.vlmeval.store.StoreFixtures.answer;
import static org.vlmeval.store.StoreFixtures.answers;
import static org.vlmeval.store.StoreFixtures.errored;
import static org.vlmeval.store.StoreFixtures.window;

/** The store against a real PostgreSQL server: the JVM's shared one, a fresh schema per test. */
class PostgresStoreITCase {

    private static final String PASSWORD = "Pw-7f3c9a-do-not-print";
    private static final String PASSWORD_ENV = "VLM_EVAL_TEST_PG_PASSWORD";

    private static final String PASSWORD_USER = "writer";

    private static TestPostgres.Server db;

    private String schema;

    @BeforeAll
    static void startServer() {
        db = TestPostgres.shared();
        TestPostgres.createPasswordUser(PASSWORD_USER, PASSWORD);
    }

    @BeforeEach
    void freshSchema() {
        schema = TestPostgres.freshSchema();
    }

    private PostgresStore open() {
        return PostgresStore.open(db.options(schema).build());
    }

    private PostgresStore open(int batchSize) {
        return PostgresStore.open(db.options(schema).batchSize(batchSize).build());
    }

    // --- upserts ---------------------------------------------------------------------------------

    @Test
    void rowsRoundTripWithTheirNullsAndUpsertingThemTwiceLeavesTheTablesIdentical()
            throws Exception {
        List<AnswerRow> rows = answers("run-a", 0, 60);
        List<WindowMetricsRow> windows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            windows.add(window("run-a", i % 2 == 0 ? WindowMetricsRow.ALL_CATEGORIES : "chart", i));
        }
        try (PostgresStore store = open()) {
            store.upsertAnswers(rows);
            store.upsertWindowMetrics(windows);
            List<String> answersDump = db.dump(schema, "answers");
            List<String> windowsDump = db.dump(schema, "window_metrics");
            List<String> answerVersions = db.rowVersions(schema, "answers");
            List<String> windowVersions = db.rowVersions(schema, "window_metrics");

            store.upsertAnswers(rows);
            store.upsertWindowMetrics(windows);
            // Same content, and not even rewritten (same xmin, same written_at).
            assertThat(db.dump(schema, "answers")).isEqualTo(answersDump).hasSize(60);
            assertThat(db.dump(schema, "window_metrics")).isEqualTo(windowsDump).hasSize(20);
            assertThat(db.rowVersions(schema, "answers")).isEqualTo(answerVersions);
            assertThat(db.rowVersions(schema, "window_metrics")).isEqualTo(windowVersions);
        }
        assertThat(db.readAnswers(schema)).isEqualTo(rows);
        assertThat(db.readWindowMetrics(schema))
                .containsExactlyInAnyOrderElementsOf(windows)
                .hasSize(20);
    }

    /**
     * A batch is written by binary {@code COPY} into a staging table, a single row by a plain
     * upsert: both must store the same values, down to text with NUL and characters outside the
     * BMP, empty and non-empty arrays, nulls, extreme numbers, and instants before 1970 and 2000
     * whose nanoseconds round half up into the next second.
     */
    @Test
    void aBatchWrittenByCopyStoresWhatRowByRowUpsertsStore() throws Exception {
        List<AnswerRow> rows = new ArrayList<>();
        Instant[] times = {
            Instant.parse("1969-12-31T23:59:59.999999500Z"),
            Instant.parse("1999-12-31T23:59:59.000000499Z"),
            Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("1900-02-28T12:00:00.123456789Z"),
            Instant.parse("2262-04-11T23:47:16.854775807Z"),
            T0.plusNanos(1_500)
        };
        String[] texts = {
            "plain", "", "tab\tnew\nline\r back\\slash \\N", "nul\u0000inside", "\uD83C\uDF4B 柠檬 ü"
        };
        for (int i = 0; i < 30; i++) {
            String text = texts[i % texts.length];
            Rows.AnswerBuilder b =
                    Rows.answer(i)
                            .run("run-" + text)
                            .requestId("r" + i + text)
                            .eventTime(times[i % times.length])
                            .question("q " + text)
                            .latencyMs(i == 3 ? Long.MAX_VALUE : i)
                            .attempts(1 + i % 4)
                            .late(i % 2 == 0)
                            .reused(i % 3 == 0);
            if (i % 5 == 4) {
                b.error("timeout", "after " + text);
            } else {
                b.responseText("a " + text)
                        .finishReason(i % 2 == 0 ? "stop" : null)
                        .correct(i % 3 == 0 ? null : i % 3 == 1)
                        .score(i % 3 == 0 ? null : i % 6 == 1 ? Double.MIN_VALUE : 0.1 * (i % 10))
                        .refusal(i % 8 == 2)
                        .hallucination(i % 4 == 0 ? null : i % 4 == 1)
                        .hallucinatedObjects(i % 4 == 1 ? List.of("dog", text, "ä猫") : List.of())
                        .explanation("why " + text)
                        .tokens(i % 2 == 0 ? null : Integer.MAX_VALUE, i)
                        .cost(i % 2 == 0 ? null : 1e-300 * i)
                        .reading(i % 2 == 0 ? null : "number:" + i);
            }
            AnswerRow row = b.build();
            rows.add(i % 6 == 5 ? row.withTruth("label:ann " + text) : row);
        }
        String oneByOne = TestPostgres.freshSchema();
        try (PostgresStore store = PostgresStore.open(db.options(oneByOne).batchSize(1).build())) {
            for (AnswerRow row : rows) {
                store.upsertAnswers(List.of(row));
            }
        }
        try (PostgresStore store = open(1000)) {
            store.upsertAnswers(rows);
        }
        List<String> copied = db.dump(schema, "answers", "written_at");
        assertThat(copied).hasSize(30).isEqualTo(db.dump(oneByOne, "answers", "written_at"));
        assertThat(String.join("\n", copied)).contains("nul\uFFFDinside", "\uD83C\uDF4B 柠檬 ü");
    }

    @Test
    void aLaterRowWithTheSameKeyReplacesTheEarlierOne() throws Exception {
        AnswerRow first = errored("run", 7);
        AnswerRow correction = answer("run", 7);
        WindowMetricsRow early = window("run", "chart", 3);
        WindowMetricsRow lateFiring =
                new WindowMetricsRow(
                        early.run(),
                        early.model(),
                        early.category(),
                        early.windowStart(),
                        early.windowEnd(),
                        early.windowKind(),
                        early.requests() + 1,
                        early.answered() + 1,
                        early.errors(),
                        early.errorsByKind(),
                        early.scored(),
                        early.correct(),
                        early.accuracy(),
                        early.accuracyLow(),
                        early.accuracyHigh(),
                        early.meanScore(),
                        early.refusals(),
                        early.refusalRate(),
                        early.refusalRateLow(),
                        early.refusalRateHigh(),
                        early.withObjects(),
                        early.hallucinations(),
                        early.hallucinationRate(),
                        early.hallucinationRateLow(),
                        early.hallucinationRateHigh(),
                        early.latencyP50Ms(),
                        early.latencyP95Ms(),
                        early.latencyP99Ms(),
                        early.inputTokens(),
                        early.outputTokens(),
                        early.cost(),
                        1,
                        0,
                        0,
                        null,
                        null,
                        null);
        try (PostgresStore store = open()) {
            store.upsertAnswers(List.of(first, answer("run", 8)));
            store.upsertWindowMetrics(List.of(early));
            store.upsertAnswers(List.of(correction));
            store.upsertWindowMetrics(List.of(lateFiring));
        }
        assertThat(db.readAnswers(schema)).containsExactly(correction, answer("run", 8));
        assertThat(db.readWindowMetrics(schema)).containsExactly(lateFiring);
        assertThat(db.dump(schema, "window_metrics").get(0)).contains("late=1|");

        // Within one call the last row of a key wins.
        try (PostgresStore store = open()) {
            store.upsertAnswers(List.of(answer("run", 9), errored("run", 9)));
        }
        assertThat(db.readAnswers(schema)).contains(errored("run", 9)).hasSize(3);
    }

    @Test
    void nullsRoundTrip() throws Exception {
        AnswerRow sparse =
                new AnswerRow(
                        "run",
                        "r1",
                        "ep",
                        "m",
                        null,
                        null,
                        T0,
                        "",
                        "",
                        "length",
                        null,
                        null,
                        false,
                        null,
                        null,
                        "nothing to compare",
                        null,
                        null,
                        0,
                        null,
                        null,
                        null,
                        1,
                        false,
                        false);
        WindowMetricsRow empty =
                new WindowMetricsRow(
                        "run",
                        "ep",
                        "*",
                        T0,
                        T0.plusSeconds(60),
                        WindowMetricsRow.TUMBLING,
                        0,
                        0,
                        0,
                        null,
                        0,
                        0,
                        null,
                        null,
                        null,
                        null,
                        0,
                        null,
                        null,
                        null,
                        0,
                        0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        0,
                        0,
                        0.0,
                        0,
                        0,
                        0,
                        null,
                        null,
                        null);
        try (PostgresStore store = open()) {
            store.upsertAnswers(List.of(sparse, errored("run", 2)));
            store.upsertWindowMetrics(List.of(empty));
        }
        assertThat(db.readAnswers(schema)).containsExactlyInAnyOrder(sparse, errored("run", 2));
        assertThat(db.readWindowMetrics(schema)).containsExactly(empty);
        assertThat(db.dump(schema, "answers"))
                .filteredOn(line -> line.contains("request_id=r1|"))
                .singleElement()
                .asString()
                .contains("category=null|", "response_text=|", "hallucinated_objects=[]|");
        assertThat(db.dump(schema, "window_metrics").get(0)).contains("errors_by_kind={}|");
    }

    @Test
    void chineseTextEmojiAndNulRoundTrip() throws Exception {
        String question = "图中有几只猫？🐱 Count the cats — «ñ» 𝔘";
        String response = "有三只猫。😺😺😺\nThree cats.";
        AnswerRow row =
                new AnswerRow(
                        "运行-1",
                        "请求-🆔",
                        "通义千问",
                        "qwen-vl-max",
                        "图表",
                        "zh",
                        T0,
                        question,
                        response,
                        "stop",
                        true,
                        1.0,
                        false,
                        true,
                        List.of("雨伞☂️", "狗"),
                        "提取 \"3\"",
                        null,
                        null,
                        1234,
                        10,
                        5,
                        0.5,
                        1,
                        false,
                        false);
        WindowMetricsRow window =
                new WindowMetricsRow(
                        "运行-1",
                        "通义千问",
                        "图表",
                        T0,
                        T0.plusSeconds(300),
                        WindowMetricsRow.SLIDING,
                        3,
                        1,
                        2,
                        Map.of("超时⏱", 2L),
                        1,
                        1,
                        1.0,
                        0.2,
                        1.0,
                        1.0,
                        0,
                        0.0,
                        0.0,
                        0.79,
                        1,
                        1,
                        1.0,
                        0.2,
                        1.0,
                        5L,
                        5L,
                        5L,
                        10,
                        5,
                        0.5,
                        0,
                        0,
                        0,
                        null,
                        null,
                        null);
        AnswerRow withNul =
                new AnswerRow(
                        "运行-1",
                        "nul",
                        "通义千问",
                        "qwen-vl-max",
                        null,
                        null,
                        T0,
                        "q\u0000",
                        "a\u0000b",
                        "stop",
                        null,
                        null,
                        false,
                        null,
                        List.of(),
                        "e",
                        null,
                        null,
                        1,
                        null,
                        null,
                        null,
                        1,
                        false,
                        false);
        try (PostgresStore store = open()) {
            store.upsertAnswers(List.of(row, withNul));
            store.upsertWindowMetrics(List.of(window));
        }
        List<AnswerRow> stored = db.readAnswers(schema);
        assertThat(stored).contains(row);
        assertThat(db.readWindowMetrics(schema)).containsExactly(window);
        // PostgreSQL text cannot hold NUL: it is stored as U+FFFD instead of failing the batch.
        assertThat(stored)
                .filteredOn(r -> r.requestId().equals("nul"))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.question()).isEqualTo("q\uFFFD");
                            assertThat(r.responseText()).isEqualTo("a\uFFFDb");
                        });
    }

    @Test
    void batchSizesSmallerEqualAndLargerThanTheInputGiveTheSameTable() throws Exception {
        List<AnswerRow> rows = answers("run", 0, 400);
        List<List<String>> dumps = new ArrayList<>();
        for (int batchSize : new int[] {1, 7, 400, 5000}) {
            schema = TestPostgres.freshSchema();
            List<AnswerRow> input = batchSize == 1 ? rows.subList(0, 40) : rows;
            try (PostgresStore store = open(batchSize)) {
                store.upsertAnswers(input);
                store.upsertAnswers(List.of());
            }
            List<AnswerRow> stored = db.readAnswers(schema);
            assertThat(stored).isEqualTo(input);
            if (batchSize != 1) {
                dumps.add(stored.stream().map(AnswerRow::toString).toList());
            }
        }
        assertThat(dumps).hasSize(3).allSatisfy(d -> assertThat(d).isEqualTo(dumps.get(0)));
    }

    // --- failures --------------------------------------------------------------------------------

    @Test
    void aTerminatedConnectionIsReplacedAndTheNextUpsertSucceeds() throws Exception {
        try (PostgresStore store = open()) {
            store.upsertAnswers(answers("run", 0, 10));
            assertThat(db.terminate(TestPostgres.applicationName(schema))).isEqualTo(1);
            store.upsertAnswers(answers("run", 10, 20));
            store.upsertWindowMetrics(List.of(window("run", "*", 1)));
            assertThat(store.connectionsOpened()).isEqualTo(2);
        }
        assertThat(db.readAnswers(schema)).isEqualTo(answers("run", 0, 20));
    }

    @Test
    void aConnectionTerminatedInTheMiddleOfAMultiBatchUpsertIsResumed() throws Exception {
        List<AnswerRow> rows = answers("run", 0, 100);
        try (PostgresStore store = open(10)) {
            store.upsertAnswers(List.of()); // connected and migrated
            // Hold an uncommitted conflicting row of the third batch: the writer commits two
            // batches, then waits on its lock, and we end its backend while it waits.
            try (Connection blocker = db.admin()) {
                blocker.setAutoCommit(false);
                try (Statement st = blocker.createStatement()) {
                    st.execute(
                            "INSERT INTO "
                                    + schema
                                    + ".answers (run, request_id, endpoint, model, event_time,"
                                    + " question, latency_ms, attempts, late) VALUES ('run',"
                                    + " 'r00025', 'qwen-vl', 'm', now(), 'q', 0, 1, false)");
                }
                ExecutorService writer = Executors.newSingleThreadExecutor();
                try {
                    Future<?> upsert = writer.submit(() -> store.upsertAnswers(rows));
                    waitUntilWaitingOnALock();
                    assertThat(db.count(schema, "answers")).isEqualTo(20);
                    assertThat(db.terminate(TestPostgres.applicationName(schema))).isEqualTo(1);
                    blocker.rollback();
                    upsert.get(20, TimeUnit.SECONDS);
                } finally {
                    writer.shutdownNow();
                }
            }
            assertThat(store.connectionsOpened()).isEqualTo(2);
        }
        assertThat(db.readAnswers(schema)).isEqualTo(rows);
    }

    private void waitUntilWaitingOnALock() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection c = db.admin();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?"
                                        + " AND wait_event_type = 'Lock'")) {
            ps.setString(1, TestPostgres.applicationName(schema));
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 1) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the writer never waited on the blocking row");
    }

    @Test
    void aRejectedRowIsNamedByTableAndKeyAndItsBatchIsRolledBack() throws Exception {
        try (PostgresStore store = open(50)) {
            store.upsertAnswers(List.of());
            db.execute(
                    "ALTER TABLE "
                            + schema
                            + ".answers ADD CONSTRAINT no_r00012 CHECK (request_id <> 'r00012')");
            assertThatThrownBy(() -> store.upsertAnswers(answers("run", 0, 30)))
                    .isInstanceOfSatisfying(
                            StoreException.class,
                            e -> {
                                assertThat(e.table()).isEqualTo("\"" + schema + "\".answers");
                                assertThat(e.naturalKey())
                                        .isEqualTo(
                                                "(run=run, request_id=r00012, endpoint=qwen-vl)");
                                assertThat(e.sqlState()).isEqualTo("23514");
                            })
                    .hasMessageContaining("\"" + schema + "\".answers")
                    .hasMessageContaining("request_id=r00012")
                    .hasMessageContaining("no_r00012");
            assertThat(db.count(schema, "answers")).isZero();
            // The store stays usable.
            store.upsertAnswers(answers("run", 0, 5));
            assertThat(store.connectionsOpened()).isEqualTo(1);
        }
        assertThat(db.count(schema, "answers")).isEqualTo(5);
    }

    @Test
    void retriesEndWhenTheOutageToleranceIsSpentWithTheLastError() {
        StoreOptions options =
                StoreOptions.builder("jdbc:postgresql://127.0.0.1:1/postgres")
                        .user("postgres")
                        .outageTolerance(Duration.ofMillis(300))
                        .retryBackoff(Duration.ofMillis(10))
                        .maxRetryBackoff(Duration.ofMillis(40))
                        .build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> PostgresStore.open(options))
                .isInstanceOfSatisfying(
                        StoreException.class, e -> assertThat(e.sqlState()).startsWith("08"))
                .hasMessageContaining("unavailable for 0.")
                .hasMessageContaining("longer than outage_tolerance (300ms)")
                .hasMessageContaining("last error [SQLState 08");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
    }

    @Test
    void anInterruptDuringTheBackoffEndsTheCallAndKeepsTheFlag() throws Exception {
        StoreOptions options =
                StoreOptions.builder("jdbc:postgresql://127.0.0.1:1/postgres")
                        .retryBackoff(Duration.ofSeconds(5))
                        .build();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> PostgresStore.open(options))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("interrupted")
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    // --- the password ----------------------------------------------------------------------------

    @Test
    void thePasswordComesFromTheEnvironmentAndIsNeverShown() throws Exception {
        StoreOptions options =
                db.options(schema).user(PASSWORD_USER).passwordEnv(PASSWORD_ENV).build();
        assertThat(options.toString()).contains(PASSWORD_ENV).doesNotContain(PASSWORD);

        try (PostgresStore store =
                PostgresStore.open(options, Map.of(PASSWORD_ENV, PASSWORD)::get)) {
            store.upsertAnswers(List.of(answer("run", 1)));
            assertThat(store.options()).isEqualTo(options);
        }
        assertThat(db.count(schema, "answers")).isEqualTo(1);

        String wrong = "Wrong-" + PASSWORD;
        assertThatThrownBy(() -> PostgresStore.open(options, Map.of(PASSWORD_ENV, wrong)::get))
                .isInstanceOfSatisfying(
                        StoreException.class,
                        e -> {
                            assertThat(e.sqlState()).isEqualTo("28P01");
                            assertThat(allMessages(e))
                                    .doesNotContain(PASSWORD)
                                    .doesNotContain(wrong);
                        })
                .hasMessageContaining("password authentication failed");

        assertThatThrownBy(() -> PostgresStore.open(options, name -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PASSWORD_ENV);

        // A failure after connecting shows no password either.
        try (PostgresStore store =
                PostgresStore.open(options, Map.of(PASSWORD_ENV, PASSWORD)::get)) {
            db.execute("REVOKE ALL ON " + schema + ".answers FROM " + PASSWORD_USER);
            db.execute("ALTER TABLE " + schema + ".answers OWNER TO postgres");
            assertThatThrownBy(() -> store.upsertAnswers(List.of(answer("run", 2))))
                    .isInstanceOf(StoreException.class)
                    .satisfies(e -> assertThat(allMessages(e)).doesNotContain(PASSWORD))
                    .hasMessageContaining("permission denied");
        }
    }

    private static String allMessages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        java.io.StringWriter trace = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(trace));
        sb.append(trace);
        return sb.toString();
    }
}
