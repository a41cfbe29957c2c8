package org.vlmeval.endpoints.resilience;

import java.time.Clock;
import java.time.Duration;

/**
 * Paces one endpoint's attempts to its requests-per-minute and tokens-per-minute limits. Bursts are
 * capped at one second's worth (at least one request), so calls are spread evenly instead of
 * spending a minute's budget at once and tripping the server's own limiter.
 */
public final class Pacer {

    private final TokenBucket requests;
    private final TokenBucket tokens;

    /**
     * @param requestsPerMinute null for no request limit
     * @param tokensPerMinute null for no token limit
     */
    public Pacer(Integer requestsPerMinute, Integer tokensPerMinute, Clock clock) {
        this.requests = bucket(requestsPerMinute, clock);
        this.tokens = bucket(tokensPerMinute, clock);
    }

    /** Reserves one request of about {@code estimatedTokens}; returns the wait before sending. */
    public Duration reserve(int estimatedTokens) {
        Duration wait = Duration.ZERO;
        if (requests != null) {
            wait = requests.reserve(1);
        }
        if (tokens != null) {
            Duration tokenWait = tokens.reserve(estimatedTokens);
            wait = tokenWait.compareTo(wait) > 0 ? tokenWait : wait;
        }
        return wait;
    }

    /**
     * Returns a reservation whose request will not be sent (its wait would pass the deadline), so
     * that calls given up under overload do not push every later call further out.
     */
    public void cancel(int estimatedTokens) {
        if (requests != null) {
            requests.adjust(1);
        }
        if (tokens != null) {
            tokens.adjust(estimatedTokens);
        }
    }

    /** Replaces a reservation's estimate by the tokens the server reported using. */
    public void correct(int estimatedTokens, int actualTokens) {
        if (tokens != null) {
            tokens.adjust(estimatedTokens - actualTokens);
        }
    }

    private static TokenBucket bucket(Integer perMinute, Clock clock) {
        if (perMinute == null) {
            return null;
        }
        return new TokenBucket(perMinute, Math.max(1.0, perMinute / 60.0), clock);
    }
}
