package org.vlmeval.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/**
 * What the hand-written runner of earlier builds (org.vlmeval.store.Migrations, replaced by {@link
 * StoreMigrations}) did to a database, for the takeover tests: the same DDL, each script in one
 * transaction with {@code ${schema}} replaced by the quoted schema name, and one row per version in
 * {@code <schema>.schema_version} with the SHA-256 of the script.
 */
final class LegacyMigrations {

    static final List<String> SCRIPTS =
            List.of(
                    "V1__answers_and_window_metrics.sql",
                    "V2__attempts_zero_when_nothing_sent.sql",
                    "V3__grafana_views_and_reader_role.sql");

    private LegacyMigrations() {}

    /** Applies versions 1 to {@code upTo} to {@code schema} as the old runner did. */
    static void apply(Connection c, String schema, int upTo) throws Exception {
        String quoted = "\"" + schema + "\"";
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + quoted);
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
        for (int version = 1; version <= upTo; version++) {
            String name = SCRIPTS.get(version - 1);
            String script = read(name);
            c.setAutoCommit(false);
            try (Statement st = c.createStatement();
                    PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO "
                                            + quoted
                                            + ".schema_version (version, description, checksum,"
                                            + " execution_ms) VALUES (?, ?, ?, ?)")) {
                st.execute(script.replace("${schema}", quoted));
                ps.setInt(1, version);
                ps.setString(2, name.substring(name.indexOf("__") + 2, name.length() - 4));
                ps.setString(3, sha256(script));
                ps.setLong(4, 1);
                ps.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static String read(String name) throws IOException {
        try (InputStream in = StoreMigrations.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256")
                                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
