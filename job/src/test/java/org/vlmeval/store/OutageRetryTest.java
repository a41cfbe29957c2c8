package org.vlmeval.store;

import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store's retry loop on a fake clock: what it rides through, for how long, and how it gives up.
 * The clock advances only when the loop sleeps or an attempt takes time.
 */
class OutageRetryTest {

    /** A fake clock and sleeper; {@link #waits} records every wait. */
    private static final class FakeTime {
        long nanos = 1_000_000_000L;
        final List<Long> waits = new ArrayList<>();

        long now() {
            return nanos;
        }

        void sleep(long millis) {
            waits.add(millis);
            advance(millis);
        }

        void advance(long millis) {
            nanos += TimeUnit.MILLISECONDS.toNanos(millis);
        }

        long waited() {
            return waits.stream().mapToLong(Long::longValue).sum();
        }
    }

    /** An attempt that fails with {@code sqlState} until the clock reaches {@code upAtMillis}. */
    private static final class Database implements OutageRetry.Attempt {
        final FakeTime time;
        final long upAtNanos;
        final String sqlState;
        final long attemptMillis;
        int attempts;
        int successes;

        Database(FakeTime time, long downForMillis, String sqlState, long attemptMillis) {
            this.time = time;
            this.upAtNanos = time.nanos + TimeUnit.MILLISECONDS.toNanos(downForMillis);
            this.sqlState = sqlState;
            this.attemptMillis = attemptMillis;
        }

        @Override
        public void run() throws SQLException {
            attempts++;
            time.advance(attemptMillis);
            if (time.nanos < upAtNanos) {
                throw new SQLException("down (attempt " + attempts + ")", sqlState);
            }
            successes++;
        }
    }

    private final FakeTime time = new FakeTime();
    private final List<SQLException> seen = new ArrayList<>();

    private static StoreOptions.Builder options() {
        // The defaults: 200ms doubling to 5s, tolerance 2m.
        return StoreOptions.builder("jdbc:postgresql://db:5432/vlm");
    }

    private OutageRetry retry(StoreOptions options) {
        return new OutageRetry(options, time::now, time::sleep);
    }

    private void run(StoreOptions options, OutageRetry.Attempt attempt) {
        retry(options).run("upsert into t", "t", attempt, seen::add);
    }

    @Test
    void anOutageShorterThanTheToleranceIsRiddenThroughWithCappedBackoff() {
        Database db = new Database(time, 90_000, "08006", 0);

        run(options().build(), db);

        assertThat(db.successes).isEqualTo(1);
        assertThat(time.waits.subList(0, 8))
                .containsExactly(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
        assertThat(time.waits).allMatch(w -> w <= 5000L);
        assertThat(time.waited()).isBetween(90_000L, 95_000L);
        assertThat(seen).hasSize(db.attempts - 1);
    }

    @Test
    void theOutageInProgressAndTheRetriesCanBeReadForMetrics() {
        OutageRetry retry = retry(options().build());
        Database db = new Database(time, 10_000, "08006", 0);
        List<Long> outageSeen = new ArrayList<>();

        retry.run(
                "upsert into t",
                "t",
                () -> {
                    outageSeen.add(retry.outageMillis());
                    db.run();
                },
                seen::add);

        // 0 before the first failure, then the time since it at each retry.
        assertThat(outageSeen.get(0)).isZero();
        assertThat(outageSeen.subList(1, 4)).containsExactly(200L, 600L, 1400L);
        assertThat(outageSeen.get(outageSeen.size() - 1)).isGreaterThanOrEqualTo(10_000L);
        assertThat(retry.outageMillis()).isZero();
        assertThat(retry.retries()).isEqualTo(db.attempts - 1);

        assertThatThrownBy(
                        () ->
                                retry.run(
                                        "upsert into t",
                                        "t",
                                        () -> {
                                            throw new SQLException("down", "08006");
                                        },
                                        seen::add))
                .isInstanceOf(StoreException.class);
        assertThat(retry.outageMillis()).isZero();
    }

    @Test
    void everyTransientStateIsRetried() {
        for (String state :
                List.of("08001", "08006", "57P01", "57P02", "57P03", "40001", "40P01")) {
            Database db = new Database(time, 1_000, state, 0);
            run(options().build(), db);
            assertThat(db.successes).as(state).isEqualTo(1);
            assertThat(db.attempts).as(state).isGreaterThan(1);
        }
    }

    @Test
    void anOutageLongerThanTheToleranceFailsAtTheLimitNamingItsLengthAndTheLastError() {
        Database db = new Database(time, Long.MAX_VALUE / 2_000_000, "08001", 0);

        assertThatThrownBy(() -> run(options().build(), db))
                .isInstanceOfSatisfying(
                        StoreException.class,
                        e -> {
                            assertThat(e.sqlState()).isEqualTo("08001");
                            assertThat(e.table()).isEqualTo("t");
                        })
                .hasMessage(
                        "upsert into t failed: the store has been unavailable for 120.0s, longer"
                                + " than outage_tolerance (2m), after "
                                + db.attempts
                                + " attempts; last error [SQLState 08001]: down (attempt "
                                + db.attempts
                                + ")");
        // The last wait is cut so that the last attempt is made when the tolerance runs out.
        assertThat(time.waited()).isEqualTo(120_000L);
        assertThat(db.attempts).isEqualTo(time.waits.size() + 1);
        assertThat(seen).hasSize(db.attempts);
    }

    @Test
    void theToleranceCountsFromTheFirstFailureNotPerAttempt() {
        // Each attempt takes 10 s (a connect timeout): the outage includes that time.
        Database db = new Database(time, Long.MAX_VALUE / 2_000_000, "08001", 10_000);

        assertThatThrownBy(() -> run(options().outageTolerance(Duration.ofSeconds(30)).build(), db))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("after 4 attempts")
                .hasMessageContaining("unavailable for 31.4s, longer than outage_tolerance (30s)");
        // The outage starts when the first attempt fails (10 s in). Attempts 2, 3 and 4 fail at
        // 10.2 s, 20.6 s and 31.4 s into it (waits of 0.2, 0.4, 0.8 s and 10 s per attempt): the
        // fourth failure is past the tolerance, though no single attempt took as long as it.
        assertThat(db.attempts).isEqualTo(4);
        assertThat(time.waits).containsExactly(200L, 400L, 800L);
    }

    @Test
    void eachOutageHasTheWholeTolerance() {
        OutageRetry retry = retry(options().outageTolerance(Duration.ofSeconds(60)).build());
        for (int outage = 0; outage < 3; outage++) {
            Database db = new Database(time, 50_000, "57P03", 0);
            retry.run("upsert into t", "t", db, seen::add);
            assertThat(db.successes).isEqualTo(1);
        }
        assertThat(time.waited()).isGreaterThan(150_000L);
    }

    @Test
    void aNonTransientErrorFailsAtOnceEvenDuringAnOutage() {
        int[] attempts = {0};
        OutageRetry.Attempt attempt =
                () -> {
                    attempts[0]++;
                    throw attempts[0] < 4
                            ? new SQLException("connection lost", "08006")
                            : new SQLException("duplicate key", "23505");
                };

        assertThatThrownBy(() -> run(options().build(), attempt))
                .isInstanceOfSatisfying(
                        StoreException.class, e -> assertThat(e.sqlState()).isEqualTo("23505"))
                .hasMessage("upsert into t failed [SQLState 23505]: duplicate key");
        assertThat(attempts[0]).isEqualTo(4);
        assertThat(time.waits).hasSize(3);
    }

    @Test
    void aBatchFailureIsClassifiedByTheServerErrorBehindIt() {
        OutageRetry.Attempt attempt =
                () -> {
                    BatchUpdateException batch =
                            new BatchUpdateException("batch failed", null, new int[0]);
                    batch.setNextException(new SQLException("syntax error", "42601"));
                    throw batch;
                };
        assertThatThrownBy(() -> run(options().build(), attempt))
                .hasMessage("upsert into t failed [SQLState 42601]: syntax error");
        assertThat(time.waits).isEmpty();
    }

    @Test
    void zeroToleranceMeansNoRetry() {
        Database db = new Database(time, 1_000, "08006", 0);

        assertThatThrownBy(() -> run(options().outageTolerance(Duration.ZERO).build(), db))
                .hasMessageContaining("unavailable for 0.0s, longer than outage_tolerance (0s)")
                .hasMessageContaining("after 1 attempt;");
        assertThat(db.attempts).isEqualTo(1);
        assertThat(time.waits).isEmpty();
    }

    @Test
    void anInterruptWhileWaitingEndsTheCallAndKeepsTheFlag() {
        OutageRetry retry =
                new OutageRetry(
                        options().build(),
                        time::now,
                        millis -> {
                            throw new InterruptedException("cancelled");
                        });
        try {
            assertThatThrownBy(
                            () ->
                                    retry.run(
                                            "upsert into t",
                                            "t",
                                            () -> {
                                                throw new SQLException("down", "08006");
                                            },
                                            seen::add))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("interrupted while waiting to retry")
                    .hasCauseInstanceOf(InterruptedException.class)
                    .satisfies(
                            e ->
                                    assertThat(e.getSuppressed())
                                            .singleElement()
                                            .extracting(Throwable::getMessage)
                                            .isEqualTo("down"));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
