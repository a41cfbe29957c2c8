package org.vlmeval.endpoints.resilience;

import org.vlmeval.testing.ManualClock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffAndRetryAfterTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void fullJitterDrawsBelowADoublingCeilingCappedAtMax() {
        Backoff highest =
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(700), fixed(0.999999));
        assertThat(highest.delay(1)).isEqualTo(Duration.ofMillis(99));
        assertThat(highest.delay(2)).isEqualTo(Duration.ofMillis(199));
        assertThat(highest.delay(3)).isEqualTo(Duration.ofMillis(399));
        assertThat(highest.delay(4)).isEqualTo(Duration.ofMillis(699));
        assertThat(highest.delay(60)).isEqualTo(Duration.ofMillis(699));

        Backoff lowest = new Backoff(Duration.ofMillis(100), Duration.ofMillis(700), fixed(0.0));
        assertThat(lowest.delay(3)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterInSeconds() {
        assertThat(RetryAfter.parse("7", clock)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 0 ", clock)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterAsHttpDate() {
        assertThat(RetryAfter.parse("Wed, 01 Jan 2025 00:00:42 GMT", clock))
                .isEqualTo(Duration.ofSeconds(42));
        assertThat(RetryAfter.parse("Tue, 31 Dec 2024 23:00:00 GMT", clock))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void hugeRetryAfterIsCappedAtADay() {
        assertThat(RetryAfter.parse("99999999999999999", clock)).isEqualTo(Duration.ofDays(1));
        assertThat(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", clock))
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void unreadableRetryAfterIsIgnored() {
        assertThat(RetryAfter.parse(null, clock)).isNull();
        assertThat(RetryAfter.parse("soon", clock)).isNull();
        assertThat(RetryAfter.parse("-5", clock)).isNull();
        assertThat(RetryAfter.parse("\u0663", clock)).as("non-ASCII digit").isNull();
        assertThat(RetryAfter.parse("99999999999999999999999", clock)).isNull();
    }

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
