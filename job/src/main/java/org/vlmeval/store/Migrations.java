package org.vlmeval.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versioned schema migrations: the SQL resources {@code V<n>__<description>.sql} beside this class,
 * applied in order, each in its own transaction, and recorded in {@code <schema>.schema_version}
 * with a SHA-256 of the script.
 *
 * <p>Re-running is a no-op. Concurrent starters (every writer subtask of a Flink job opens its own
 * store) are serialised by a session advisory lock keyed on the schema name, so exactly one applies
 * each migration and the others find it recorded. A recorded migration whose script has changed
 * since is an error; a database at a newer version than this build knows is accepted with a warning
 * (migrations are additive, and the writers name their columns).
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** Every migration, in order. A new one is added here and as a resource beside this class. */
    static final List<String> SCRIPTS =
            List.of(
                    "V1__answers_and_window_metrics.sql",
                    "V2__attempts_zero_when_nothing_sent.sql",
                    "V3__grafana_views_and_reader_role.sql");

    /** First key of the two-key advisory lock: "vlme". The second is hashtext(schema). */
    private static final int LOCK_CLASS = 0x766c6d65;

    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([a-z0-9_]+)\\.sql");

    private Migrations() {}

    /** One migration script. */
    record Migration(int version, String description, String script, String checksum) {}

    /** The migrations this build knows, in version order. */
    static List<Migration> all() {
        List<Migration> migrations = SCRIPTS.stream().map(Migrations::load).toList();
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalStateException(
                        "migration versions must run 1, 2, 3, ...: " + SCRIPTS);
            }
        }
        return migrations;
    }

    /** The latest version this build knows. */
    public static int latestVersion() {
        return SCRIPTS.size();
    }

    /** Calls pg_advisory_lock or pg_advisory_unlock on the key of {@code schema}. */
    private static void advisoryLock(Connection connection, String function, String schema)
            throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT " + function + "(?, hashtext(?))")) {
            statement.setInt(1, LOCK_CLASS);
            statement.setString(2, schema);
            statement.execute();
        }
    }

    /**
     * Brings {@code schema} up to the latest version over {@code connection} and returns the number
     * of migrations applied (0 when it was current). The connection is left in auto-commit mode.
     *
     * @throws SQLException when the database fails; a failed migration is rolled back whole
     */
    public static int apply(Connection connection, String schema) throws SQLException {
        StoreOptions.checkSchema(schema);
        List<Migration> migrations = all();
        String quoted = "\"" + schema + "\"";
        connection.setAutoCommit(true);
        advisoryLock(connection, "pg_advisory_lock", schema);
        SQLException failure = null;
        try {
            return migrate(connection, schema, quoted, migrations);
        } catch (SQLException e) {
            failure = e;
            throw e;
        } finally {
            // Unlock on the same session. When the session is gone the server has released the
            // lock already; an unlock failure then must not hide the migration's own failure.
            try {
                connection.setAutoCommit(true);
                advisoryLock(connection, "pg_advisory_unlock", schema);
            } catch (SQLException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    private static int migrate(
            Connection connection, String schema, String quoted, List<Migration> migrations)
            throws SQLException {
        prepare(connection, schema, quoted);
        Map<Integer, String> applied = applied(connection, quoted);
        int count = 0;
        for (Migration m : migrations) {
            String checksum = applied.get(m.version());
            if (checksum != null) {
                if (!checksum.equals(m.checksum())) {
                    throw new SQLException(
                            "migration V"
                                    + m.version()
                                    + " ("
                                    + m.description()
                                    + ") of schema "
                                    + schema
                                    + " was applied from a different script (checksum "
                                    + checksum
                                    + ", this build has "
                                    + m.checksum()
                                    + ")",
                            "55000");
                }
                continue;
            }
            run(connection, schema, quoted, m);
            count++;
        }
        int newest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (newest > migrations.size()) {
            LOG.warn(
                    "Schema {} is at version {}, newer than this build knows ({}); writing anyway",
                    schema,
                    newest,
                    migrations.size());
        }
        return count;
    }

    /** Creates the schema and the version table when missing, without needing CREATE when not. */
    private static void prepare(Connection c, String schema, String quoted) throws SQLException {
        boolean schemaExists;
        try (PreparedStatement ps =
                c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                schemaExists = rs.next();
            }
        }
        boolean tableExists;
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, quoted + ".schema_version");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                tableExists = schemaExists && rs.getBoolean(1);
            }
        }
        if (tableExists) {
            return;
        }
        try (Statement st = c.createStatement()) {
            if (!schemaExists) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + quoted);
            }
            st.execute(
                    "CREATE TABLE IF NOT EXISTS "
                            + quoted
                            + ".schema_version ("
                            + " version integer PRIMARY KEY,"
                            + " description text NOT NULL,"
                            + " checksum text NOT NULL,"
                            + " applied_at timestamptz NOT NULL DEFAULT now(),"
                            + " execution_ms bigint NOT NULL)");
        }
    }

    private static Map<Integer, String> applied(Connection c, String quoted) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT version, checksum FROM " + quoted + ".schema_version")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        return applied;
    }

    private static void run(Connection c, String schema, String quoted, Migration m)
            throws SQLException {
        long start = System.nanoTime();
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                st.execute(m.script().replace("${schema}", quoted));
            }
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "INSERT INTO "
                                    + quoted
                                    + ".schema_version (version, description, checksum,"
                                    + " execution_ms) VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, m.version());
                ps.setString(2, m.description());
                ps.setString(3, m.checksum());
                ps.setLong(4, (System.nanoTime() - start) / 1_000_000);
                ps.executeUpdate();
            }
            c.commit();
            LOG.info(
                    "Applied migration V{} ({}) to schema {}",
                    m.version(),
                    m.description(),
                    schema);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            if (e instanceof SQLException sql) {
                SQLException wrapped =
                        new SQLException(
                                "migration V"
                                        + m.version()
                                        + " ("
                                        + m.description()
                                        + ") of schema "
                                        + schema
                                        + " failed and was rolled back: "
                                        + sql.getMessage(),
                                sql.getSQLState(),
                                sql);
                throw wrapped;
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static Migration load(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalStateException("not a migration name: " + name);
        }
        byte[] bytes;
        try (InputStream in = Migrations.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + name);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + name, e);
        }
        String script = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
        return new Migration(Integer.parseInt(m.group(1)), m.group(2), script, sha256(script));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
