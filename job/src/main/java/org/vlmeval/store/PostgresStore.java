package org.vlmeval.store;

import org.vlmeval.model.AlertEvent;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.JudgementRow;
import org.vlmeval.model.WindowMetricsRow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The PostgreSQL store of per-answer results ({@code answers}) and windowed metrics ({@code
 * window_metrics}) that Grafana reads. Plain JDBC, no Flink: a Flink sink writer wraps one store.
 *
 * <h2>Writes converge</h2>
 *
 * {@link #upsertAnswers} and {@link #upsertWindowMetrics} write batched {@code INSERT … ON CONFLICT
 * (natural key) DO UPDATE}, so a replay or a restart from a checkpoint (which re-sends rows)
 * converges to the same table contents: writing the same rows twice leaves the tables identical,
 * and a later row with the same key (a late correction, a late window firing) replaces the earlier
 * one. A row whose content is unchanged is not touched at all (its {@code written_at} stays).
 * Within one call, rows that share a key keep the last one. Rows are written in chunks of {@link
 * StoreOptions#batchSize()}, one transaction each, in key order (so that concurrent writers lock
 * rows in the same order); when a call returns, every row is committed. A call that throws may have
 * committed its earlier chunks, which the retried call rewrites harmlessly.
 *
 * <h2>Failures</h2>
 *
 * A transient failure — connection lost (SQLState class {@code 08}), the server shutting down or
 * starting ({@code 57P01}, {@code 57P02}, {@code 57P03}), a serialization failure or deadlock
 * ({@code 40001}, {@code 40P01}) — rolls the chunk back, waits ({@link StoreOptions#retryBackoff()}
 * doubling up to {@link StoreOptions#maxRetryBackoff()}), reconnects when the connection is gone,
 * and writes the chunk again: the call blocks through an outage of the database until it has lasted
 * {@link StoreOptions#outageTolerance()} (counted from the first failure), and then throws a {@link
 * StoreException} naming the outage's length and the last error (see {@link OutageRetry}; {@link
 * #open} connects the same way). Any other database error is thrown at once as a {@link
 * StoreException} naming the table and, found by writing the chunk's rows one at a time, the
 * natural key of the offending row. Being interrupted while waiting restores the thread's interrupt
 * flag and throws a {@link StoreException}.
 *
 * <h2>Connection</h2>
 *
 * One connection, opened by {@link #open} (which also applies the {@link StoreMigrations} unless
 * {@link StoreOptions#migrate()} is off) and reopened after it is lost. The password is read from
 * the environment variable {@link StoreOptions#passwordEnv()} when connecting, and appears in no
 * message or log. A store is not thread-safe: one per writer thread, as Flink runs one writer per
 * subtask.
 *
 * <h2>Text</h2>
 *
 * PostgreSQL text cannot hold the NUL character; a {@code U+0000} in any text (a model's output may
 * have one) is stored as {@code U+FFFD} rather than failing the write. Instants are stored with
 * microsecond precision.
 */
public final class PostgresStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int MAX_MESSAGE = 1000;

    private final StoreOptions options;
    private final Properties connectionProperties;
    private final Table<AnswerRow> answers;
    private final Table<WindowMetricsRow> windowMetrics;
    private final Table<AlertEvent> alertEvents;
    private final Table<JudgementRow> judgements;
    private final OutageRetry retry;

    private final BinaryCopyRows copyRows = new BinaryCopyRows();
    private Connection connection;
    private int connections;
    private boolean closed;

    private PostgresStore(StoreOptions options, String password) {
        this.options = options;
        this.connectionProperties = connectionProperties(options, password);
        String schema = "\"" + options.schema() + "\"";
        this.answers = answersTable(schema + ".answers");
        this.windowMetrics = windowMetricsTable(schema + ".window_metrics");
        this.alertEvents = alertEventsTable(schema + ".alert_events");
        this.judgements = judgementsTable(schema + ".judgements");
        this.retry = new OutageRetry(options);
    }

    /**
     * Connects (retrying transient failures as writes do), applies the migrations unless {@link
     * StoreOptions#migrate()} is off, and returns the store. The password is read from the process
     * environment.
     *
     * @throws StoreException when the database stays unreachable longer than the outage tolerance,
     *     or a migration fails
     * @throws IllegalStateException when {@link StoreOptions#passwordEnv()} names an unset variable
     */
    public static PostgresStore open(StoreOptions options) {
        return open(options, System::getenv);
    }

    /**
     * As {@link #open(StoreOptions)}, reading the password variable from {@code environment}
     * instead of the process environment (for tests, or for secrets kept elsewhere).
     */
    public static PostgresStore open(StoreOptions options, Function<String, String> environment) {
        String password = null;
        if (options.passwordEnv() != null) {
            password = environment.apply(options.passwordEnv());
            if (password == null || password.isEmpty()) {
                throw new IllegalStateException(
                        "the password variable "
                                + options.passwordEnv()
                                + " (StoreOptions.passwordEnv) is not set");
            }
        }
        PostgresStore store = new PostgresStore(options, password);
        try {
            store.withRetry(
                    "connect" + (options.migrate() ? " and migrate" : ""),
                    null,
                    c -> {
                        if (options.migrate()) {
                            StoreMigrations.migrate(store.dataSource(), options.schema());
                        }
                    });
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Connections as the store's own, for Flyway (which opens and closes its own). */
    private DataSource dataSource() throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(options.jdbcUrl());
        for (String name : connectionProperties.stringPropertyNames()) {
            ds.setProperty(name, connectionProperties.getProperty(name));
        }
        return ds;
    }

    /** The options this store was opened with. */
    public StoreOptions options() {
        return options;
    }

    /**
     * How long the database has been unavailable to the write in progress, in ms: 0 unless a write
     * (or connecting) is waiting through an outage. Safe to read from any thread (for a metric).
     */
    public long outageMillis() {
        return retry.outageMillis();
    }

    /** Attempts repeated after a transient failure so far. Safe to read from any thread. */
    public long retries() {
        return retry.retries();
    }

    /** Connections opened so far: 1 after {@link #open}, one more for each reconnect. */
    public int connectionsOpened() {
        return connections;
    }

    /**
     * Inserts the rows, or replaces the stored rows with the same (run, request_id, endpoint).
     * Returns when all are committed.
     *
     * @throws StoreException on a non-transient failure, or an outage longer than the tolerance
     */
    public void upsertAnswers(List<AnswerRow> rows) {
        upsert(answers, rows);
    }

    /**
     * The answers (and failed calls) of one run, ordered by request id and endpoint; empty when the
     * run has none. For {@code vlm-eval compare}: reads retry through an outage as writes do.
     *
     * @throws StoreException on a non-transient failure, or an outage longer than the tolerance
     */
    public List<AnswerRow> answersOfRun(String run) {
        List<AnswerRow> rows = new ArrayList<>();
        withRetry(
                "read the answers of run " + run,
                answers.name,
                c -> {
                    rows.clear();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT "
                                            + String.join(", ", answers.columns)
                                            + " FROM "
                                            + answers.name
                                            + " WHERE run = ? ORDER BY request_id, endpoint, sample")) {
                        ps.setString(1, run);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                rows.add(answerRow(rs));
                            }
                        }
                    } finally {
                        c.rollback(); // nothing written; ends the read's transaction
                    }
                });
        return rows;
    }

    /** The answer row at the result set's cursor, selected with the answers table's columns. */
    public static AnswerRow answerRow(ResultSet rs) throws SQLException {
        Array objects = rs.getArray("hallucinated_objects");
        return new AnswerRow(
                rs.getString("run"),
                rs.getString("request_id"),
                rs.getString("endpoint"),
                rs.getString("model"),
                rs.getString("category"),
                rs.getString("lang"),
                rs.getObject("event_time", OffsetDateTime.class).toInstant(),
                rs.getString("question"),
                rs.getString("response_text"),
                rs.getString("finish_reason"),
                rs.getObject("correct", Boolean.class),
                rs.getObject("score", Double.class),
                rs.getObject("refusal", Boolean.class),
                rs.getObject("hallucination", Boolean.class),
                objects == null ? List.of() : List.of((String[]) objects.getArray()),
                rs.getString("explanation"),
                rs.getString("error_kind"),
                rs.getString("error_message"),
                rs.getLong("latency_ms"),
                rs.getObject("input_tokens", Integer.class),
                rs.getObject("output_tokens", Integer.class),
                rs.getObject("cost", Double.class),
                rs.getInt("attempts"),
                rs.getBoolean("late"),
                rs.getBoolean("reused"),
                rs.getInt("sample"),
                rs.getString("reading"),
                rs.getString("truth"),
                rs.getString("objects_source"));
    }

    /**
     * Inserts the rows, or replaces the stored rows with the same (run, model, category,
     * window_start, window_end). Returns when all are committed.
     *
     * @throws StoreException on a non-transient failure, or an outage longer than the tolerance
     */
    public void upsertWindowMetrics(List<WindowMetricsRow> rows) {
        upsert(windowMetrics, rows);
    }

    /**
     * Inserts the alert events, or replaces the stored ones with the same (alert_id, state).
     * Returns when all are committed.
     *
     * @throws StoreException on a non-transient failure, or an outage longer than the tolerance
     */
    public void upsertAlertEvents(List<AlertEvent> rows) {
        upsert(alertEvents, rows);
    }

    /**
     * Inserts the judgements, or replaces the stored ones with the same (run, request_id, endpoint,
     * sample, judge, task). Returns when all are committed.
     *
     * @throws StoreException on a non-transient failure, or an outage longer than the tolerance
     */
    public void upsertJudgements(List<JudgementRow> rows) {
        upsert(judgements, rows);
    }

    /** Closes the connection. Idempotent. */
    @Override
    public void close() {
        closed = true;
        discardConnection(null);
    }

    // ---------------------------------------------------------------------------------------------

    private <R> void upsert(Table<R> table, List<R> rows) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        if (rows.isEmpty()) {
            return;
        }
        // The last row of each key wins; key order keeps concurrent writers from deadlocking.
        Map<String, R> byKey = new TreeMap<>();
        for (R row : rows) {
            byKey.put(table.sortKey.apply(row), row);
        }
        List<R> unique = new ArrayList<>(byKey.values());
        for (int from = 0; from < unique.size(); from += options.batchSize()) {
            List<R> chunk =
                    unique.subList(from, Math.min(unique.size(), from + options.batchSize()));
            withRetry("upsert into " + table.name, table.name, c -> write(c, table, chunk));
        }
    }

    private <R> void write(Connection c, Table<R> table, List<R> chunk) throws SQLException {
        try {
            if (table.copyEncoder != null && chunk.size() > 1) {
                copy(c, table, chunk);
            } else {
                try (PreparedStatement ps = c.prepareStatement(table.upsertSql)) {
                    for (R row : chunk) {
                        table.binder.bind(ps, c, row);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            c.commit();
        } catch (SQLException e) {
            rollbackQuietly(c, e);
            if (isTransient(e)) {
                throw e;
            }
            throw locate(c, table, chunk, e);
        }
    }

    /**
     * Upserts the chunk through the table's stage (see {@link Table#copying}), in the caller's
     * transaction. Re-scoring recorded answers into the store, this took the database's CPU per
     * answer from 27 to 12 us and the job's from 8 to 2 us (docs/performance.md).
     */
    private <R> void copy(Connection c, Table<R> table, List<R> chunk) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(table.stageSql);
        }
        copyRows.reset();
        int fields = table.columns.size();
        for (R row : chunk) {
            table.copyEncoder.encode(copyRows.row(fields), row);
        }
        copyRows.finish();
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(table.copySql);
        try {
            in.writeToCopy(copyRows.buffer(), 0, copyRows.length());
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate(table.mergeSql);
        }
    }

    /** Writes the rows one at a time, rolled back, to find the one the database rejects. */
    private <R> StoreException locate(Connection c, Table<R> table, List<R> chunk, SQLException e) {
        String key = null;
        SQLException rowError = e;
        if (chunk.size() == 1) {
            key = table.naturalKey.apply(chunk.get(0));
        } else {
            try (PreparedStatement ps = c.prepareStatement(table.upsertSql)) {
                for (R row : chunk) {
                    try {
                        table.binder.bind(ps, c, row);
                        ps.executeUpdate();
                    } catch (SQLException rowFailure) {
                        key = table.naturalKey.apply(row);
                        rowError = rowFailure;
                        break;
                    }
                }
            } catch (SQLException probeFailure) {
                e.addSuppressed(probeFailure);
            } finally {
                rollbackQuietly(c, e);
            }
        }
        SQLException cause = unwrap(rowError);
        return new StoreException(
                "upsert into "
                        + table.name
                        + " failed"
                        + (key == null ? "" : " for " + key)
                        + " "
                        + describe(cause),
                table.name,
                key,
                cause.getSQLState(),
                cause);
    }

    /**
     * The server's error behind a batch failure: the driver's BatchUpdateException repeats the
     * whole statement with every row's values, the chained exception has the server's message.
     */
    static SQLException unwrap(SQLException e) {
        SQLException next = e.getNextException();
        return next != null && (e instanceof BatchUpdateException || e.getSQLState() == null)
                ? next
                : e;
    }

    /** The server's message, cut short: a message can quote a whole failing row. */
    static String describe(SQLException e) {
        SQLException cause = unwrap(e);
        String message = String.valueOf(cause.getMessage());
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        return "[SQLState " + cause.getSQLState() + "]: " + message;
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    private void withRetry(String what, String table, SqlWork work) {
        retry.run(what, table, () -> work.run(connection()), this::discardConnectionIfBroken);
    }

    /**
     * Lost connection, server shutdown or start-up, serialization failure, deadlock: worth
     * retrying.
     */
    static boolean isTransient(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if (state != null
                    && (state.startsWith("08")
                            || state.equals("57P01")
                            || state.equals("57P02")
                            || state.equals("57P03")
                            || state.equals("40001")
                            || state.equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = new Driver().connect(options.jdbcUrl(), connectionProperties);
            if (c == null) {
                throw new SQLException("the driver does not accept the URL " + options.jdbcUrl());
            }
            c.setAutoCommit(false);
            connections++;
            if (connections > 1) {
                LOG.info("Reconnected to {} (connection {})", options.jdbcUrl(), connections);
            }
            connection = c;
        }
        return connection;
    }

    private void discardConnectionIfBroken(SQLException failure) {
        if (connection == null) {
            return;
        }
        boolean broken;
        try {
            String state = failure.getSQLState();
            broken =
                    connection.isClosed()
                            || (state != null
                                    && (state.startsWith("08") || state.startsWith("57P")))
                            || !connection.isValid(2);
        } catch (SQLException e) {
            broken = true;
        }
        if (broken) {
            discardConnection(failure);
        }
    }

    private void discardConnection(Exception cause) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                }
            }
            connection = null;
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static Properties connectionProperties(StoreOptions options, String password) {
        Properties p = new Properties();
        if (options.user() != null) {
            p.setProperty("user", options.user());
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", options.applicationName());
        p.setProperty("connectTimeout", seconds(options.connectTimeout().toMillis()));
        p.setProperty("socketTimeout", seconds(options.socketTimeout().toMillis()));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("reWriteBatchedInserts", "true");
        return p;
    }

    private static String seconds(long millis) {
        return Long.toString(Math.max(1, (millis + 999) / 1000));
    }

    // ---------------------------------------------------------------------------------------------
    // Tables

    @FunctionalInterface
    private interface Binder<R> {
        void bind(PreparedStatement ps, Connection c, R row) throws SQLException;
    }

    private static final class Table<R> {
        final String name;
        final List<String> columns;
        final String onConflict;
        final String upsertSql;
        final Binder<R> binder;
        CopyEncoder<R> copyEncoder;
        String stageSql;
        String copySql;
        String mergeSql;
        final Function<R, String> naturalKey;
        final Function<R, String> sortKey;

        Table(
                String name,
                List<String> keyColumns,
                List<String> valueColumns,
                Binder<R> binder,
                Function<R, String> naturalKey,
                Function<R, String> sortKey) {
            this(name, keyColumns, valueColumns, binder, naturalKey, sortKey, null);
        }

        /**
         * @param keep a condition on the stored row ({@code t}) and the new one ({@code EXCLUDED})
         *     under which the stored row stays, or null
         */
        Table(
                String name,
                List<String> keyColumns,
                List<String> valueColumns,
                Binder<R> binder,
                Function<R, String> naturalKey,
                Function<R, String> sortKey,
                String keep) {
            this.name = name;
            this.binder = binder;
            this.naturalKey = naturalKey;
            this.sortKey = sortKey;
            List<String> all = new ArrayList<>(keyColumns);
            all.addAll(valueColumns);
            this.columns = List.copyOf(all);
            this.onConflict =
                    " ON CONFLICT ("
                            + String.join(", ", keyColumns)
                            + ") DO UPDATE SET "
                            + valueColumns.stream()
                                    .map(col -> col + " = EXCLUDED." + col)
                                    .collect(Collectors.joining(", "))
                            + ", written_at = now() WHERE ("
                            + valueColumns.stream()
                                    .map(col -> "t." + col)
                                    .collect(Collectors.joining(", "))
                            + ") IS DISTINCT FROM ("
                            + valueColumns.stream()
                                    .map(col -> "EXCLUDED." + col)
                                    .collect(Collectors.joining(", "))
                            + ")"
                            + (keep == null ? "" : " AND NOT (" + keep + ")");
            this.upsertSql =
                    "INSERT INTO "
                            + name
                            + " AS t ("
                            + String.join(", ", all)
                            + ") VALUES ("
                            + all.stream().map(col -> "?").collect(Collectors.joining(", "))
                            + ")"
                            + onConflict;
        }

        /**
         * Also writes batches of more than one row by {@code COPY} into a temporary table of the
         * same columns, then one {@code INSERT … SELECT} with the same conflict clause as {@link
         * #upsertSql}: the database parses no statement per row. {@code encoder} writes a row's
         * columns in {@link #columns} order; the table's binder should be the same encoder over
         * {@link StatementColumns}, so that both ways store the same row.
         */
        Table<R> copying(CopyEncoder<R> encoder) {
            String columnList = String.join(", ", columns);
            // pg_temp: the session's own schema, whatever the search path or the tables there.
            String stage = "pg_temp.vlm_stage_" + name.substring(name.lastIndexOf('.') + 1);
            this.copyEncoder = encoder;
            // ON COMMIT DELETE ROWS: the rows leave with the transaction, committed or not. IF NOT
            // EXISTS in every transaction rather than once per connection: a reconnect, or a
            // pooler handing the next transaction another server connection, needs it again.
            this.stageSql =
                    "CREATE TEMP TABLE IF NOT EXISTS "
                            + stage
                            + " ON COMMIT DELETE ROWS AS SELECT "
                            + columnList
                            + " FROM "
                            + name
                            + " WITH NO DATA";
            this.copySql = "COPY " + stage + " (" + columnList + ") FROM STDIN (FORMAT binary)";
            // The rows come out of the stage in the order they were copied, which is key order
            // (see upsert): the lock order that keeps concurrent writers from deadlocking.
            this.mergeSql =
                    "INSERT INTO "
                            + name
                            + " AS t ("
                            + columnList
                            + ") SELECT "
                            + columnList
                            + " FROM "
                            + stage
                            + onConflict;
            return this;
        }
    }

    /**
     * Writes one row's columns, in the table's column order (a {@code COPY} buffer or a statement).
     */
    @FunctionalInterface
    private interface CopyEncoder<R> {
        void encode(RowColumns out, R row) throws SQLException;
    }

    private static Table<AnswerRow> answersTable(String name) {
        return new Table<>(
                        name,
                        List.of("run", "request_id", "endpoint", "sample"),
                        List.of(
                                "model",
                                "category",
                                "lang",
                                "event_time",
                                "question",
                                "response_text",
                                "finish_reason",
                                "correct",
                                "score",
                                "refusal",
                                "hallucination",
                                "hallucinated_objects",
                                "explanation",
                                "error_kind",
                                "error_message",
                                "latency_ms",
                                "input_tokens",
                                "output_tokens",
                                "cost",
                                "attempts",
                                "late",
                                "reused",
                                "reading",
                                "truth",
                                "objects_source"),
                        (ps, c, r) -> answerColumns(new StatementColumns(ps, c), r),
                        AnswerRow::naturalKey,
                        r ->
                                r.run()
                                        + '\u0000'
                                        + r.requestId()
                                        + '\u0000'
                                        + r.endpoint()
                                        + '\u0000'
                                        + r.sample())
                .copying(PostgresStore::answerColumns);
    }

    /** An answer's columns, in the order of {@link #answersTable}'s columns. */
    private static void answerColumns(RowColumns out, AnswerRow r) throws SQLException {
        out.text(r.run())
                .text(r.requestId())
                .text(r.endpoint())
                .int4(r.sample())
                .text(r.model())
                .text(r.category())
                .text(r.lang())
                .timestamptz(r.eventTime())
                .text(r.question())
                .text(r.responseText())
                .text(r.finishReason())
                .bool(r.correct())
                .float8(r.score())
                .bool(r.refusal())
                .bool(r.hallucination())
                .textArray(r.hallucinatedObjects())
                .text(r.explanation())
                .text(r.errorKind())
                .text(r.errorMessage())
                .int8(r.latencyMs())
                .int4(r.inputTokens())
                .int4(r.outputTokens())
                .float8(r.cost())
                .int4(r.attempts())
                .bool(r.late())
                .bool(r.reused())
                .text(r.reading())
                .text(r.truth())
                .text(r.objectsSource());
    }

    private static Table<WindowMetricsRow> windowMetricsTable(String name) {
        return new Table<>(
                name,
                WindowMetricsRow.KEY_COLUMNS,
                WindowMetricsRow.VALUE_COLUMNS,
                (ps, c, r) -> {
                    int i = 0;
                    ps.setString(++i, text(r.run()));
                    ps.setString(++i, text(r.model()));
                    ps.setString(++i, text(r.category()));
                    ps.setObject(++i, timestamp(r.windowStart()), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setObject(++i, timestamp(r.windowEnd()), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setString(++i, r.windowKind());
                    ps.setLong(++i, r.requests());
                    ps.setLong(++i, r.answered());
                    ps.setLong(++i, r.errors());
                    ps.setObject(++i, json(r.errorsByKind()), Types.OTHER);
                    ps.setLong(++i, r.scored());
                    ps.setLong(++i, r.correct());
                    ps.setObject(++i, r.accuracy(), Types.DOUBLE);
                    ps.setObject(++i, r.accuracyLow(), Types.DOUBLE);
                    ps.setObject(++i, r.accuracyHigh(), Types.DOUBLE);
                    ps.setObject(++i, r.meanScore(), Types.DOUBLE);
                    ps.setLong(++i, r.refusals());
                    ps.setObject(++i, r.refusalRate(), Types.DOUBLE);
                    ps.setObject(++i, r.refusalRateLow(), Types.DOUBLE);
                    ps.setObject(++i, r.refusalRateHigh(), Types.DOUBLE);
                    ps.setLong(++i, r.withObjects());
                    ps.setLong(++i, r.hallucinations());
                    ps.setObject(++i, r.hallucinationRate(), Types.DOUBLE);
                    ps.setObject(++i, r.hallucinationRateLow(), Types.DOUBLE);
                    ps.setObject(++i, r.hallucinationRateHigh(), Types.DOUBLE);
                    ps.setObject(++i, r.latencyP50Ms(), Types.BIGINT);
                    ps.setObject(++i, r.latencyP95Ms(), Types.BIGINT);
                    ps.setObject(++i, r.latencyP99Ms(), Types.BIGINT);
                    ps.setLong(++i, r.inputTokens());
                    ps.setLong(++i, r.outputTokens());
                    ps.setDouble(++i, r.cost());
                    ps.setLong(++i, r.late());
                    ps.setLong(++i, r.judged());
                    ps.setLong(++i, r.judgedCorrect());
                    ps.setObject(++i, r.judgedAccuracy(), Types.DOUBLE);
                    ps.setObject(++i, r.judgedAccuracyLow(), Types.DOUBLE);
                    ps.setObject(++i, r.judgedAccuracyHigh(), Types.DOUBLE);
                    ps.setLong(++i, r.judgedWithObjects());
                    ps.setLong(++i, r.judgedHallucinations());
                    ps.setObject(++i, r.judgedHallucinationRate(), Types.DOUBLE);
                    ps.setObject(++i, r.judgedHallucinationRateLow(), Types.DOUBLE);
                    ps.setObject(++i, r.judgedHallucinationRateHigh(), Types.DOUBLE);
                },
                WindowMetricsRow::naturalKey,
                r ->
                        r.run()
                                + '\u0000'
                                + r.model()
                                + '\u0000'
                                + r.category()
                                + '\u0000'
                                + instantKey(r.windowStart())
                                + '\u0000'
                                + instantKey(r.windowEnd()));
    }

    private static Table<AlertEvent> alertEventsTable(String name) {
        return new Table<>(
                name,
                List.of("alert_id", "state"),
                List.of(
                        "run",
                        "model",
                        "category",
                        "metric",
                        "window_start",
                        "window_end",
                        "window_rate",
                        "window_trials",
                        "baseline_rate",
                        "baseline_trials",
                        "p_value"),
                (ps, c, r) -> {
                    int i = 0;
                    ps.setString(++i, text(r.alertId()));
                    ps.setString(++i, r.state());
                    ps.setString(++i, text(r.run()));
                    ps.setString(++i, text(r.model()));
                    ps.setString(++i, text(r.category()));
                    ps.setString(++i, r.metric());
                    ps.setObject(++i, timestamp(r.windowStart()), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setObject(++i, timestamp(r.windowEnd()), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setDouble(++i, r.windowRate());
                    ps.setLong(++i, r.windowTrials());
                    ps.setObject(++i, r.baselineRate(), Types.DOUBLE);
                    ps.setLong(++i, r.baselineTrials());
                    ps.setObject(++i, r.pValue(), Types.DOUBLE);
                },
                r -> text(r.alertId()) + '\u0000' + r.state(),
                r -> r.alertId() + '\u0000' + r.state());
    }

    private static Table<JudgementRow> judgementsTable(String name) {
        return new Table<>(
                name,
                List.of("run", "request_id", "endpoint", "sample", "judge", "task"),
                List.of(
                        "event_time",
                        "prompt_version",
                        "image_key",
                        "verdict",
                        "objects",
                        "rationale",
                        "reused",
                        "skipped",
                        "error_kind",
                        "error_message",
                        "latency_ms",
                        "input_tokens",
                        "output_tokens",
                        "cost"),
                (ps, c, r) -> {
                    int i = 0;
                    ps.setString(++i, text(r.run()));
                    ps.setString(++i, text(r.requestId()));
                    ps.setString(++i, text(r.endpoint()));
                    ps.setInt(++i, r.sample());
                    ps.setString(++i, text(r.judge()));
                    ps.setString(++i, r.task());
                    ps.setObject(++i, timestamp(r.eventTime()), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setString(++i, text(r.promptVersion()));
                    ps.setString(++i, r.imageKey());
                    ps.setString(++i, r.verdict());
                    ps.setArray(
                            ++i,
                            r.objects() == null
                                    ? null
                                    : c.createArrayOf(
                                            "text",
                                            r.objects().stream()
                                                    .map(PostgresStore::text)
                                                    .toArray()));
                    ps.setString(++i, text(r.rationale()));
                    ps.setBoolean(++i, r.reused());
                    ps.setString(++i, r.skipped());
                    ps.setString(++i, r.errorKind());
                    ps.setString(++i, text(r.errorMessage()));
                    ps.setLong(++i, r.latencyMs());
                    ps.setObject(++i, r.inputTokens(), Types.INTEGER);
                    ps.setObject(++i, r.outputTokens(), Types.INTEGER);
                    ps.setObject(++i, r.cost(), Types.DOUBLE);
                },
                JudgementRow::naturalKey,
                r ->
                        String.join(
                                "\u0000",
                                r.run(),
                                r.requestId(),
                                r.endpoint(),
                                Integer.toString(r.sample()),
                                r.judge(),
                                r.task()),
                // A re-run (or a restore) finds the list it paid for in the cache: the row that
                // paid stays, with its cost, rather than becoming a reused row of cost 0.
                "EXCLUDED.reused AND NOT t.reused AND t.error_kind IS NULL");
    }

    /**
     * An instant as PostgreSQL stores it: microseconds since the epoch, rounded half up as the JDBC
     * driver sends them (and as {@link BinaryCopyRows} writes them).
     */
    public static long micros(Instant instant) {
        return Math.addExact(
                Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                (instant.getNano() + 500L) / 1_000L);
    }

    /** Text PostgreSQL accepts: NUL becomes U+FFFD (also for the journal and the objects cache). */
    public static String text(String s) {
        return s == null || s.indexOf('\u0000') < 0 ? s : s.replace('\u0000', '\uFFFD');
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Fixed-width, so that string order is time order. */
    private static String instantKey(Instant instant) {
        return String.format("%020d%09d", instant.getEpochSecond() + (1L << 40), instant.getNano());
    }

    private static String json(Map<String, Long> errorsByKind) {
        Map<String, Long> clean = new LinkedHashMap<>();
        errorsByKind.forEach((k, v) -> clean.merge(text(k), v, Long::sum));
        try {
            return JSON.writeValueAsString(clean);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write errors_by_kind as JSON", e);
        }
    }
}
