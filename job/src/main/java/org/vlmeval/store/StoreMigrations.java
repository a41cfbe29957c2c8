package org.vlmeval.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The store's schema migrations, run by Flyway: the scripts {@code V<n>__<description>.sql} beside
 * this class, each applied once in its own transaction and recorded in {@code
 * <schema>.flyway_schema_history}. {@code ${schema}} in a script is the quoted schema name. Flyway
 * serialises concurrent starters (every writer subtask opens a store) with a PostgreSQL advisory
 * lock, refuses a script changed after it was applied, and accepts a schema at a newer version than
 * this build knows (with a warning: migrations are additive and writers name their columns).
 *
 * <p>Takeover: a schema migrated by the hand-written runner of earlier builds has {@code
 * <schema>.schema_version} (one row per applied version) and no Flyway history. It is baselined at
 * the highest recorded version, so no script runs again and later ones apply on top. The old
 * checksums are not compared: that runner compared them at each start and the scripts are
 * unchanged. {@code schema_version} is left in place and no longer read or written.
 */
final class StoreMigrations {

    static final String LOCATION = "classpath:org/vlmeval/store";

    private StoreMigrations() {}

    /**
     * Brings {@code schema} to the latest version of the scripts in {@link #LOCATION} (and in
     * {@code extraLocations}, for tests) and returns the number of migrations applied.
     *
     * @throws SQLException when a migration fails (rolled back whole) or is refused; its SQLState
     *     is the database's, when the failure came from the database
     */
    static int migrate(DataSource dataSource, String schema, String... extraLocations)
            throws SQLException {
        StoreOptions.checkSchema(schema);
        String quoted = "\"" + schema + "\"";
        FluentConfiguration config =
                Flyway.configure(StoreMigrations.class.getClassLoader())
                        .dataSource(dataSource)
                        .schemas(schema)
                        .defaultSchema(schema)
                        .locations(
                                Stream.concat(Stream.of(LOCATION), Arrays.stream(extraLocations))
                                        .toArray(String[]::new))
                        .failOnMissingLocations(true)
                        .placeholders(Map.of("schema", quoted))
                        .ignoreMigrationPatterns("*:future")
                        .loggers("slf4j");
        String legacy = legacyVersion(dataSource, quoted);
        if (legacy != null) {
            config.baselineOnMigrate(true)
                    .baselineVersion(legacy)
                    .baselineDescription("taken over from schema_version");
        }
        try {
            return config.load().migrate().migrationsExecuted;
        } catch (FlywayException e) {
            Throwable sql = e;
            while (sql != null && !(sql instanceof SQLException)) {
                sql = sql.getCause();
            }
            String state = sql == null ? null : ((SQLException) sql).getSQLState();
            throw new SQLException(
                    "migrating schema " + schema + " failed: " + e.getMessage(), state, e);
        }
    }

    /** The highest version in the old runner's table when Flyway has no history yet, else null. */
    private static String legacyVersion(DataSource dataSource, String quoted) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT to_regclass('"
                                    + quoted
                                    + ".schema_version') IS NOT NULL AND to_regclass('"
                                    + quoted
                                    + ".flyway_schema_history') IS NULL")) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return null;
                }
            }
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT coalesce(max(version), 0) FROM "
                                    + quoted
                                    + ".schema_version")) {
                rs.next();
                return Integer.toString(rs.getInt(1));
            }
        }
    }
}
