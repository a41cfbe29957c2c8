package org.vlmeval.endpoints.resilience;

import org.vlmeval.endpoints.resilience.CircuitBreaker.Outcome;
import org.vlmeval.endpoints.resilience.CircuitBreaker.State;
import org.vlmeval.testing.ManualClock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        fail();
        fail();
        succeed();
        fail();
        fail();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);

        fail();

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.remainingCoolDown()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void halfOpenLetsExactlyOneProbeThroughAndItsSuccessCloses() {
        open();
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquire()).isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isFalse();

        breaker.record(Outcome.HEALTHY);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void failedProbeReopensForAnotherCoolDown() {
        open();
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.tryAcquire()).isTrue();

        breaker.record(Outcome.FAILED);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void neutralProbeHandsTheProbeToTheNextCall() {
        open();
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.tryAcquire()).isTrue();

        breaker.record(Outcome.NEUTRAL);

        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    private void open() {
        fail();
        fail();
        fail();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    private void fail() {
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.record(Outcome.FAILED);
    }

    private void succeed() {
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.record(Outcome.HEALTHY);
    }
}
