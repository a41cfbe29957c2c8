package org.vlmeval.journal;

import org.vlmeval.store.DaemonThread;
import org.vlmeval.store.PostgresStore;
import org.vlmeval.store.StoreOptions;

import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The {@link ResponseJournal} in the store's PostgreSQL database: table {@code response_journal} of
 * the store's schema (created by migration V4, docs/store.md), reached with the store's connection
 * options.
 *
 * <p>One connection and one thread per journal: every lookup and write runs on that thread, never
 * on the caller's. Lookups are single-row prepared-statement reads by primary key (not batched: at
 * the concurrency of a model endpoint one indexed read takes well under a millisecond, far below
 * any model call). Appends are group-committed: they queue, and the thread writes whatever has
 * queued, up to {@link #MAX_BATCH} rows, as one batched {@code INSERT … ON CONFLICT DO NOTHING}
 * (the first outcome of a key stays) as soon as it is free, so no append waits for more than the
 * write in progress plus its own; under load batches grow by themselves, when idle a single row is
 * written at once. An append's future completes when its batch is committed.
 *
 * <p>Failures: a database error fails the lookups and appends it touches (the caller then calls the
 * model, or passes the outcome on unjournalled), drops the connection and makes the journal
 * unavailable for {@link #COOL_DOWN}, during which lookups and appends fail at once instead of
 * waiting for connect timeouts; then it reconnects. The journal never retries, the calls it serves
 * must not wait for a database. Connect and socket timeouts are the store's, capped at {@link
 * #MAX_TIMEOUT}. Closing writes what has queued (waiting at most twice that cap).
 *
 * <p>Retrying errors ({@link #open(StoreOptions, boolean)} with {@code retryErrors}, {@code
 * vlm-eval replay --retry-errors}): lookups ignore journalled errors (they find answers only, so
 * the errors are asked again), and an append replaces a journalled error of its key ({@code ON
 * CONFLICT … DO UPDATE … WHERE error_kind IS NOT NULL}); a journalled answer still stays. An
 * outcome that is not journalled (a transient error) leaves the old error row as it was.
 *
 * <p>Retention: {@link #prune} deletes a run's rows or rows older than a duration ({@code vlm-eval
 * journal prune}).
 */
public final class PostgresJournal implements ResponseJournal {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresJournal.class);

    /** Rows per append batch at most. */
    public static final int MAX_BATCH = 64;

    /**
     * Cap on the journal's connect and socket timeouts (the store's, when shorter): its reads and
     * writes are single small statements, and calls wait for them, so a hung database must not hold
     * them up for the store's two minutes.
     */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(5);

    /** How long the journal stays unavailable after a database failure. */
    public static final Duration COOL_DOWN = Duration.ofSeconds(1);

    private static final String COLUMNS =
            "run, request_id, endpoint, sample, fingerprint, model, response_text, finish_reason,"
                    + " error_kind, error_message, latency_ms, input_tokens, output_tokens, cost,"
                    + " attempts";

    private final StoreOptions options;
    private final Properties connectionProperties;
    private final String insertSql;
    private final String selectSql;
    private final boolean retryErrors;
    private final ExecutorService thread;
    private final ConcurrentLinkedQueue<Pending> appends = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicLong lookups = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    // Touched by the journal's thread only.
    private Connection connection;
    private PreparedStatement select;
    private long unavailableUntilNanos;

    /** The journal is unavailable for a while after a failure. */
    private static final class CoolingDown extends SQLException {
        private static final long serialVersionUID = 1L;

        CoolingDown() {
            super("unavailable for a while after a failure", "08000");
        }
    }

    private record Pending(JournalKey key, JournalEntry entry, CompletableFuture<Void> done) {}

    private PostgresJournal(StoreOptions options, String password, boolean retryErrors) {
        this.options = options;
        this.retryErrors = retryErrors;
        this.connectionProperties = connectionProperties(options, password, true);
        String table = table(options);
        this.insertSql =
                "INSERT INTO "
                        + table
                        + " ("
                        + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + (retryErrors
                                ? " ON CONFLICT (run, request_id, endpoint, sample, fingerprint)"
                                        + " DO UPDATE SET model = EXCLUDED.model,"
                                        + " response_text = EXCLUDED.response_text,"
                                        + " finish_reason = EXCLUDED.finish_reason,"
                                        + " error_kind = EXCLUDED.error_kind,"
                                        + " error_message = EXCLUDED.error_message,"
                                        + " latency_ms = EXCLUDED.latency_ms,"
                                        + " input_tokens = EXCLUDED.input_tokens,"
                                        + " output_tokens = EXCLUDED.output_tokens,"
                                        + " cost = EXCLUDED.cost, attempts = EXCLUDED.attempts,"
                                        + " recorded_at = now()"
                                        + " WHERE response_journal.error_kind IS NOT NULL"
                                : " ON CONFLICT DO NOTHING");
        this.selectSql =
                "SELECT model, response_text, finish_reason, error_kind, error_message,"
                        + " latency_ms, input_tokens, output_tokens, cost, attempts FROM "
                        + table
                        + " WHERE run = ? AND request_id = ? AND endpoint = ? AND sample = ?"
                        + " AND fingerprint = ?"
                        + (retryErrors ? " AND error_kind IS NULL" : "");
        this.thread = DaemonThread.executor("response-journal-" + options.schema());
    }

    /**
     * Opens the journal of the store at {@code options}: applies the store's migrations first
     * (unless {@link StoreOptions#migrate()} is off), as the store would, so that the table exists
     * before the first call. The password is read from the process environment.
     *
     * @throws org.vlmeval.store.StoreException when the database cannot be reached or migrated
     */
    public static PostgresJournal open(StoreOptions options) {
        return open(options, false);
    }

    /**
     * As {@link #open(StoreOptions)}; with {@code retryErrors} journalled errors are not reused but
     * asked again, and their new outcomes replace them (see the class comment).
     */
    public static PostgresJournal open(StoreOptions options, boolean retryErrors) {
        return open(options, System::getenv, retryErrors);
    }

    /** As {@link #open(StoreOptions)}, reading the password variable from {@code environment}. */
    public static PostgresJournal open(StoreOptions options, Function<String, String> environment) {
        return open(options, environment, false);
    }

    /**
     * As {@link #open(StoreOptions, boolean)}, reading the password variable from {@code
     * environment}.
     */
    public static PostgresJournal open(
            StoreOptions options, Function<String, String> environment, boolean retryErrors) {
        PostgresStore.open(options, environment).close();
        return new PostgresJournal(options, password(options, environment), retryErrors);
    }

    /** The journal in the database of {@code store}, as the job graph carries it. */
    public static Store backend(StoreOptions store) {
        return new Store(store);
    }

    /**
     * The {@link JournalBackend} of the store's database: each call operator opens its own journal
     * (one connection and thread per endpoint and subtask).
     *
     * @param options the store whose database keeps table {@code response_journal}
     */
    public record Store(StoreOptions options) implements JournalBackend {
        private static final long serialVersionUID = 1L;

        @Override
        public ResponseJournal open(JournalScope scope) {
            return PostgresJournal.open(options, scope.retryErrors());
        }
    }

    /** Whether journalled errors are asked again (see the class comment). */
    public boolean retryErrors() {
        return retryErrors;
    }

    /**
     * Deletes the journal rows of run {@code run} (when not null) recorded before {@code now -
     * olderThan} (when not null), or with {@code dryRun} only counts them; applies the store's
     * migrations first, as {@link #open} does. At least one of {@code run} and {@code olderThan} is
     * required. Uses the store's connect and socket timeouts (uncapped: one statement may delete
     * many rows).
     *
     * @return the number of rows deleted (or that would be)
     * @throws org.vlmeval.store.StoreException when the database cannot be reached or migrated
     * @throws SQLException when the statement fails
     */
    public static long prune(
            StoreOptions options,
            Function<String, String> environment,
            String run,
            Duration olderThan,
            boolean dryRun)
            throws SQLException {
        if (run == null && olderThan == null) {
            throw new IllegalArgumentException("prune needs a run or an age");
        }
        if (olderThan != null && olderThan.isNegative()) {
            throw new IllegalArgumentException("older than must not be negative: " + olderThan);
        }
        PostgresStore.open(options, environment).close();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (run != null) {
            where.append(" AND run = ?");
        }
        if (olderThan != null) {
            where.append(" AND recorded_at < now() - ? * interval '1 millisecond'");
        }
        String sql = (dryRun ? "SELECT count(*) FROM " : "DELETE FROM ") + table(options) + where;
        Properties props = connectionProperties(options, password(options, environment), false);
        try (Connection c = new Driver().connect(options.jdbcUrl(), props)) {
            if (c == null) {
                throw new SQLException("the driver does not accept the URL " + options.jdbcUrl());
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 0;
                if (run != null) {
                    ps.setString(++i, run);
                }
                if (olderThan != null) {
                    ps.setLong(++i, olderThan.toMillis());
                }
                if (!dryRun) {
                    return ps.executeLargeUpdate();
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    private static String table(StoreOptions options) {
        return "\"" + options.schema() + "\".response_journal";
    }

    /** The store's password, read from the variable {@link StoreOptions#passwordEnv()} names. */
    public static String password(StoreOptions options, Function<String, String> environment) {
        return options.passwordEnv() == null ? null : environment.apply(options.passwordEnv());
    }

    @Override
    public CompletableFuture<Optional<JournalEntry>> lookup(JournalKey key) {
        try {
            return CompletableFuture.supplyAsync(() -> read(key), thread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("journal closed", e));
        }
    }

    @Override
    public CompletableFuture<Void> append(JournalKey key, JournalEntry entry) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        appends.add(new Pending(key, entry, done));
        if (flushScheduled.compareAndSet(false, true)) {
            try {
                thread.execute(this::flush);
            } catch (RejectedExecutionException e) {
                failQueued(new IllegalStateException("journal closed", e));
            }
        }
        return done;
    }

    /** Lookups asked so far. */
    public long lookups() {
        return lookups.get();
    }

    /** Lookups that found an outcome. */
    public long hits() {
        return hits.get();
    }

    /** Outcomes committed (including ones that were already there). */
    public long appended() {
        return appended.get();
    }

    /** Append batches written. */
    public long batches() {
        return batches.get();
    }

    /** Lookups and appends that failed. */
    public long failures() {
        return failures.get();
    }

    /** Writes what has queued, then closes the connection. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2 * MAX_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        failQueued(new IllegalStateException("journal closed"));
        discardConnection();
    }

    // ---------------------------------------------------------------------------------------------

    private Optional<JournalEntry> read(JournalKey key) {
        lookups.incrementAndGet();
        try {
            PreparedStatement ps = select();
            int i = 0;
            ps.setString(++i, PostgresStore.text(key.run()));
            ps.setString(++i, PostgresStore.text(key.requestId()));
            ps.setString(++i, PostgresStore.text(key.endpoint()));
            ps.setInt(++i, key.sample());
            ps.setString(++i, key.fingerprint());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                hits.incrementAndGet();
                return Optional.of(
                        new JournalEntry(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getLong(6),
                                (Integer) rs.getObject(7),
                                (Integer) rs.getObject(8),
                                (Double) rs.getObject(9),
                                rs.getInt(10)));
            }
        } catch (SQLException e) {
            throw failed("lookup of " + key, e);
        }
    }

    private void flush() {
        flushScheduled.set(false);
        while (!appends.isEmpty()) {
            List<Pending> batch = new ArrayList<>(MAX_BATCH);
            Pending p;
            while (batch.size() < MAX_BATCH && (p = appends.poll()) != null) {
                batch.add(p);
            }
            try {
                write(batch);
                appended.addAndGet(batch.size());
                batches.incrementAndGet();
                batch.forEach(b -> b.done().complete(null));
            } catch (SQLException e) {
                RuntimeException failure = failed("append of " + batch.size() + " outcome(s)", e);
                batch.forEach(b -> b.done().completeExceptionally(failure));
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                batch.forEach(b -> b.done().completeExceptionally(e));
            }
        }
    }

    private void write(List<Pending> batch) throws SQLException {
        Connection c = connection();
        // One row per key: an upsert cannot affect a row twice in one statement (the first of a
        // key's outcomes is written, the others count as written, as with DO NOTHING).
        Map<JournalKey, Pending> rows = new LinkedHashMap<>();
        batch.forEach(p -> rows.putIfAbsent(p.key(), p));
        try (PreparedStatement ps = c.prepareStatement(insertSql)) {
            for (Pending p : rows.values()) {
                JournalKey k = p.key();
                JournalEntry e = p.entry();
                int i = 0;
                ps.setString(++i, PostgresStore.text(k.run()));
                ps.setString(++i, PostgresStore.text(k.requestId()));
                ps.setString(++i, PostgresStore.text(k.endpoint()));
                ps.setInt(++i, k.sample());
                ps.setString(++i, k.fingerprint());
                ps.setString(++i, PostgresStore.text(e.model()));
                ps.setString(++i, PostgresStore.text(e.text()));
                ps.setString(++i, PostgresStore.text(e.finishReason()));
                ps.setString(++i, PostgresStore.text(e.errorKind()));
                ps.setString(++i, PostgresStore.text(e.errorMessage()));
                ps.setLong(++i, e.latencyMs());
                ps.setObject(++i, e.inputTokens(), Types.INTEGER);
                ps.setObject(++i, e.outputTokens(), Types.INTEGER);
                ps.setObject(++i, e.cost(), Types.DOUBLE);
                ps.setInt(++i, e.attempts());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private RuntimeException failed(String what, SQLException e) {
        failures.incrementAndGet();
        if (e instanceof CoolingDown) {
            return new IllegalStateException("response journal: " + what + " skipped", e);
        }
        discardConnection();
        unavailableUntilNanos = System.nanoTime() + COOL_DOWN.toNanos();
        SQLException cause = e.getNextException() != null ? e.getNextException() : e;
        LOG.warn(
                "response journal: {} failed [SQLState {}]: {}; unavailable for {} ms",
                what,
                cause.getSQLState(),
                cause.getMessage(),
                COOL_DOWN.toMillis());
        return new IllegalStateException(
                "response journal: " + what + " failed [SQLState " + cause.getSQLState() + "]",
                cause);
    }

    private void failQueued(RuntimeException failure) {
        Pending p;
        while ((p = appends.poll()) != null) {
            failures.incrementAndGet();
            p.done().completeExceptionally(failure);
        }
    }

    private PreparedStatement select() throws SQLException {
        Connection c = connection();
        if (select == null) {
            select = c.prepareStatement(selectSql);
        }
        return select;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            if (System.nanoTime() - unavailableUntilNanos < 0) {
                throw new CoolingDown();
            }
            Connection c = new Driver().connect(options.jdbcUrl(), connectionProperties);
            if (c == null) {
                throw new SQLException("the driver does not accept the URL " + options.jdbcUrl());
            }
            c.setAutoCommit(true);
            connection = c;
        }
        return connection;
    }

    private void discardConnection() {
        select = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the journal's connection failed", e);
            }
            connection = null;
        }
    }

    private static Properties connectionProperties(
            StoreOptions options, String password, boolean capped) {
        return connectionProperties(options, password, capped, "-journal");
    }

    /**
     * Connection properties for a small helper connection to the store's database: its timeouts
     * capped at {@link #MAX_TIMEOUT} when {@code capped}, named {@code <application><suffix>}.
     */
    public static Properties connectionProperties(
            StoreOptions options, String password, boolean capped, String suffix) {
        Properties p = new Properties();
        if (options.user() != null) {
            p.setProperty("user", options.user());
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", options.applicationName() + suffix);
        p.setProperty(
                "connectTimeout",
                seconds(
                        capped
                                ? capped(options.connectTimeout())
                                : options.connectTimeout().toMillis()));
        p.setProperty(
                "socketTimeout",
                seconds(
                        capped
                                ? capped(options.socketTimeout())
                                : options.socketTimeout().toMillis()));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("reWriteBatchedInserts", "true");
        return p;
    }

    private static long capped(Duration timeout) {
        return Math.min(timeout.toMillis(), MAX_TIMEOUT.toMillis());
    }

    private static String seconds(long millis) {
        return Long.toString(Math.max(1, (millis + 999) / 1000));
    }
}
