package org.vlmeval.chaos;

import java.util.List;

/**
 * A scenario that injects nothing midway ({@code dup-events}, {@code soak}): no task restarts, so
 * every call must be paid exactly once.
 */
abstract class NoFault implements ChaosRun.Fault {

    @Override
    public void inject(String jobId, int messagesSent) {
        // Nothing happens midway.
    }

    @Override
    public void awaitEnd(String jobId) {}

    @Override
    public boolean paidOnce() {
        return true;
    }

    @Override
    public String restarts() {
        return "0";
    }

    @Override
    public List<String> describe(String jobId, long answersDoneAt) {
        return List.of();
    }
}
