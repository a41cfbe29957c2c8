package org.vlmeval.journal;

import org.vlmeval.judges.CachedObjects;
import org.vlmeval.judges.Judgement;
import org.vlmeval.judges.ObjectsCache;
import org.vlmeval.store.DaemonThread;
import org.vlmeval.store.PostgresStore;
import org.vlmeval.store.StoreOptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The objects judges' lists in the store's database, kept like the response journal's outcomes
 * (table {@code judged_objects}, migration V9), so that an image is paid for once across endpoints,
 * restarts from a checkpoint and later replays: a list judged after the last checkpoint is in the
 * table even though the job's state lost it.
 *
 * <p>One connection, used under this object's lock: a lookup is one primary-key read (well under a
 * millisecond, against a judge call of seconds), a put one {@code INSERT … ON CONFLICT DO NOTHING},
 * written behind on a thread of its own (the first list of an image stays, as every later request
 * reuses it). The cache is an optimisation and must never stop the job: a database error makes
 * lookups miss and puts drop (logged, counted) for {@link #COOL_DOWN}, then it reconnects. Timeouts
 * are the store's, capped at {@link PostgresJournal#MAX_TIMEOUT}.
 */
public final class PostgresObjectsCache implements ObjectsCache, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresObjectsCache.class);

    /** How long the cache stays off after a database failure. */
    public static final Duration COOL_DOWN = Duration.ofSeconds(5);

    private final StoreOptions options;
    private final Properties properties;
    private final String selectSql;
    private final String insertSql;

    /** Writes behind: a put returns at once, so a slow database never holds up a judge's reply. */
    private final ExecutorService writer = DaemonThread.executor("judged-objects-writer");

    private Connection connection;
    private long offUntilNanos;
    private long failures;

    private PostgresObjectsCache(StoreOptions options, String password) {
        this.options = options;
        this.properties =
                PostgresJournal.connectionProperties(options, password, true, "-judged-objects");
        String table = "\"" + options.schema() + "\".judged_objects";
        this.selectSql =
                "SELECT objects, rationale, request_id FROM "
                        + table
                        + " WHERE image_key = ? AND judge = ? AND prompt_version = ?";
        this.insertSql =
                "INSERT INTO "
                        + table
                        + " (image_key, judge, prompt_version, objects, rationale, latency_ms,"
                        + " input_tokens, output_tokens, cost, request_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    }

    /**
     * The cache of the store at {@code options}, its migrations applied first (unless {@link
     * StoreOptions#migrate()} is off) so that the table exists; the password is read from {@code
     * environment}.
     *
     * @throws org.vlmeval.store.StoreException when the database cannot be reached or migrated
     */
    public static PostgresObjectsCache open(
            StoreOptions options, Function<String, String> environment) {
        PostgresStore.open(options, environment).close();
        return new PostgresObjectsCache(options, PostgresJournal.password(options, environment));
    }

    @Override
    public synchronized Optional<Judgement> get(Key key) {
        try {
            PreparedStatement select = connection().prepareStatement(selectSql);
            try (select) {
                select.setString(1, key.imageKey());
                select.setString(2, key.judge());
                select.setString(3, key.promptVersion());
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Array objects = rs.getArray(1);
                    return Optional.of(
                            new CachedObjects(
                                            key.imageKey(),
                                            key.judge(),
                                            key.promptVersion(),
                                            List.of((String[]) objects.getArray()),
                                            rs.getString(2),
                                            rs.getString(3))
                                    .judgement());
                }
            }
        } catch (SQLException e) {
            failed("lookup", e);
            return Optional.empty();
        }
    }

    /**
     * Queues the write and returns; the list is in the table once the writer gets to it (a lookup
     * before that misses, and the caller's memory cache has the list meanwhile).
     */
    @Override
    public void put(Key key, Judgement judgement) {
        try {
            writer.execute(() -> write(key, judgement));
        } catch (RejectedExecutionException closed) {
            // Closing: the list stays in memory and checkpoints.
        }
    }

    private synchronized void write(Key key, Judgement judgement) {
        try {
            PreparedStatement insert = connection().prepareStatement(insertSql);
            try (insert) {
                int i = 0;
                insert.setString(++i, key.imageKey());
                insert.setString(++i, key.judge());
                insert.setString(++i, key.promptVersion());
                insert.setArray(
                        ++i,
                        insert.getConnection()
                                .createArrayOf(
                                        "text",
                                        judgement.objects().stream()
                                                .map(PostgresStore::text)
                                                .toArray()));
                insert.setString(++i, PostgresStore.text(judgement.rationale()));
                insert.setLong(++i, judgement.latencyMs());
                insert.setObject(++i, judgement.inputTokens(), Types.INTEGER);
                insert.setObject(++i, judgement.outputTokens(), Types.INTEGER);
                insert.setObject(++i, judgement.cost(), Types.DOUBLE);
                insert.setString(++i, PostgresStore.text(judgement.requestId()));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            failed("write", e);
        }
    }

    /** Database errors so far (each made a lookup miss or a list go unwritten). */
    public synchronized long failures() {
        return failures;
    }

    private Connection connection() throws SQLException {
        if (connection != null) {
            return connection;
        }
        if (System.nanoTime() - offUntilNanos < 0) {
            throw new SQLException("unavailable for a while after a failure", "08000");
        }
        connection = DriverManager.getConnection(options.jdbcUrl(), properties);
        connection.setAutoCommit(true);
        return connection;
    }

    private void failed(String what, SQLException e) {
        failures++;
        String state = e.getSQLState();
        if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
            // Data the table refuses: this list is not kept, the connection is fine.
            LOG.warn("objects cache {}: a list was refused ({})", what, e.getMessage());
            return;
        }
        boolean coolingDown = "08000".equals(e.getSQLState()) && connection == null;
        if (!coolingDown) {
            LOG.warn(
                    "objects cache {} failed ({}); judged lists are not shared through the store"
                            + " for {}",
                    what,
                    e.getMessage(),
                    COOL_DOWN);
            offUntilNanos = System.nanoTime() + COOL_DOWN.toNanos();
        }
        closeConnection();
    }

    /** Writes what is queued (waiting at most {@link #COOL_DOWN}), then closes the connection. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(COOL_DOWN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("objects cache: lists still queued at close were not written");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }

    private synchronized void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The connection is being dropped; nothing to save.
            }
            connection = null;
        }
    }
}
