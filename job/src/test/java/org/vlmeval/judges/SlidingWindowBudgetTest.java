package org.vlmeval.judges;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SlidingWindowBudgetTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());

    private void advance(Duration d) {
        now.addAndGet(d.toMillis());
    }

    @Test
    void callsBeyondTheLimitAreRefusedUntilTheWindowSlides() {
        SlidingWindowBudget calls = new SlidingWindowBudget(3, Duration.ofMinutes(1), clock);
        assertThat(calls.tryCharge(1)).isNotNull();
        advance(Duration.ofSeconds(20));
        assertThat(calls.tryCharge(1)).isNotNull();
        assertThat(calls.tryCharge(1)).isNotNull();
        assertThat(calls.tryCharge(1)).as("a fourth call within the minute").isNull();
        advance(Duration.ofSeconds(39));
        assertThat(calls.tryCharge(1)).as("59 s after the first: still in the window").isNull();
        advance(Duration.ofSeconds(1));
        assertThat(calls.tryCharge(1)).as("60 s after the first: it left the window").isNotNull();
        assertThat(calls.tryCharge(1)).isNull();
        assertThat(calls.spent()).isEqualTo(3.0);
    }

    @Test
    void aSettledChargeCountsItsActualAmount() {
        SlidingWindowBudget cost = new SlidingWindowBudget(1.0, Duration.ofHours(1), clock);
        SlidingWindowBudget.Charge first = cost.tryCharge(0);
        first.settle(0.6);
        assertThat(cost.spent()).isCloseTo(0.6, within(1e-12));
        SlidingWindowBudget.Charge second = cost.tryCharge(0.3);
        assertThat(second).isNotNull();
        assertThat(cost.tryCharge(0.3)).as("0.9 + 0.3 > 1").isNull();
        second.settle(0.5);
        assertThat(cost.spent()).isCloseTo(1.1, within(1e-12));
        assertThat(cost.tryCharge(0)).as("at or over the limit nothing more").isNull();
        advance(Duration.ofHours(1));
        assertThat(cost.spent()).isZero();
        assertThat(cost.tryCharge(0.5)).isNotNull();
    }

    @Test
    void settlingAChargeThatLeftTheWindowChangesNothing() {
        SlidingWindowBudget cost = new SlidingWindowBudget(1.0, Duration.ofMinutes(1), clock);
        SlidingWindowBudget.Charge slow = cost.tryCharge(0.2);
        advance(Duration.ofMinutes(2));
        assertThat(cost.spent()).isZero();
        slow.settle(0.9);
        assertThat(cost.spent()).isZero();
    }

    @Test
    void aZeroLimitAdmitsNothing() {
        assertThat(new SlidingWindowBudget(0, Duration.ofMinutes(1), clock).tryCharge(0)).isNull();
    }
}
