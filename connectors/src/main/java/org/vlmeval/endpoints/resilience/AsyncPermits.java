package org.vlmeval.endpoints.resilience;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A concurrency limit that never blocks a thread: {@link #acquire()} returns a future that
 * completes when a permit is held; waiters are served in arrival order as permits are released.
 */
public final class AsyncPermits {

    private final int permits;
    private final Executor handOff;
    private final Queue<CompletableFuture<Void>> waiters = new ArrayDeque<>();
    private int inUse;

    /**
     * @param handOff runs a waiter's continuation when it gets a permit; keeps a long chain of
     *     instantly finishing calls from growing the releasing thread's stack
     */
    public AsyncPermits(int permits, Executor handOff) {
        if (permits <= 0) {
            throw new IllegalArgumentException("permits must be > 0, was " + permits);
        }
        this.permits = permits;
        this.handOff = handOff;
    }

    public CompletableFuture<Void> acquire() {
        CompletableFuture<Void> permit = new CompletableFuture<>();
        synchronized (this) {
            if (inUse < permits) {
                inUse++;
                return CompletableFuture.completedFuture(null);
            }
            waiters.add(permit);
        }
        return permit;
    }

    /** Gives the permit to the longest waiter, or back to the pool. */
    public void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiters.poll();
            if (next == null) {
                inUse--;
                return;
            }
        }
        try {
            handOff.execute(() -> next.complete(null));
        } catch (RejectedExecutionException e) {
            // At shutdown: serve the waiter here rather than lose it and its permit.
            next.complete(null);
        }
    }

    /** Fails every waiting acquire, e.g. at shutdown; held permits stay held until released. */
    public void rejectWaiting() {
        List<CompletableFuture<Void>> rejected;
        synchronized (this) {
            rejected = new ArrayList<>(waiters);
            waiters.clear();
        }
        rejected.forEach(
                waiter -> waiter.completeExceptionally(new CancellationException("shut down")));
    }

    public synchronized int inUse() {
        return inUse;
    }

    public synchronized int waiting() {
        return waiters.size();
    }
}
