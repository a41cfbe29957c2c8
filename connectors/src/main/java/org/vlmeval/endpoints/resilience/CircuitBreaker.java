package org.vlmeval.endpoints.resilience;

import java.time.Clock;
import java.time.Duration;

/**
 * Stops calling an endpoint that keeps failing: closed until {@code failureThreshold} consecutive
 * failed calls, then open (calls fail fast) for {@code coolDown}, then half-open: one probe call
 * goes through while the others still fail fast; its success closes the circuit, its failure opens
 * it again.
 */
public final class CircuitBreaker {

    /** The breaker's states. */
    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    /** What a call's outcome says about the endpoint's health. */
    public enum Outcome {
        /** The server answered (including a 4xx: it is up, the request was wrong). */
        HEALTHY,
        /** Timeout, connection failure, 5xx, unusable body. */
        FAILED,
        /** Says nothing about the server (rate limited, image refused before sending). */
        NEUTRAL
    }

    private final int failureThreshold;
    private final Duration coolDown;
    private final Clock clock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAtMillis;
    private boolean probeInFlight;

    public CircuitBreaker(int failureThreshold, Duration coolDown, Clock clock) {
        this.failureThreshold = failureThreshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /**
     * Asks to make a call. Returns false while open; after the cool-down the first caller gets the
     * half-open probe. A caller that got true must report with {@link #record}.
     */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clock.millis() - openedAtMillis < coolDown.toMillis()) {
                    return false;
                }
                state = State.HALF_OPEN;
                probeInFlight = true;
                return true;
            default:
                if (probeInFlight) {
                    return false;
                }
                probeInFlight = true;
                return true;
        }
    }

    public synchronized void record(Outcome outcome) {
        if (state == State.HALF_OPEN) {
            probeInFlight = false;
        }
        switch (outcome) {
            case HEALTHY -> {
                consecutiveFailures = 0;
                state = State.CLOSED;
            }
            case FAILED -> {
                consecutiveFailures++;
                if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
                    state = State.OPEN;
                    openedAtMillis = clock.millis();
                }
            }
            case NEUTRAL -> {
                // A neutral probe leaves the circuit half-open; the next call probes again.
            }
        }
    }

    public synchronized State state() {
        return state;
    }

    /** How long until a probe is allowed; zero unless open. */
    public synchronized Duration remainingCoolDown() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        long remaining = coolDown.toMillis() - (clock.millis() - openedAtMillis);
        return Duration.ofMillis(Math.max(0, remaining));
    }
}
