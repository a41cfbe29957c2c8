package org.vlmeval.endpoints.resilience;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncPermitsTest {

    @Test
    void excessAcquiresWaitAndAreServedInArrivalOrder() {
        AsyncPermits permits = new AsyncPermits(2, Runnable::run);
        List<CompletableFuture<Void>> acquires = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            acquires.add(permits.acquire());
        }

        assertThat(acquires)
                .extracting(CompletableFuture::isDone)
                .containsExactly(true, true, false, false);
        assertThat(permits.waiting()).isEqualTo(2);

        permits.release();
        assertThat(acquires)
                .extracting(CompletableFuture::isDone)
                .containsExactly(true, true, true, false);
        assertThat(permits.inUse()).isEqualTo(2);

        permits.release();
        permits.release();
        permits.release();
        assertThat(acquires.get(3)).isDone();
        assertThat(permits.inUse()).isZero();
    }

    @Test
    void aWaiterIsStillServedWhenTheHandOffExecutorIsShutDown() {
        AsyncPermits permits =
                new AsyncPermits(
                        1,
                        task -> {
                            throw new RejectedExecutionException("shut down");
                        });
        permits.acquire();
        CompletableFuture<Void> queued = permits.acquire();

        permits.release();

        assertThat(queued).isCompleted();
        assertThat(permits.inUse()).isEqualTo(1);
    }

    @Test
    void rejectWaitingFailsOnlyTheQueued() {
        AsyncPermits permits = new AsyncPermits(1, Runnable::run);
        CompletableFuture<Void> held = permits.acquire();
        CompletableFuture<Void> queued = permits.acquire();

        permits.rejectWaiting();

        assertThat(held).isCompleted();
        assertThat(queued).isCompletedExceptionally();
        assertThat(permits.inUse()).isEqualTo(1);
    }
}
