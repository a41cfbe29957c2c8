package org.vlmeval.sinks.store;

import org.vlmeval.model.AlertEvent;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.JudgementRow;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.store.PostgresStore;

import java.io.Serializable;
import java.util.List;

import static org.vlmeval.store.PostgresStore.micros;
import static org.vlmeval.store.PostgresStore.text;

/**
 * One table of the store as the sink sees it: how to tell two rows apart by natural key, and which
 * upsert writes them. Serializable because the sink carries it to its writers.
 *
 * <p>The keys are the values PostgreSQL compares, not the Java values: text with a NUL is stored
 * with U+FFFD in its place, and instants are rounded to microseconds by the driver. Two rows whose
 * Java keys differ only there land on the same primary key, and a batch holding both would fail
 * with "ON CONFLICT DO UPDATE command cannot affect row a second time".
 */
abstract class StoreTable<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    static final StoreTable<AnswerRow> ANSWERS = new Answers();
    static final StoreTable<WindowMetricsRow> WINDOW_METRICS = new WindowMetrics();
    static final StoreTable<AlertEvent> ALERT_EVENTS = new AlertEvents();
    static final StoreTable<JudgementRow> JUDGEMENTS = new Judgements();

    /** The table's name, for messages. */
    abstract String name();

    /** The natural key as PostgreSQL sees it; equal keys mean the same stored row. */
    abstract Object key(T row);

    /** Upserts the rows, which have pairwise different {@link #key keys}. */
    abstract void upsert(PostgresStore store, List<T> rows);

    private static final class Answers extends StoreTable<AnswerRow> {
        private static final long serialVersionUID = 1L;

        @Override
        String name() {
            return "answers";
        }

        @Override
        Object key(AnswerRow r) {
            return List.of(text(r.run()), text(r.requestId()), text(r.endpoint()), r.sample());
        }

        @Override
        void upsert(PostgresStore store, List<AnswerRow> rows) {
            store.upsertAnswers(rows);
        }

        /** Keeps the singleton after deserialization. */
        private Object readResolve() {
            return ANSWERS;
        }
    }

    private static final class WindowMetrics extends StoreTable<WindowMetricsRow> {
        private static final long serialVersionUID = 1L;

        @Override
        String name() {
            return "window_metrics";
        }

        @Override
        Object key(WindowMetricsRow r) {
            return List.of(
                    text(r.run()),
                    text(r.model()),
                    text(r.category()),
                    micros(r.windowStart()),
                    micros(r.windowEnd()));
        }

        @Override
        void upsert(PostgresStore store, List<WindowMetricsRow> rows) {
            store.upsertWindowMetrics(rows);
        }

        private Object readResolve() {
            return WINDOW_METRICS;
        }
    }

    private static final class AlertEvents extends StoreTable<AlertEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        String name() {
            return "alert_events";
        }

        @Override
        Object key(AlertEvent r) {
            return List.of(text(r.alertId()), r.state());
        }

        @Override
        void upsert(PostgresStore store, List<AlertEvent> rows) {
            store.upsertAlertEvents(rows);
        }

        /** Keeps the singleton after deserialization. */
        private Object readResolve() {
            return ALERT_EVENTS;
        }
    }

    private static final class Judgements extends StoreTable<JudgementRow> {
        private static final long serialVersionUID = 1L;

        @Override
        String name() {
            return "judgements";
        }

        @Override
        Object key(JudgementRow r) {
            return List.of(
                    text(r.run()),
                    text(r.requestId()),
                    text(r.endpoint()),
                    r.sample(),
                    text(r.judge()),
                    r.task());
        }

        @Override
        void upsert(PostgresStore store, List<JudgementRow> rows) {
            store.upsertJudgements(rows);
        }

        /** Keeps the singleton after deserialization. */
        private Object readResolve() {
            return JUDGEMENTS;
        }
    }
}
