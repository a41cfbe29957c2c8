package org.vlmeval.endpoints.resilience;

import org.vlmeval.testing.ManualClock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketPacerTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void sixtyRequestsPerMinuteAreSpacedOneSecondApart() {
        Pacer pacer = new Pacer(60, null, clock);

        assertThat(pacer.reserve(100)).isEqualTo(Duration.ZERO);
        assertThat(pacer.reserve(100)).isEqualTo(Duration.ofSeconds(1));
        assertThat(pacer.reserve(100)).isEqualTo(Duration.ofSeconds(2));

        clock.advance(Duration.ofSeconds(3));
        assertThat(pacer.reserve(100)).isEqualTo(Duration.ZERO);
    }

    @Test
    void burstIsOneSecondsWorth() {
        Pacer pacer = new Pacer(600, null, clock);
        clock.advance(Duration.ofMinutes(5)); // idle time does not build up a minute's burst

        for (int i = 0; i < 10; i++) {
            assertThat(pacer.reserve(1)).isEqualTo(Duration.ZERO);
        }
        assertThat(pacer.reserve(1)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void tokensPerMinuteDelaysLargeRequestsAndUsageCorrectsTheEstimate() {
        Pacer pacer = new Pacer(null, 6000, clock); // 100 tokens per second, burst 100

        assertThat(pacer.reserve(100)).isEqualTo(Duration.ZERO);
        assertThat(pacer.reserve(300)).isEqualTo(Duration.ofSeconds(3));

        // The second request really used 50 tokens: 250 come back, clearing most of the debt.
        pacer.correct(300, 50);
        assertThat(pacer.reserve(50)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void theLongerOfBothWaitsApplies() {
        Pacer pacer = new Pacer(60, 60_000, clock); // 1 request/s, 1000 tokens/s

        assertThat(pacer.reserve(10)).isEqualTo(Duration.ZERO);
        assertThat(pacer.reserve(3000)).isEqualTo(Duration.ofMillis(2010));
    }

    @Test
    void aCancelledReservationGivesItsPlaceBack() {
        Pacer pacer = new Pacer(60, 6000, clock);
        assertThat(pacer.reserve(100)).isEqualTo(Duration.ZERO);
        assertThat(pacer.reserve(100)).isEqualTo(Duration.ofSeconds(1));

        pacer.cancel(100);

        assertThat(pacer.reserve(100)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void noLimitsNoWait() {
        Pacer pacer = new Pacer(null, null, clock);
        for (int i = 0; i < 1000; i++) {
            assertThat(pacer.reserve(10_000)).isEqualTo(Duration.ZERO);
        }
    }
}
