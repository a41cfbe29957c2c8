package org.vlmeval.sinks.store;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.store.PostgresStore;
import org.vlmeval.store.StoreOptions;
import org.vlmeval.testing.FlinkCluster;
import org.vlmeval.testing.Rows;
import org.vlmeval.testing.TestPostgres;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sink in bounded jobs on a Flink MiniCluster (parallelism 2) against the shared real
 * PostgreSQL server: the tables end with the last row of each key, and replays leave them as they
 * were.
 */
class StoreSinkITCase {

    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkCluster.extension(PARALLELISM);

    private String schema;

    @BeforeEach
    void freshSchema() {
        schema = TestPostgres.freshSchema();
    }

    /**
     * 200 answers of 150 keys (the first 50 keys errored, then answered) and 40 windows of 30 keys
     * (10 fired again later with more requests), plus exact repeats of some rows.
     */
    private static List<AnswerRow> answerInput() {
        List<AnswerRow> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(Rows.answer(i).run("run").error("timeout").latencyMs(30_000).build());
        }
        for (int i = 0; i < 150; i++) {
            rows.add(Rows.answer(i).run("run").build());
        }
        for (int i = 140; i < 150; i++) {
            rows.add(Rows.answer(i).run("run").build());
        }
        return rows;
    }

    private static List<WindowMetricsRow> windowInput() {
        List<WindowMetricsRow> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(window(i, i + 1));
        }
        for (int i = 0; i < 10; i++) {
            rows.add(window(i, i + 100));
        }
        rows.add(window(29, 30));
        return rows;
    }

    /** Window {@code minute} of run "run": five minutes from {@link Rows#T0} + minute min. */
    private static WindowMetricsRow window(int minute, long requests) {
        return Rows.window()
                .run("run")
                .start(Rows.T0.plusSeconds(60L * minute))
                .answeredAll(requests)
                .build();
    }

    /** The last row of each natural key, in input order of first appearance. */
    private static <T> List<T> lastOfEachKey(List<T> rows, StoreTable<T> table) {
        Map<Object, T> last = new LinkedHashMap<>();
        rows.forEach(r -> last.put(table.key(r), r));
        return new ArrayList<>(last.values());
    }

    private void runJob(String schema, int batchSize) throws Exception {
        StoreOptions options = TestPostgres.options(schema).batchSize(batchSize).build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        // The collection source has one subtask; rebalancing spreads the rows over both
        // upstream subtasks, as a parallel pipeline would deliver them, before the sink's keyBy.
        DataStream<AnswerRow> answers =
                env.fromData(answerInput(), TypeInformation.of(AnswerRow.class)).rebalance();
        DataStream<WindowMetricsRow> windows =
                env.fromData(windowInput(), TypeInformation.of(WindowMetricsRow.class)).rebalance();
        StoreSink.attach(answers, windows, options, "test-");
        env.execute("store-sink-test");
    }

    @Test
    void aBoundedJobWithDuplicatesEndsWithTheLastRowOfEachKey() throws Exception {
        runJob(schema, 16);

        // The same rows upserted directly, deduplicated by hand, are what the sink must produce.
        String expected = TestPostgres.freshSchema();
        try (PostgresStore store = PostgresStore.open(TestPostgres.options(expected).build())) {
            store.upsertAnswers(lastOfEachKey(answerInput(), StoreTable.ANSWERS));
            store.upsertWindowMetrics(lastOfEachKey(windowInput(), StoreTable.WINDOW_METRICS));
        }
        assertThat(TestPostgres.count(schema, "answers")).isEqualTo(150);
        assertThat(TestPostgres.count(schema, "window_metrics")).isEqualTo(30);
        assertThat(TestPostgres.dump(schema, "answers", "written_at"))
                .isEqualTo(TestPostgres.dump(expected, "answers", "written_at"));
        assertThat(TestPostgres.dump(schema, "window_metrics", "written_at"))
                .isEqualTo(TestPostgres.dump(expected, "window_metrics", "written_at"));
        assertThat(TestPostgres.rows(schema, "answers"))
                .filteredOn(r -> r.get("error_kind") != null)
                .isEmpty();
    }

    @Test
    void runningTheSameJobTwiceLeavesIdenticalTables() throws Exception {
        runJob(schema, 7);
        List<Map<String, Object>> answers = TestPostgres.rows(schema, "answers", "written_at");
        List<Map<String, Object>> windows =
                TestPostgres.rows(schema, "window_metrics", "written_at");

        runJob(schema, 7);

        assertThat(TestPostgres.rows(schema, "answers", "written_at"))
                .hasSize(150)
                .isEqualTo(answers);
        assertThat(TestPostgres.rows(schema, "window_metrics", "written_at"))
                .hasSize(30)
                .isEqualTo(windows);
    }

    @Test
    void aRowTheDatabaseRejectsFailsTheJob() throws Exception {
        PostgresStore.open(TestPostgres.options(schema).build()).close(); // migrated
        TestPostgres.execute(
                "ALTER TABLE "
                        + schema
                        + ".answers ADD CONSTRAINT no_r00077 CHECK (request_id <> 'r00077')");

        assertThatThrownBy(() -> runJob(schema, 16))
                .hasStackTraceContaining("StoreException")
                .hasStackTraceContaining("request_id=r00077");
    }

    @Test
    void attachNamesBothSinksAndGivesThemUids() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        StoreOptions options = TestPostgres.options(schema).build();
        StoreSink.attach(
                env.fromData(
                        List.of(Rows.answer(1).run("run").build()),
                        TypeInformation.of(AnswerRow.class)),
                env.fromData(List.of(window(1, 1)), TypeInformation.of(WindowMetricsRow.class)),
                options,
                "vlm-");
        assertThat(env.getTransformations())
                .extracting(Transformation::getName, Transformation::getUid)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                StoreSink.ANSWERS_NAME, "vlm-store-answers"),
                        org.assertj.core.groups.Tuple.tuple(
                                StoreSink.WINDOW_METRICS_NAME, "vlm-store-window-metrics"));
    }
}
