package org.vlmeval.store;

import org.vlmeval.options.Durations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The store's one retry loop: an attempt that fails transiently ({@link PostgresStore#isTransient})
 * is tried again, with {@link StoreOptions#retryBackoff()} doubling up to {@link
 * StoreOptions#maxRetryBackoff()} between attempts, until it succeeds or {@link
 * StoreOptions#outageTolerance()} has passed since its first failure (the start of the outage). The
 * last wait is cut to end at that limit, so the last attempt is made when the tolerance runs out; a
 * failure then ends the loop with a {@link StoreException} naming how long the outage has lasted,
 * the tolerance and the last error. A non-transient failure ends it at once.
 *
 * <p>Time and waiting are injected ({@link #OutageRetry(StoreOptions, LongSupplier, Sleeper)}) so
 * that tests can run an outage of minutes in no time. One thread runs it; {@link #outageMillis()}
 * and {@link #retries()} may be read from any (for metrics).
 */
final class OutageRetry {

    private static final Logger LOG = LoggerFactory.getLogger(OutageRetry.class);

    /** Waits; {@link Thread#sleep(long)} in production. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** One try of the work. */
    @FunctionalInterface
    interface Attempt {
        void run() throws SQLException;
    }

    private final StoreOptions options;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    /** When the current outage began ({@link #nanoTime}), or null when there is none. */
    private volatile Long outageStartNanos;

    private final AtomicLong retries = new AtomicLong();

    /** Measures with {@link System#nanoTime()} and waits with {@link Thread#sleep(long)}. */
    OutageRetry(StoreOptions options) {
        this(options, System::nanoTime, Thread::sleep);
    }

    OutageRetry(StoreOptions options, LongSupplier nanoTime, Sleeper sleeper) {
        this.options = options;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /**
     * Runs {@code attempt} until it succeeds, retrying transient failures for at most the outage
     * tolerance. {@code afterFailure} sees every failure first (the store drops a broken connection
     * there).
     *
     * @param what what is attempted, for messages ({@code upsert into "s".answers})
     * @param table the table written, or null
     * @throws StoreException on a non-transient failure, when the tolerance is spent, or when
     *     interrupted while waiting (the interrupt flag is set again)
     */
    void run(String what, String table, Attempt attempt, Consumer<SQLException> afterFailure) {
        try {
            retry(what, table, attempt, afterFailure);
        } finally {
            outageStartNanos = null;
        }
    }

    /** How long the current outage has lasted, in ms; 0 when there is none. */
    long outageMillis() {
        Long start = outageStartNanos;
        return start == null ? 0 : millisSince(start);
    }

    /** Attempts made after a transient failure, since this was created. */
    long retries() {
        return retries.get();
    }

    private void retry(
            String what, String table, Attempt attempt, Consumer<SQLException> afterFailure) {
        long outageStart = 0;
        for (int attempts = 1; ; attempts++) {
            SQLException failure;
            try {
                attempt.run();
                if (attempts > 1) {
                    LOG.info(
                            "{} succeeded after an outage of {} ms ({} attempts)",
                            what,
                            millisSince(outageStart),
                            attempts);
                }
                return;
            } catch (SQLException e) {
                failure = e;
            }
            if (attempts == 1) {
                outageStart = nanoTime.getAsLong();
                outageStartNanos = outageStart;
            }
            afterFailure.accept(failure);
            SQLException cause = PostgresStore.unwrap(failure);
            if (!PostgresStore.isTransient(failure)) {
                throw new StoreException(
                        what + " failed " + PostgresStore.describe(cause),
                        table,
                        null,
                        cause.getSQLState(),
                        cause);
            }
            long outageMillis = millisSince(outageStart);
            long remaining = options.outageTolerance().toMillis() - outageMillis;
            if (remaining <= 0) {
                throw new StoreException(
                        what
                                + " failed: the store has been unavailable for "
                                + seconds(outageMillis)
                                + ", longer than outage_tolerance ("
                                + Durations.format(options.outageTolerance())
                                + "), after "
                                + attempts
                                + (attempts == 1 ? " attempt" : " attempts")
                                + "; last error "
                                + PostgresStore.describe(cause),
                        table,
                        null,
                        cause.getSQLState(),
                        cause);
            }
            long waitMs = Math.min(options.backoff(attempts).toMillis(), remaining);
            LOG.warn(
                    "{} failed {}; store unavailable for {} ms of the {} tolerated; retry {} in {}"
                            + " ms",
                    what,
                    PostgresStore.describe(cause),
                    outageMillis,
                    Durations.format(options.outageTolerance()),
                    attempts,
                    waitMs);
            try {
                sleeper.sleep(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                StoreException interrupted =
                        new StoreException(
                                what
                                        + " interrupted while waiting to retry, "
                                        + seconds(millisSince(outageStart))
                                        + " into an outage",
                                table,
                                null,
                                null,
                                e);
                interrupted.addSuppressed(cause);
                throw interrupted;
            }
            retries.incrementAndGet();
        }
    }

    private long millisSince(long startNanos) {
        return Duration.ofNanos(nanoTime.getAsLong() - startNanos).toMillis();
    }

    /** {@code 20.4s}: a tenth of a second is precise enough for an outage. */
    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
