package org.vlmeval.endpoints.resilience;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the n-th retry waits a uniformly random time in [0,
 * min(max, base * 2^(n-1))), which spreads retries of many clients instead of synchronising them.
 */
public final class Backoff {

    private final Duration base;
    private final Duration max;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration max, RandomGenerator random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /**
     * @param retry 1 for the first retry
     */
    public Duration delay(int retry) {
        int doublings = Math.min(retry - 1, 30);
        long ceiling = Math.min(max.toMillis(), base.toMillis() << doublings);
        return Duration.ofMillis((long) (random.nextDouble() * ceiling));
    }
}
