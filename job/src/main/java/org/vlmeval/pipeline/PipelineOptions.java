package org.vlmeval.pipeline;

import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.sources.EventParser;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the pipeline asks, scores and aggregates: immutable and validated; errors name the field.
 *
 * <pre>{@code
 * PipelineOptions options = PipelineOptions.builder(endpoints)
 *         .windows(List.of(WindowSpec.DEFAULT_SLIDING, WindowSpec.DEFAULT_TUMBLING))
 *         .maxOutOfOrderness(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 */
public final class PipelineOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLENESS = Duration.ofMinutes(1);
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ZERO;

    private final EndpointsConfig endpoints;
    private final List<WindowSpec> windows;
    private final Duration maxOutOfOrderness;
    private final Duration idleness;
    private final Duration allowedLateness;
    private final int maxEventBytes;
    private final String runId;

    private PipelineOptions(Builder b) {
        this.endpoints = Objects.requireNonNull(b.endpoints, "endpoints");
        this.windows = List.copyOf(b.windows);
        this.maxOutOfOrderness = b.maxOutOfOrderness;
        this.idleness = b.idleness;
        this.allowedLateness = b.allowedLateness;
        this.maxEventBytes = b.maxEventBytes;
        this.runId = b.runId;
    }

    public static Builder builder(EndpointsConfig endpoints) {
        return new Builder(endpoints);
    }

    /** The endpoints to ask; may be empty when only recorded answers are re-scored. */
    public EndpointsConfig endpoints() {
        return endpoints;
    }

    /** The window families of the rolling metrics; default 5 min sliding by 1 min, 1 h tumbling. */
    public List<WindowSpec> windows() {
        return windows;
    }

    /** How far behind the newest event time an event may arrive without being late. */
    public Duration maxOutOfOrderness() {
        return maxOutOfOrderness;
    }

    /** How long a source split may be silent before it stops holding the watermark back. */
    public Duration idleness() {
        return idleness;
    }

    /**
     * How long after a window's end late answers still update it (the row is written again); later
     * answers are stored but miss their windows.
     */
    public Duration allowedLateness() {
        return allowedLateness;
    }

    /** Larger input events go to the dead letters. */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    /** The run every event is assigned to (a replay's run id), or null to keep each event's own. */
    public String runId() {
        return runId;
    }

    public EventParser parser() {
        return new EventParser(maxEventBytes, runId);
    }

    @Override
    public String toString() {
        return "PipelineOptions{endpoints="
                + endpoints.endpoints().stream().map(e -> e.name()).toList()
                + ", windows="
                + windows.stream().map(WindowSpec::id).toList()
                + ", maxOutOfOrderness="
                + maxOutOfOrderness
                + ", idleness="
                + idleness
                + ", allowedLateness="
                + allowedLateness
                + ", maxEventBytes="
                + maxEventBytes
                + ", runId="
                + runId
                + "}";
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private final EndpointsConfig endpoints;
        private List<WindowSpec> windows =
                List.of(WindowSpec.DEFAULT_SLIDING, WindowSpec.DEFAULT_TUMBLING);
        private Duration maxOutOfOrderness = DEFAULT_MAX_OUT_OF_ORDERNESS;
        private Duration idleness = DEFAULT_IDLENESS;
        private Duration allowedLateness = DEFAULT_ALLOWED_LATENESS;
        private int maxEventBytes = EventParser.DEFAULT_MAX_EVENT_BYTES;
        private String runId;

        private Builder(EndpointsConfig endpoints) {
            this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        }

        public Builder windows(List<WindowSpec> value) {
            Objects.requireNonNull(value, "windows");
            List<WindowSpec> seen = new ArrayList<>();
            for (WindowSpec w : value) {
                for (WindowSpec other : seen) {
                    // Two families of one size share windows ([0, 5m) is both a 5m/1m and a 5m
                    // window) and their rows have the same key: one would overwrite the other.
                    if (other.size().equals(w.size())) {
                        throw new IllegalArgumentException(
                                "windows: "
                                        + other.id()
                                        + " and "
                                        + w.id()
                                        + " have the same size; their windows would share rows");
                    }
                }
                seen.add(w);
            }
            this.windows = List.copyOf(value);
            return this;
        }

        public Builder maxOutOfOrderness(Duration value) {
            this.maxOutOfOrderness = nonNegative(value, "max_out_of_orderness");
            return this;
        }

        public Builder idleness(Duration value) {
            this.idleness = nonNegative(value, "idleness");
            if (value.isZero()) {
                throw new IllegalArgumentException("idleness: must be > 0");
            }
            return this;
        }

        public Builder allowedLateness(Duration value) {
            this.allowedLateness = nonNegative(value, "allowed_lateness");
            return this;
        }

        public Builder maxEventBytes(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("max_event_bytes: must be > 0, was " + value);
            }
            this.maxEventBytes = value;
            return this;
        }

        public Builder runId(String value) {
            if (value != null && value.isBlank()) {
                throw new IllegalArgumentException("run_id: must not be blank");
            }
            this.runId = value;
            return this;
        }

        public PipelineOptions build() {
            return new PipelineOptions(this);
        }

        private static Duration nonNegative(Duration value, String field) {
            Objects.requireNonNull(value, field);
            if (value.isNegative()) {
                throw new IllegalArgumentException(field + ": must not be negative, was " + value);
            }
            return value;
        }
    }
}
