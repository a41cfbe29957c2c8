package org.vlmeval.sinks.store;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.store.PostgresStore;
import org.vlmeval.store.StoreOptions;
import org.vlmeval.testing.FlinkCluster;
import org.vlmeval.testing.Rows;
import org.vlmeval.testing.TestPostgres;
import org.vlmeval.testing.TestWriterInitContext;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A job writing to a private PostgreSQL server that is stopped while the job runs: rows before,
 * during and after the outage. Within {@code outage_tolerance} the job neither fails nor restarts
 * and stores every row once; past it the job fails with the outage's length and the last error.
 *
 * <p>The job: {@value #ROWS} answers from a collection, through a gate (parallelism 1) that stops
 * at row {@value #OUTAGE_AT} until the test has stopped the server and at row {@value #BACK_AT}
 * until the test has started it again, then keyed by natural key to the store sink (parallelism 2,
 * batches of {@value #BATCH} rows, so that the rows of the outage are written during it).
 */
class StoreSinkOutageITCase {

    private static final int PARALLELISM = 2;
    private static final int ROWS = 300;
    private static final int OUTAGE_AT = 100;
    private static final int BACK_AT = 200;
    private static final int BATCH = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkCluster.extension(PARALLELISM);

    // The gate's signals: the job runs in this JVM.
    private static volatile CountDownLatch serverStopped;
    private static volatile CountDownLatch serverBack;
    private static final AtomicInteger GATE_PASSED = new AtomicInteger();
    private static final AtomicInteger GATE_OPENED = new AtomicInteger();
    private static final AtomicInteger MAX_ATTEMPT = new AtomicInteger();

    @TempDir Path dataDirectory;

    private TestPostgres.Server db;
    private String schema;

    @BeforeEach
    void resetGate() {
        serverStopped = new CountDownLatch(1);
        serverBack = new CountDownLatch(1);
        GATE_PASSED.set(0);
        GATE_OPENED.set(0);
        MAX_ATTEMPT.set(0);
        schema = TestPostgres.freshSchema();
    }

    /** Passes rows on, holding row {@value #OUTAGE_AT} and row {@value #BACK_AT} for the test. */
    static final class Gate extends RichMapFunction<AnswerRow, AnswerRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void open(OpenContext context) {
            GATE_OPENED.incrementAndGet();
            MAX_ATTEMPT.accumulateAndGet(
                    getRuntimeContext().getTaskInfo().getAttemptNumber(), Math::max);
        }

        @Override
        public AnswerRow map(AnswerRow row) throws InterruptedException {
            int n = GATE_PASSED.get();
            if (n == OUTAGE_AT && !serverStopped.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not stop the server");
            }
            if (n == BACK_AT && !serverBack.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not start the server again");
            }
            GATE_PASSED.incrementAndGet();
            return row;
        }
    }

    private static List<AnswerRow> input() {
        List<AnswerRow> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(Rows.answer(i).run("run").build());
        }
        return rows;
    }

    /**
     * Starts the job. {@code restarts}: Flink's fixed-delay restart strategy with that many
     * attempts (0: none, a failure fails the job).
     */
    private JobClient startJob(StoreOptions options, int restarts) throws Exception {
        Configuration conf = new Configuration();
        if (restarts > 0) {
            conf.setString("restart-strategy.type", "fixed-delay");
            conf.setString("restart-strategy.fixed-delay.attempts", Integer.toString(restarts));
            conf.setString("restart-strategy.fixed-delay.delay", "100 ms");
        } else {
            conf.setString("restart-strategy.type", "none");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        env.enableCheckpointing(200);
        env.fromData(input(), TypeInformation.of(AnswerRow.class))
                .setParallelism(1)
                .map(new Gate())
                .setParallelism(1)
                .keyBy(new NaturalKeySelector<>(StoreTable.ANSWERS), Types.STRING)
                .sinkTo(StoreSink.answers(options))
                .name(StoreSink.ANSWERS_NAME);
        return env.executeAsync("store-outage-test");
    }

    /** Options for the private server; the schema is migrated before the job starts. */
    private StoreOptions migratedOptions(Duration tolerance) {
        PostgresStore.open(db.options(schema).build()).close();
        return db.options(schema)
                .batchSize(BATCH)
                .retryBackoff(Duration.ofMillis(50))
                .maxRetryBackoff(Duration.ofMillis(500))
                .connectTimeout(Duration.ofSeconds(2))
                .outageTolerance(tolerance)
                .build();
    }

    /** Stops the server once the job holds row {@value #OUTAGE_AT} and has written most before. */
    private long stopServerWhenTheGateIsReached(JobClient job) throws Exception {
        await(
                "the rows before the outage are stored",
                job,
                () -> GATE_PASSED.get() == OUTAGE_AT && db.count(schema, "answers") >= 80);
        long stoppedAt = System.nanoTime();
        db.close(); // stops the server; the data directory stays
        serverStopped.countDown();
        return stoppedAt;
    }

    @Test
    void anOutageShorterThanTheToleranceNeitherFailsNorRestartsTheJob() throws Exception {
        Path data = dataDirectory.resolve("pg");
        db = TestPostgres.startPrivate(data);
        int port = db.port();
        try {
            // Restarts allowed, as in production: the test checks none happened.
            JobClient job = startJob(migratedOptions(Duration.ofSeconds(20)), 3);
            long stoppedAt = stopServerWhenTheGateIsReached(job);

            // The rows of the outage enter the sink (whose writes block), and it lasts 5 s.
            await("the rows of the outage are sent", job, () -> GATE_PASSED.get() == BACK_AT);
            long outageMillis = 5_000;
            long rest = outageMillis - (System.nanoTime() - stoppedAt) / 1_000_000;
            if (rest > 0) {
                Thread.sleep(rest); // the outage itself: its length is the point
            }
            assertThat(job.getJobStatus().get())
                    .as("job status during the outage")
                    .isEqualTo(JobStatus.RUNNING);
            db = TestPostgres.restartPrivate(data, port);
            long restartedAfter = (System.nanoTime() - stoppedAt) / 1_000_000;
            serverBack.countDown();

            JobExecutionResult result =
                    job.getJobExecutionResult().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertThat(result.getNetRuntime(TimeUnit.MILLISECONDS)).isGreaterThan(restartedAfter);
            assertThat(GATE_OPENED.get()).as("gate opened (a failover opens it again)").isOne();
            assertThat(MAX_ATTEMPT.get()).as("attempt number of the gate").isZero();
            assertThat(db.count(schema, "answers")).isEqualTo(ROWS);
            assertThat(db.readAnswers(schema)).isEqualTo(input());
        } finally {
            db.close();
        }
    }

    @Test
    void anOutageLongerThanTheToleranceFailsTheJobNamingItsLengthAndTheLastError()
            throws Exception {
        db = TestPostgres.startPrivate(dataDirectory.resolve("pg"));
        try {
            JobClient job = startJob(migratedOptions(Duration.ofSeconds(2)), 0);
            long stoppedAt = stopServerWhenTheGateIsReached(job);

            Throwable failure = null;
            try {
                job.getJobExecutionResult().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failure = e;
            }
            long failedAfter = (System.nanoTime() - stoppedAt) / 1_000_000;

            assertThat(failure).as("the job's failure").isNotNull();
            assertThat(ExceptionUtils.stringifyException(failure))
                    .containsPattern(
                            "StoreException: upsert into \""
                                    + schema
                                    + "\".answers failed: the store has been unavailable for"
                                    + " [0-9]+\\.[0-9]s, longer than outage_tolerance \\(2s\\),"
                                    + " after [0-9]+ attempts; last error \\[SQLState (08|57P)");
            assertThat(failedAfter).isBetween(2_000L, 15_000L);
            assertThat(MAX_ATTEMPT.get()).isZero();
        } finally {
            serverStopped.countDown();
            serverBack.countDown();
            db.close();
        }
    }

    @Test
    void theWriterHoldsItsRowsThroughAnOutageAndShowsItInItsMetrics() throws Exception {
        Path data = dataDirectory.resolve("pg");
        db = TestPostgres.startPrivate(data);
        int port = db.port();
        TestWriterInitContext context = new TestWriterInitContext();
        ExecutorService flusher = Executors.newSingleThreadExecutor();
        try (StoreSinkWriter<AnswerRow> writer =
                (StoreSinkWriter<AnswerRow>)
                        StoreSink.answers(
                                        db.options(schema)
                                                .retryBackoff(Duration.ofMillis(50))
                                                .maxRetryBackoff(Duration.ofMillis(500))
                                                .outageTolerance(Duration.ofSeconds(20))
                                                .build())
                                .createWriter(context)) {
            for (int i = 0; i < 5; i++) {
                writer.write(Rows.answer(i).run("run").build(), null);
            }
            writer.flush(false);
            for (int i = 5; i < 10; i++) {
                writer.write(Rows.answer(i).run("run").build(), null);
            }
            db.close();

            // What Flink does before a checkpoint barrier: it blocks until the server is back.
            Future<?> flush = flusher.submit(() -> writer.flush(false));
            await(
                    "the writer waits through the outage",
                    () -> outageMillis(context) >= 1_000 && !flush.isDone());
            assertThat(writer.buffered()).isEqualTo(5);
            assertThat((Long) context.metrics().gaugeValue("storeRetries")).isPositive();

            db = TestPostgres.restartPrivate(data, port);
            flush.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertThat(writer.buffered()).isZero();
            assertThat(outageMillis(context)).isZero();
            assertThat(context.metrics().count("rowsWritten")).isEqualTo(10);
            assertThat(db.readAnswers(schema)).isEqualTo(input().subList(0, 10));
        } finally {
            flusher.shutdownNow();
            db.close();
        }
    }

    private static long outageMillis(TestWriterInitContext context) {
        return (Long) context.metrics().gaugeValue("storeOutageMillis");
    }

    /** Waits up to {@link #TIMEOUT} for {@code condition}. */
    private static void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Waits up to {@link #TIMEOUT} for {@code condition}; fails early when the job ends. */
    private static void await(String what, JobClient job, BooleanSupplier condition)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (job.getJobExecutionResult().isDone()) {
                job.getJobExecutionResult().get(); // throws the job's failure
                fail("the job ended before: " + what);
            }
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
