package org.vlmeval.sinks.store;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.store.StoreException;
import org.vlmeval.store.StoreOptions;
import org.vlmeval.testing.Rows;
import org.vlmeval.testing.TestPostgres;
import org.vlmeval.testing.TestWriterInitContext;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.util.InstantiationUtil;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sink's writer outside a job, against the shared real PostgreSQL server: when it writes, what
 * it counts, and that failures reach the caller.
 */
class StoreSinkWriterITCase {

    private static final SinkWriter.Context NO_CONTEXT = null;

    private String schema;
    private TestWriterInitContext context;

    @BeforeEach
    void freshSchema() {
        schema = TestPostgres.freshSchema();
        context = new TestWriterInitContext();
    }

    private StoreSinkWriter<AnswerRow> answersWriter(int batchSize) {
        StoreOptions options = TestPostgres.options(schema).batchSize(batchSize).build();
        return (StoreSinkWriter<AnswerRow>) StoreSink.answers(options).createWriter(context);
    }

    private StoreSinkWriter<WindowMetricsRow> windowWriter(int batchSize) {
        StoreOptions options = TestPostgres.options(schema).batchSize(batchSize).build();
        return (StoreSinkWriter<WindowMetricsRow>)
                StoreSink.windowMetrics(options).createWriter(context);
    }

    private long answersStored() {
        return TestPostgres.count(schema, "answers");
    }

    @Test
    void creatingTheWriterMigratesTheSchemaBeforeAnyRowArrives() {
        try (StoreSinkWriter<AnswerRow> writer = answersWriter(100)) {
            assertThat(answersStored()).isZero();
            assertThat(TestPostgres.count(schema, "window_metrics")).isZero();
            assertThat(writer.buffered()).isZero();
        }
    }

    @Test
    void flushBeforeACheckpointWritesTheBufferedRows() {
        try (StoreSinkWriter<AnswerRow> writer = answersWriter(100)) {
            for (int i = 0; i < 5; i++) {
                writer.write(Rows.answer(i).run("run").build(), NO_CONTEXT);
            }
            assertThat(answersStored()).isZero();
            assertThat(writer.buffered()).isEqualTo(5);

            writer.flush(false); // what Flink calls before a checkpoint barrier goes on

            assertThat(answersStored()).isEqualTo(5);
            assertThat(writer.buffered()).isZero();
            assertThat(context.metrics().count("rowsWritten")).isEqualTo(5);
            assertThat(context.metrics().count("numRecordsSend")).isEqualTo(5);
            assertThat(context.metrics().count("flushes")).isEqualTo(1);
            assertThat(context.metrics().gaugeValue("lastFlushMillis"))
                    .isInstanceOf(Long.class)
                    .isEqualTo(context.metrics().gaugeValue("currentSendTime"));

            writer.flush(false); // nothing buffered: no round trip
            assertThat(context.metrics().count("flushes")).isEqualTo(1);
        }
    }

    @Test
    void aFullBufferIsWrittenAtOnceSoMoreRowsThanTheBatchSizeTakeSeveralBatches() {
        try (StoreSinkWriter<AnswerRow> writer = answersWriter(10)) {
            for (int i = 0; i < 35; i++) {
                writer.write(Rows.answer(i).run("run").build(), NO_CONTEXT);
            }
            // Three full buffers: the first two written (the third waited for the second), the
            // third perhaps still in flight, and 5 rows buffered.
            assertThat(answersStored()).isBetween(20L, 30L);
            assertThat(writer.buffered()).isEqualTo(15);
            assertThat(context.metrics().count("flushes")).isBetween(2L, 3L);

            writer.flush(true);

            assertThat(answersStored()).isEqualTo(35);
            assertThat(context.metrics().count("flushes")).isEqualTo(4);
            assertThat(context.metrics().count("rowsWritten")).isEqualTo(35);
        }
    }

    /**
     * A full buffer is written by the writer's thread while the next fills: a later row of a key in
     * the next batch must still win over the one in flight (batches go one after the other).
     */
    @Test
    void aLaterRowOfAKeyInTheNextBatchWinsOverTheBatchInFlight() {
        try (StoreSinkWriter<AnswerRow> writer = answersWriter(2)) {
            for (int round = 0; round < 20; round++) {
                boolean errored = round % 2 == 0;
                writer.write(
                        errored
                                ? Rows.answer(1).run("run").error("timeout").build()
                                : Rows.answer(1).run("run").build(),
                        NO_CONTEXT);
                writer.write(Rows.answer(100 + round).run("run").build(), NO_CONTEXT);
            }
            writer.flush(false);
        }
        // The last round (19) wrote request 1 answered, not errored.
        assertThat(TestPostgres.rows(schema, "answers"))
                .filteredOn(r -> r.get("request_id").equals("r00001"))
                .extracting(r -> r.get("error_kind"))
                .containsExactly((Object) null);
        assertThat(answersStored()).isEqualTo(21);
        assertThat(context.metrics().count("rowsWritten")).isEqualTo(40);
    }

    @Test
    void rowsOfOneKeyAreMergedInTheBufferAndTheLastOneWins() {
        try (StoreSinkWriter<AnswerRow> writer = answersWriter(3)) {
            writer.write(
                    Rows.answer(1).run("run").error("timeout").latencyMs(30_000).build(),
                    NO_CONTEXT);
            writer.write(
                    Rows.answer(2).run("run").error("timeout").latencyMs(30_000).build(),
                    NO_CONTEXT);
            writer.write(
                    Rows.answer(1).run("run").build(),
                    NO_CONTEXT); // replaces, does not fill the buffer
            assertThat(writer.buffered()).isEqualTo(2);
            assertThat(answersStored()).isZero();
            writer.flush(false);
        }
        assertThat(context.metrics().count("rowsReplaced")).isEqualTo(1);
        assertThat(context.metrics().count("rowsWritten")).isEqualTo(2);
        assertThat(TestPostgres.rows(schema, "answers"))
                .extracting(r -> r.get("request_id") + ":" + r.get("error_kind"))
                .containsExactlyInAnyOrder("r00001:null", "r00002:timeout");
    }

    @Test
    void keysThatDifferOnlyWherePostgresqlCannotTellThemApartShareOneRow() {
        // The driver rounds instants to microseconds and the store writes NUL as U+FFFD: such rows
        // land on one primary key, and one batch holding both would fail with "ON CONFLICT DO
        // UPDATE command cannot affect row a second time".
        try (StoreSinkWriter<WindowMetricsRow> writer = windowWriter(100)) {
            writer.write(
                    Rows.window().run("run").start(Rows.T0.plusNanos(1_000)).answeredAll(1).build(),
                    NO_CONTEXT);
            writer.write(
                    Rows.window().run("run").start(Rows.T0.plusNanos(1_400)).answeredAll(2).build(),
                    NO_CONTEXT);
            writer.write(
                    Rows.window().run("run\u0000").start(Rows.T0).answeredAll(3).build(),
                    NO_CONTEXT);
            writer.write(
                    Rows.window().run("run\uFFFD").start(Rows.T0).answeredAll(4).build(),
                    NO_CONTEXT);
            assertThat(writer.buffered()).isEqualTo(2);
            writer.flush(false);
        }
        assertThat(TestPostgres.rows(schema, "window_metrics"))
                .extracting(r -> r.get("run") + ":" + r.get("requests"))
                .containsExactly("run:2", "run\uFFFD:4");
    }

    @Test
    void aRowTheDatabaseRejectsFailsTheFlushAndStaysBuffered() {
        try (StoreSinkWriter<AnswerRow> writer = answersWriter(100)) {
            TestPostgres.execute(
                    "ALTER TABLE "
                            + schema
                            + ".answers ADD CONSTRAINT no_r00002 CHECK (request_id <> 'r00002')");
            for (int i = 0; i < 3; i++) {
                writer.write(Rows.answer(i).run("run").build(), NO_CONTEXT);
            }
            assertThatThrownBy(() -> writer.flush(false))
                    .isInstanceOfSatisfying(
                            StoreException.class, e -> assertThat(e.sqlState()).isEqualTo("23514"))
                    .hasMessageContaining("request_id=r00002")
                    .hasMessageContaining("no_r00002");
            assertThat(writer.buffered()).isEqualTo(3);
            assertThat(answersStored()).isZero();
            assertThat(context.metrics().count("flushes")).isZero();
            assertThat(context.metrics().count("rowsWritten")).isZero();
        }
    }

    @Test
    void aRejectedRowOfAFullBufferFailsTheNextCallThatWaitsForItsWrite() {
        try (StoreSinkWriter<AnswerRow> writer = answersWriter(2)) {
            TestPostgres.execute(
                    "ALTER TABLE "
                            + schema
                            + ".answers ADD CONSTRAINT no_r00001 CHECK (request_id <> 'r00001')");
            writer.write(Rows.answer(0).run("run").build(), NO_CONTEXT);
            // Fills the buffer: written by the writer's thread while the task goes on.
            writer.write(Rows.answer(1).run("run").build(), NO_CONTEXT);
            writer.write(Rows.answer(2).run("run").build(), NO_CONTEXT);
            // The next full buffer waits for that write, and throws its failure.
            assertThatThrownBy(() -> writer.write(Rows.answer(3).run("run").build(), NO_CONTEXT))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("request_id=r00001");
            // As does every later call (a flush before a checkpoint): nothing is dropped.
            assertThatThrownBy(() -> writer.flush(false))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("request_id=r00001");
            assertThat(writer.buffered()).isEqualTo(4);
            assertThat(answersStored()).isZero();
        }
    }

    @Test
    void writingAfterCloseFailsInsteadOfDroppingTheRows() {
        StoreSinkWriter<AnswerRow> writer = answersWriter(100);
        writer.write(Rows.answer(0).run("run").build(), NO_CONTEXT);
        writer.close();
        assertThatThrownBy(() -> writer.flush(true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(writer.buffered()).isEqualTo(1);
    }

    @Test
    void anUnreachableDatabaseFailsTheWriterCreation() {
        StoreOptions options =
                StoreOptions.builder("jdbc:postgresql://127.0.0.1:1/postgres")
                        .schema(schema)
                        .outageTolerance(Duration.ZERO)
                        .build();
        assertThatThrownBy(() -> StoreSink.answers(options).createWriter(context))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void aStoreSinkSurvivesJavaSerializationAsFlinkShipsIt() throws Exception {
        StoreSink<WindowMetricsRow> sink =
                InstantiationUtil.clone(
                        StoreSink.windowMetrics(TestPostgres.options(schema).build()));
        try (StoreSinkWriter<WindowMetricsRow> writer =
                (StoreSinkWriter<WindowMetricsRow>) sink.createWriter(context)) {
            for (int i = 0; i < 3; i++) {
                writer.write(
                        Rows.window()
                                .run("run")
                                .start(Rows.T0.plusSeconds(60L * i))
                                .answeredAll(i + 1)
                                .build(),
                        NO_CONTEXT);
            }
            writer.flush(true);
        }
        assertThat(TestPostgres.count(schema, "window_metrics")).isEqualTo(3);
    }
}
