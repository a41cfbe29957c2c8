package org.vlmeval.sinks.store;

import org.vlmeval.store.PostgresStore;
import org.vlmeval.store.StoreOptions;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writer of a {@link StoreSink}: one {@link PostgresStore} per subtask, and a buffer of rows
 * deduplicated by natural key (the last row of a key wins).
 *
 * <p>The buffer is written when it holds {@link StoreOptions#batchSize()} rows and on every {@link
 * #flush}, which Flink calls before each checkpoint and at the end of input. A checkpoint therefore
 * completes only after every row before its barrier is committed: at-least-once delivery, and with
 * the store's idempotent upserts the tables end as if each row had been written exactly once.
 *
 * <p>While the database is down or restarting, a write blocks inside the store, which retries for
 * up to {@link StoreOptions#outageTolerance()} (the store's one retry loop; the writer adds none):
 * the buffer is held, the flush and so the checkpoint take longer, and the writer's back-pressure
 * slows everything upstream instead of restarting the job. A write that fails for good (an outage
 * past the tolerance, or a non-transient error) is not caught: it fails the task, Flink restarts
 * from the last checkpoint, and the rows since then are sent and upserted again. The buffer is kept
 * until a write succeeds.
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

    private final StoreTable<T> table;
    private final int batchSize;
    private final PostgresStore store;
    private final Map<Object, T> buffer = new LinkedHashMap<>();

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
    }

    @Override
    public void write(T row, Context context) {
        if (buffer.put(table.key(row), row) != null) {
            rowsReplaced.inc();
        }
        if (buffer.size() >= batchSize) {
            writeBuffer();
        }
    }

    @Override
    public void flush(boolean endOfInput) {
        writeBuffer();
    }

    /** Rows waiting to be written. */
    int buffered() {
        return buffer.size();
    }

    private void writeBuffer() {
        if (buffer.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        // Throws on failure and keeps the buffer: the exception fails the task.
        table.upsert(store, new ArrayList<>(buffer.values()));
        lastFlushMillis = (System.nanoTime() - start) / 1_000_000L;
        rowsWritten.inc(buffer.size());
        recordsSend.inc(buffer.size());
        flushes.inc();
        buffer.clear();
    }

    /** Closes the store without writing: after a failure the rows come again from the source. */
    @Override
    public void close() {
        store.close();
    }
}
