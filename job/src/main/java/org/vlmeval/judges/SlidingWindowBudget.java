package org.vlmeval.judges;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * A spending limit over a sliding window (calls per minute, cost per hour) that refuses rather than
 * waits: a judge over its budget skips the work, because a queue of judge calls would grow without
 * end under production traffic. Charges older than the window no longer count. A charge can be
 * settled later with its actual amount (a call's cost is known only when it returns). Thread-safe.
 */
public final class SlidingWindowBudget {

    private final double limit;
    private final Duration window;
    private final InstantSource clock;
    private final Deque<Charge> charges = new ArrayDeque<>();
    private double total;

    public SlidingWindowBudget(double limit, Duration window, InstantSource clock) {
        if (!(limit >= 0) || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(
                    "limit >= 0 and a positive window, were " + limit + ", " + window);
        }
        this.limit = limit;
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Charges {@code amount} if the window's total stays within the limit; null (nothing charged)
     * otherwise. Nothing more is admitted once the total has reached the limit, even at amount 0.
     */
    public synchronized Charge tryCharge(double amount) {
        long now = clock.millis();
        evict(now);
        if (total >= limit || total + amount > limit) {
            return null;
        }
        Charge charge = new Charge(now, amount);
        charges.addLast(charge);
        total += amount;
        return charge;
    }

    /** The total charged within the window ending now. */
    public synchronized double spent() {
        evict(clock.millis());
        return total;
    }

    public double limit() {
        return limit;
    }

    private void evict(long now) {
        long oldest = now - window.toMillis();
        while (!charges.isEmpty() && charges.peekFirst().atMillis <= oldest) {
            Charge gone = charges.removeFirst();
            gone.expired = true;
            total -= gone.amount;
        }
        if (charges.isEmpty()) {
            total = 0; // no drift from adding and subtracting doubles
        }
    }

    /** One admitted amount; settle it once its actual value is known. */
    public final class Charge {
        private final long atMillis;
        private double amount;
        private boolean expired;

        private Charge(long atMillis, double amount) {
            this.atMillis = atMillis;
            this.amount = amount;
        }

        /**
         * Replaces the estimate with the actual amount (a charge already out of the window counts
         * no more).
         */
        public void settle(double actual) {
            synchronized (SlidingWindowBudget.this) {
                if (!expired) {
                    total += actual - amount;
                }
                amount = actual;
            }
        }

        public double amount() {
            synchronized (SlidingWindowBudget.this) {
                return amount;
            }
        }
    }
}
