package org.vlmeval.endpoints.resilience;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket that hands out reservations instead of blocking: taking more tokens than are
 * available puts the bucket in debt and returns how long the caller must wait before using them.
 * Callers then schedule their work after that wait, and later callers queue behind the debt.
 */
public final class TokenBucket {

    private final double capacity;
    private final double tokensPerMilli;
    private final Clock clock;
    private double tokens;
    private long lastRefillMillis;

    /**
     * @param perMinute the sustained rate
     * @param burst the most tokens that accumulate while idle
     */
    public TokenBucket(double perMinute, double burst, Clock clock) {
        if (perMinute <= 0 || burst <= 0) {
            throw new IllegalArgumentException("rate and burst must be > 0");
        }
        this.capacity = burst;
        this.tokensPerMilli = perMinute / 60_000.0;
        this.clock = clock;
        this.tokens = burst;
        this.lastRefillMillis = clock.millis();
    }

    /** Takes {@code amount} tokens now; returns how long to wait before they may be used. */
    public synchronized Duration reserve(double amount) {
        refill();
        tokens -= amount;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil(-tokens / tokensPerMilli));
    }

    /** Gives tokens back (positive) or takes more (negative) once the real cost is known. */
    public synchronized void adjust(double amount) {
        refill();
        tokens = Math.min(capacity, tokens + amount);
    }

    private void refill() {
        long now = clock.millis();
        long elapsed = now - lastRefillMillis;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerMilli);
            lastRefillMillis = now;
        }
    }
}
