package org.vlmeval.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs delayed tasks at once, after moving a {@link ManualClock} forward by their delay, and
 * records the delays: retries and pacing are checked in virtual time instead of by waiting.
 */
public final class VirtualTimeScheduler extends ScheduledThreadPoolExecutor {

    private final ManualClock clock;
    private final List<Duration> delays = new CopyOnWriteArrayList<>();

    public VirtualTimeScheduler(ManualClock clock) {
        super(2);
        this.clock = clock;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Duration wait = Duration.ofNanos(unit.toNanos(delay));
        delays.add(wait);
        clock.advance(wait);
        return super.schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    /** The delays asked for, in order. */
    public List<Duration> delays() {
        return List.copyOf(delays);
    }
}
