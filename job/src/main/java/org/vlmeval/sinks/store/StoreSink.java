package org.vlmeval.sinks.store;

import org.vlmeval.model.AlertEvent;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.JudgementRow;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.pipeline.JobOutputs;
import org.vlmeval.store.PostgresStore;
import org.vlmeval.store.StoreOptions;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.util.Objects;

/**
 * A Flink sink (Sink V2) that upserts {@link AnswerRow}s or {@link WindowMetricsRow}s into the
 * PostgreSQL {@link PostgresStore}.
 *
 * <p>Each writer subtask opens its own store when it is created (applying the schema migrations,
 * serialised across subtasks by the store's advisory lock), buffers rows deduplicated by natural
 * key, and upserts them in batches of {@link StoreOptions#batchSize()} and at every flush. Flink
 * flushes before each checkpoint, so delivery is at-least-once; the upserts are idempotent, so the
 * tables converge to the same content however often rows are replayed. A database outage shorter
 * than {@link StoreOptions#outageTolerance()} only slows the job down (the writers block and
 * retry); a longer one, or a non-transient error, fails the job, which then restarts from its last
 * checkpoint.
 *
 * <pre>{@code
 * StoreSink.attach(answers, windowMetrics, options, "vlm-");
 * // or, for the job's own outputs (answers written where they are produced, see there):
 * StoreSink.attachJobOutputs(outputs, options, "vlm-");
 * // or, on a stream where the rows of a key come from one subtask only:
 * answers.sinkTo(StoreSink.answers(options)).name("store-answers").uid("store-answers");
 * }</pre>
 *
 * @param <T> {@link AnswerRow} or {@link WindowMetricsRow}
 */
public final class StoreSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    /** The operator name (and, after the uid prefix, the uid) of the answers sink. */
    public static final String ANSWERS_NAME = "store-answers";

    /** The operator name (and, after the uid prefix, the uid) of the window metrics sink. */
    public static final String WINDOW_METRICS_NAME = "store-window-metrics";

    /** The operator name (and, after the uid prefix, the uid) of the alert events sink. */
    public static final String ALERT_EVENTS_NAME = "store-alert-events";

    /** The operator name (and, after the uid prefix, the uid) of the judgements sink. */
    public static final String JUDGEMENTS_NAME = "store-judgements";

    private final StoreOptions options;
    private final StoreTable<T> table;

    private StoreSink(StoreOptions options, StoreTable<T> table) {
        this.options = Objects.requireNonNull(options, "options");
        this.table = table;
    }

    /** A sink into the {@code answers} table. */
    public static StoreSink<AnswerRow> answers(StoreOptions options) {
        return new StoreSink<>(options, StoreTable.ANSWERS);
    }

    /** A sink into the {@code window_metrics} table. */
    public static StoreSink<WindowMetricsRow> windowMetrics(StoreOptions options) {
        return new StoreSink<>(options, StoreTable.WINDOW_METRICS);
    }

    /** A sink into the {@code alert_events} table. */
    public static StoreSink<AlertEvent> alertEvents(StoreOptions options) {
        return new StoreSink<>(options, StoreTable.ALERT_EVENTS);
    }

    /**
     * Sinks the alert events into the store (operator {@value #ALERT_EVENTS_NAME}, uid {@code
     * uidPrefix + name}), partitioned by natural key as {@link #attach(DataStream, DataStream,
     * StoreOptions, String)} does.
     */
    public static void attachAlerts(
            DataStream<AlertEvent> alerts, StoreOptions options, String uidPrefix) {
        Objects.requireNonNull(uidPrefix, "uidPrefix");
        sink(alerts, alertEvents(options), ALERT_EVENTS_NAME, uidPrefix);
    }

    /** A sink into the {@code judgements} table. */
    public static StoreSink<JudgementRow> judgements(StoreOptions options) {
        return new StoreSink<>(options, StoreTable.JUDGEMENTS);
    }

    /**
     * Sinks the judgements into the store (operator {@value #JUDGEMENTS_NAME}, uid {@code uidPrefix
     * + name}), partitioned by natural key.
     */
    public static void attachJudgements(
            DataStream<JudgementRow> judgements, StoreOptions options, String uidPrefix) {
        Objects.requireNonNull(uidPrefix, "uidPrefix");
        sink(judgements, judgements(options), JUDGEMENTS_NAME, uidPrefix);
    }

    /**
     * Sinks both streams into the store: operators named {@value #ANSWERS_NAME} and {@value
     * #WINDOW_METRICS_NAME}, with uids {@code uidPrefix + name} (stable uids let a savepoint be
     * restored after the job graph changes).
     *
     * <p>Each stream is first partitioned by natural key, so that all rows of a key go through one
     * writer in the order they arrive and the last one is what the table keeps. Without it, two
     * rows of a key on different subtasks would race, and either could end in the table.
     */
    public static void attach(
            DataStream<AnswerRow> answers,
            DataStream<WindowMetricsRow> windowMetrics,
            StoreOptions options,
            String uidPrefix) {
        Objects.requireNonNull(uidPrefix, "uidPrefix");
        sink(answers, answers(options), ANSWERS_NAME, uidPrefix);
        sink(windowMetrics, windowMetrics(options), WINDOW_METRICS_NAME, uidPrefix);
    }

    /**
     * Sinks the job's answers and window metrics into the store, as {@link #attach(DataStream,
     * DataStream, StoreOptions, String)} does, except that the answers are written by the subtask
     * that produced them: the sink is chained to it, without a key-by.
     *
     * <p>The job's answers need none: {@link JobOutputs#answers()} already holds every row of one
     * natural key on one subtask, in the order it was produced (see there). A key-by would only
     * copy each row, with its question and response text, across the network: a quarter of the
     * job's CPU when re-scoring recorded answers into the store (docs/performance.md). Two rows of
     * one key can then only come from two subtasks when one request has both a recorded answer and
     * a call of the same endpoint and sample; which one the table keeps is then arbitrary, as it
     * was behind the key-by (rows from two channels arrive in any order). Each writer sorts its
     * batch by key, so two writers cannot deadlock on such a pair.
     */
    public static void attachJobOutputs(
            JobOutputs outputs, StoreOptions options, String uidPrefix) {
        Objects.requireNonNull(uidPrefix, "uidPrefix");
        outputs.answers().sinkTo(answers(options)).name(ANSWERS_NAME).uid(uidPrefix + ANSWERS_NAME);
        sink(outputs.metrics(), windowMetrics(options), WINDOW_METRICS_NAME, uidPrefix);
    }

    private static <T> void sink(
            DataStream<T> rows, StoreSink<T> sink, String name, String uidPrefix) {
        rows.keyBy(new NaturalKeySelector<>(sink.table), Types.STRING)
                .sinkTo(sink)
                .name(name)
                .uid(uidPrefix + name);
    }

    /** The options the writers open their stores with. */
    public StoreOptions options() {
        return options;
    }

    /**
     * Opens a store for the writer.
     *
     * @throws org.vlmeval.store.StoreException when the database cannot be reached or migrated
     */
    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new StoreSinkWriter<>(options, table, context.metricGroup());
    }

    @Override
    public String toString() {
        return "StoreSink{table=" + table.name() + ", options=" + options + "}";
    }
}
