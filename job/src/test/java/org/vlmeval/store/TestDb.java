package org.vlmeval.store;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.scoring.Verdict;
import org.vlmeval.testing.TestPostgres;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real PostgreSQL server for the store's tests (the JVM's shared {@link TestPostgres} server, or
 * one of its own to stop and restart), with fixtures and table readers.
 */
final class TestDb implements AutoCloseable {

    /** A role that logs in with a password over TCP (scram-sha-256), for the password tests. */
    static final String PASSWORD_USER = "writer";

    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The server this instance started and stops, or null for the shared one. */
    private final EmbeddedPostgres pg;

    private final int port;

    private TestDb(EmbeddedPostgres pg, int port) {
        this.pg = pg;
        this.port = port;
    }

    /**
     * The JVM's shared server ({@link TestPostgres}), where {@link #PASSWORD_USER} must give a
     * password once {@link TestPostgres#createPasswordUser} has made it. {@link #close()} leaves
     * the server running.
     */
    static TestDb shared() {
        return new TestDb(null, TestPostgres.port());
    }

    /** Starts a server of its own in a fresh data directory, for tests that stop and restart it. */
    static TestDb start(Path dataDirectory) throws IOException {
        EmbeddedPostgres pg =
                EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .setServerConfig("max_connections", "40")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
        return new TestDb(pg, pg.getPort());
    }

    /** Starts the server again on the same data directory and port (after {@link #close()}). */
    static TestDb restart(Path dataDirectory, int port) throws IOException {
        EmbeddedPostgres pg =
                EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setServerConfig("fsync", "off")
                        .start();
        return new TestDb(pg, port);
    }

    /** The URL without a user: the user comes from the options. */
    String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    int port() {
        return port;
    }

    Connection admin() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", null);
    }

    /** Options for a fresh schema, short back-offs, and an application name to find the backend. */
    StoreOptions.Builder options(String schema) {
        return StoreOptions.builder(url())
                .user("postgres")
                .schema(schema)
                .retryBackoff(java.time.Duration.ofMillis(20))
                .maxRetryBackoff(java.time.Duration.ofMillis(200))
                .applicationName("store-test-" + schema);
    }

    static String freshSchema() {
        return TestPostgres.freshSchema();
    }

    void execute(String sql) throws SQLException {
        try (Connection c = admin();
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Ends the backends of the store whose application name is {@code store-test-<schema>}. */
    int terminate(String schema) throws SQLException {
        try (Connection c = admin();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                        + " WHERE application_name = ?")) {
            ps.setString(1, "store-test-" + schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Every row and column as text, in key order, with each row's xmin (changes on any write). */
    List<String> dump(String table) throws SQLException {
        String order =
                table.endsWith(".answers")
                        ? "run, request_id, endpoint"
                        : "run, model, category, window_start, window_end";
        List<String> rows = new ArrayList<>();
        try (Connection c = admin();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT xmin, * FROM " + table + " ORDER BY " + order)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    sb.append(md.getColumnName(i)).append('=').append(rs.getString(i)).append('|');
                }
                rows.add(sb.toString());
            }
        }
        return rows;
    }

    long count(String table) throws SQLException {
        try (Connection c = admin();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The answers table read back into rows, in key order. */
    List<AnswerRow> answers(String schema) throws SQLException {
        List<AnswerRow> rows = new ArrayList<>();
        try (Connection c = admin();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT * FROM "
                                        + schema
                                        + ".answers ORDER BY run, request_id, endpoint")) {
            while (rs.next()) {
                Array objects = rs.getArray("hallucinated_objects");
                rows.add(
                        new AnswerRow(
                                rs.getString("run"),
                                rs.getString("request_id"),
                                rs.getString("endpoint"),
                                rs.getString("model"),
                                rs.getString("category"),
                                rs.getString("lang"),
                                instant(rs, "event_time"),
                                rs.getString("question"),
                                rs.getString("response_text"),
                                rs.getString("finish_reason"),
                                rs.getObject("correct", Boolean.class),
                                rs.getObject("score", Double.class),
                                rs.getObject("refusal", Boolean.class),
                                rs.getObject("hallucination", Boolean.class),
                                Arrays.asList((String[]) objects.getArray()),
                                rs.getString("explanation"),
                                rs.getString("error_kind"),
                                rs.getString("error_message"),
                                rs.getLong("latency_ms"),
                                rs.getObject("input_tokens", Integer.class),
                                rs.getObject("output_tokens", Integer.class),
                                rs.getObject("cost", Double.class),
                                rs.getInt("attempts"),
                                rs.getBoolean("late")));
            }
        }
        return rows;
    }

    /** The window_metrics table read back into rows, in key order. */
    List<WindowMetricsRow> windowMetrics(String schema) throws SQLException {
        List<WindowMetricsRow> rows = new ArrayList<>();
        try (Connection c = admin();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT * FROM "
                                        + schema
                                        + ".window_metrics"
                                        + " ORDER BY run, model, category, window_start, window_end")) {
            while (rs.next()) {
                Map<String, Long> byKind;
                try {
                    byKind =
                            JSON.readValue(
                                    rs.getString("errors_by_kind"),
                                    new TypeReference<TreeMap<String, Long>>() {});
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                rows.add(
                        new WindowMetricsRow(
                                rs.getString("run"),
                                rs.getString("model"),
                                rs.getString("category"),
                                instant(rs, "window_start"),
                                instant(rs, "window_end"),
                                rs.getString("window_kind"),
                                rs.getLong("requests"),
                                rs.getLong("answered"),
                                rs.getLong("errors"),
                                byKind,
                                rs.getLong("scored"),
                                rs.getLong("correct"),
                                rs.getObject("accuracy", Double.class),
                                rs.getObject("accuracy_low", Double.class),
                                rs.getObject("accuracy_high", Double.class),
                                rs.getObject("mean_score", Double.class),
                                rs.getLong("refusals"),
                                rs.getObject("refusal_rate", Double.class),
                                rs.getObject("refusal_rate_low", Double.class),
                                rs.getObject("refusal_rate_high", Double.class),
                                rs.getLong("with_objects"),
                                rs.getLong("hallucinations"),
                                rs.getObject("hallucination_rate", Double.class),
                                rs.getObject("hallucination_rate_low", Double.class),
                                rs.getObject("hallucination_rate_high", Double.class),
                                rs.getObject("latency_p50_ms", Long.class),
                                rs.getObject("latency_p95_ms", Long.class),
                                rs.getObject("latency_p99_ms", Long.class),
                                rs.getLong("input_tokens"),
                                rs.getLong("output_tokens"),
                                rs.getDouble("cost"),
                                rs.getLong("late")));
            }
        }
        return rows;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    @Override
    public void close() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Fixtures

    /** An answered row; request ids are zero-padded so that key order is index order. */
    static AnswerRow answer(String run, int i) {
        Verdict verdict =
                new Verdict(
                        i % 3 == 0 ? null : i % 2 == 0,
                        i % 3 == 0 ? null : (i % 2 == 0 ? 1.0 : 0.25),
                        i % 7 == 0,
                        i % 5 == 0 ? null : i % 4 == 0,
                        i % 5 != 0 && i % 4 == 0 ? List.of("cat", "umbrella") : List.of(),
                        "extracted \"" + i + "\" from the answer");
        return AnswerRow.answered(
                run,
                String.format("r%05d", i),
                "qwen-vl",
                "Qwen/Qwen2.5-VL-7B-Instruct",
                i % 2 == 0 ? "chart" : "ocr",
                "en",
                T0.plusMillis(1_000L * i + 123).plusNanos(456_000),
                "How many bars are above 10? (" + i + ")",
                "There are " + i + " bars.",
                "stop",
                verdict,
                800 + i,
                1200 + i,
                15 + i % 10,
                0.0001 * i,
                1 + i % 3,
                i % 11 == 0);
    }

    static AnswerRow errored(String run, int i) {
        return AnswerRow.errored(
                run,
                String.format("r%05d", i),
                "qwen-vl",
                "Qwen/Qwen2.5-VL-7B-Instruct",
                null,
                null,
                T0.plusSeconds(i),
                "What is shown?",
                "timeout",
                "no response within 30 s",
                30_000,
                3,
                false);
    }

    static List<AnswerRow> answers(String run, int from, int to) {
        List<AnswerRow> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(i % 9 == 4 ? errored(run, i) : answer(run, i));
        }
        return rows;
    }

    /** A window row; window i is [T0 + i min, T0 + i min + 5 min). */
    static WindowMetricsRow window(String run, String category, int i) {
        long errors = i % 4;
        return new WindowMetricsRow(
                run,
                "qwen-vl",
                category,
                T0.plusSeconds(60L * i),
                T0.plusSeconds(60L * i + 300),
                WindowMetricsRow.SLIDING,
                100 + errors,
                100,
                errors,
                errors == 0 ? Map.of() : Map.of("timeout", errors - 1, "server_error", 1L),
                80,
                60,
                0.75,
                0.645,
                0.83,
                0.8,
                5,
                0.05,
                0.021,
                0.112,
                40,
                6,
                0.15,
                0.07,
                0.29,
                900L + i,
                2500L + i,
                4100L + i,
                120_000 + i,
                3_000,
                0.42,
                i % 3);
    }
}
