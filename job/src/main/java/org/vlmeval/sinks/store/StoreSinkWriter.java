package org.vlmeval.sinks.store;

import org.vlmeval.store.DaemonThread;
import org.vlmeval.store.PostgresStore;
import org.vlmeval.store.StoreOptions;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The writer of a {@link StoreSink}: one {@link PostgresStore} per subtask, and a buffer of rows
 * deduplicated by natural key (the last row of a key wins).
 *
 * <p>A full buffer ({@link StoreOptions#batchSize()} rows) is upserted by the writer's own thread
 * while the task goes on filling the next one: the task does not stop for the database's share of
 * the work (a third of the CPU per answer when re-scoring into the store; docs/performance.md). At
 * most one batch is in flight: a buffer that fills again waits for it, so the database's pace
 * back-pressures the job as before. Batches are written one after the other, in the order their
 * rows came, so a later row of a key still wins. The store is used by one thread at a time (the
 * task waits for the write thread before touching it).
 *
 * <p>Every {@link #flush}, which Flink calls before each checkpoint and at the end of input, waits
 * for the batch in flight and then writes the rest of the buffer. A checkpoint therefore completes
 * only after every row before its barrier is committed: at-least-once delivery, and with the
 * store's idempotent upserts the tables end as if each row had been written exactly once.
 *
 * <p>While the database is down or restarting, a write blocks inside the store, which retries for
 * up to {@link StoreOptions#outageTolerance()} (the store's one retry loop; the writer adds none):
 * the rows are held, the flush and so the checkpoint take longer, and the writer's back-pressure
 * slows everything upstream instead of restarting the job. A write that fails for good (an outage
 * past the tolerance, or a non-transient error) is thrown, as it was, by the call that waits for it
 * — the next {@link #write} that fills the buffer, or the next {@link #flush} — and fails the task;
 * Flink restarts from the last checkpoint, and the rows since then are sent and upserted again. The
 * rows are kept until a write succeeds ({@link #buffered}).
 *
 * <p>Metrics, in the writer's metric group: {@code rowsWritten} (rows upserted), {@code
 * rowsReplaced} (buffered rows replaced by a later row with the same key before being written),
 * {@code flushes} (upserts issued), {@code lastFlushMillis} (wall time of the last upsert), {@code
 * storeOutageMillis} (how long the write in progress has been waiting for an unavailable database;
 * 0 when none is), {@code storeRetries} (writes repeated after a transient failure); Flink's
 * standard {@code numRecordsSend} and {@code currentSendTime} follow rows written and the last
 * upsert's time.
 */
final class StoreSinkWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(StoreSinkWriter.class);

    /** How long {@link #close} waits for an interrupted write to give the connection back. */
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final StoreTable<T> table;
    private final int batchSize;
    private final PostgresStore store;
    private final ExecutorService writes;
    private Map<Object, T> buffer = new LinkedHashMap<>();

    /** The batch the write thread is upserting, or empty; kept until its write is known good. */
    private volatile List<T> inFlight = List.of();

    private Future<?> write;

    private final Counter rowsWritten;
    private final Counter rowsReplaced;
    private final Counter flushes;
    private final Counter recordsSend;
    private volatile long lastFlushMillis;

    /**
     * Opens the store, so that the schema is migrated when the job starts rather than at the first
     * row.
     */
    StoreSinkWriter(StoreOptions options, StoreTable<T> table, SinkWriterMetricGroup metrics) {
        this.table = table;
        this.batchSize = options.batchSize();
        this.rowsWritten = metrics.counter("rowsWritten");
        this.rowsReplaced = metrics.counter("rowsReplaced");
        this.flushes = metrics.counter("flushes");
        this.recordsSend = metrics.getNumRecordsSendCounter();
        metrics.gauge("lastFlushMillis", () -> lastFlushMillis);
        metrics.setCurrentSendTimeGauge(() -> lastFlushMillis);
        this.store = PostgresStore.open(options);
        metrics.gauge("storeOutageMillis", store::outageMillis);
        metrics.gauge("storeRetries", store::retries);
        this.writes = DaemonThread.executor("store-writer-" + table.name());
    }

    @Override
    public void write(T row, Context context) {
        if (buffer.put(table.key(row), row) != null) {
            rowsReplaced.inc();
        }
        if (buffer.size() >= batchSize) {
            awaitWrite();
            List<T> rows = new ArrayList<>(buffer.values());
            inFlight = rows;
            buffer = new LinkedHashMap<>();
            write = writes.submit(() -> upsert(rows));
        }
    }

    @Override
    public void flush(boolean endOfInput) {
        awaitWrite();
        if (!buffer.isEmpty()) {
            // Throws on failure and keeps the buffer: the exception fails the task.
            upsert(new ArrayList<>(buffer.values()));
            buffer.clear();
        }
    }

    /** Rows not yet known to be committed: the buffer and the batch in flight. */
    int buffered() {
        return buffer.size() + inFlight.size();
    }

    /** Waits for the batch in flight; throws its failure (again, on every later call). */
    private void awaitWrite() {
        if (write == null) {
            return;
        }
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while waiting for the store's write of " + table.name(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
        write = null;
        inFlight = List.of();
    }

    private void upsert(List<T> rows) {
        long start = System.nanoTime();
        table.upsert(store, rows);
        lastFlushMillis = (System.nanoTime() - start) / 1_000_000L;
        rowsWritten.inc(rows.size());
        recordsSend.inc(rows.size());
        flushes.inc();
    }

    /**
     * Closes the store without writing: after a failure the rows come again from the source. A
     * write in flight (only after a failure: Flink flushes before a normal end) is interrupted,
     * which ends a wait for the database at once, and given a moment to hand the connection back.
     */
    @Override
    public void close() {
        writes.shutdownNow();
        try {
            if (!writes.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn(
                        "The store write of {} did not end within {} s of being interrupted;"
                                + " closing its connection under it",
                        table.name(),
                        CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            store.close();
        }
    }
}
