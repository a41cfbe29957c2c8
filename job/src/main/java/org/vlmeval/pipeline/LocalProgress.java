package org.vlmeval.pipeline;

import java.util.concurrent.atomic.LongAdder;

/**
 * Progress counters for a job running on a local MiniCluster in the CLI's own JVM, where the
 * operators and the progress display share memory: events read, calls in flight, answers scored. On
 * a real cluster every TaskManager has its own copy and nobody reads it; Flink's metrics (which the
 * operators also publish) are the cluster-side view. Plain adders, so the cost on the hot path is
 * one uncontended increment.
 */
public final class LocalProgress {

    public static final LongAdder EVENTS = new LongAdder();
    public static final LongAdder DEAD_LETTERS = new LongAdder();
    public static final LongAdder CALLS_STARTED = new LongAdder();
    public static final LongAdder CALLS_DONE = new LongAdder();
    public static final LongAdder ANSWERS = new LongAdder();
    public static final LongAdder ERRORS = new LongAdder();

    private LocalProgress() {}

    /** Zeroes every counter; the CLI calls it before it starts a job. */
    public static void reset() {
        EVENTS.reset();
        DEAD_LETTERS.reset();
        CALLS_STARTED.reset();
        CALLS_DONE.reset();
        ANSWERS.reset();
        ERRORS.reset();
    }

    /** Calls sent and not yet answered. */
    public static long inFlight() {
        return Math.max(0, CALLS_STARTED.sum() - CALLS_DONE.sum());
    }
}
