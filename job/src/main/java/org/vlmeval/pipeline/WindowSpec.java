package org.vlmeval.pipeline;

import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.options.Check;
import org.vlmeval.options.Durations;
import org.vlmeval.options.InvalidOptionException;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.io.Serializable;
import java.time.Duration;

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
        Check.positive("size", size);
        Check.positive("slide", slide);
        Check.that(
                slide.compareTo(size) <= 0,
                "slide",
                "must be <= size (" + Durations.format(size) + "), was " + Durations.format(slide));
        // Otherwise windows would not tile evenly and a record's window count would vary.
        Check.that(
                size.toMillis() % slide.toMillis() == 0,
                "size",
                Durations.format(size)
                        + " must be a multiple of slide ("
                        + Durations.format(slide)
                        + ")");
    }

    /**
     * A family as job.yaml and {@code --window} write it: {@code SIZE} (tumbling) or {@code
     * SIZE/SLIDE} (sliding), e.g. {@code 5m/1m}, {@code 1h}.
     */
    @JsonCreator
    public static WindowSpec parse(String spec) {
        String[] parts = spec.trim().split("/", -1);
        Check.that(
                parts.length <= 2, "", "'" + spec + "' is not SIZE or SIZE/SLIDE (e.g. 5m/1m, 1h)");
        try {
            Duration size = Durations.parse(parts[0]);
            return new WindowSpec(size, parts.length == 1 ? size : Durations.parse(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("", "'" + spec + "': " + e.getMessage());
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
