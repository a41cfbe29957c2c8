package org.vlmeval.pipeline;

import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.options.Durations;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * One family of event-time windows for the rolling metrics: tumbling ({@code slide == size}) or
 * sliding. The window's id ({@link #id()}) names its operator, so it must stay the same across
 * releases for a savepoint to restore.
 *
 * @param size the window length
 * @param slide how often a window starts; equal to {@code size} for tumbling windows
 */
public record WindowSpec(Duration size, Duration slide) implements Serializable {

    public static final WindowSpec DEFAULT_SLIDING =
            new WindowSpec(Duration.ofMinutes(5), Duration.ofMinutes(1));
    public static final WindowSpec DEFAULT_TUMBLING =
            new WindowSpec(Duration.ofHours(1), Duration.ofHours(1));

    public WindowSpec {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(slide, "slide");
        if (size.toMillis() <= 0) {
            throw new IllegalArgumentException("windows: size must be > 0, was " + size);
        }
        if (slide.toMillis() <= 0 || slide.compareTo(size) > 0) {
            throw new IllegalArgumentException(
                    "windows: slide must be > 0 and <= size (" + size + "), was " + slide);
        }
        if (size.toMillis() % slide.toMillis() != 0) {
            // Otherwise windows would not tile evenly and a record's window count would vary.
            throw new IllegalArgumentException(
                    "windows: size (" + size + ") must be a multiple of slide (" + slide + ")");
        }
    }

    public static WindowSpec tumbling(Duration size) {
        return new WindowSpec(size, size);
    }

    public boolean tumbling() {
        return size.equals(slide);
    }

    /** {@link WindowMetricsRow#SLIDING} or {@link WindowMetricsRow#TUMBLING}. */
    public String kind() {
        return tumbling() ? WindowMetricsRow.TUMBLING : WindowMetricsRow.SLIDING;
    }

    /** A stable operator id such as {@code sliding-5m-1m} or {@code tumbling-1h}. */
    public String id() {
        return tumbling()
                ? "tumbling-" + Durations.format(size)
                : "sliding-" + Durations.format(size) + "-" + Durations.format(slide);
    }
}
