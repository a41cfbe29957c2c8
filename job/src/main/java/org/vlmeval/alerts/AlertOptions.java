package org.vlmeval.alerts;

import org.vlmeval.options.Check;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import java.io.Serializable;
import java.time.Duration;

/**
 * Options of the regression alerts (job.yaml {@code pipeline.alerts}); see {@link RateTrack} for
 * how they are used. Immutable; {@link Builder#build()} validates and names the field at fault.
 */
@JsonDeserialize(builder = AlertOptions.Builder.class)
public final class AlertOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    public static final int DEFAULT_BASELINE_WINDOWS = 12;
    public static final int DEFAULT_CONFIRM_WINDOWS = 2;
    public static final int DEFAULT_RESOLVE_WINDOWS = 2;
    public static final double DEFAULT_ALPHA = 0.0001;
    public static final double DEFAULT_MIN_DELTA = 0.05;
    public static final int DEFAULT_MIN_WINDOW_TRIALS = 30;
    public static final int DEFAULT_MIN_BASELINE_TRIALS = 150;

    private final boolean enabled;
    private final Duration window;
    private final int baselineWindows;
    private final int confirmWindows;
    private final int resolveWindows;
    private final double alpha;
    private final double minDelta;
    private final int minWindowTrials;
    private final int minBaselineTrials;
    private final boolean perCategory;

    private AlertOptions(Builder b) {
        this.enabled = b.enabled;
        this.window = b.window;
        this.baselineWindows = b.baselineWindows;
        this.confirmWindows = b.confirmWindows;
        this.resolveWindows = b.resolveWindows;
        this.alpha = b.alpha;
        this.minDelta = b.minDelta;
        this.minWindowTrials = b.minWindowTrials;
        this.minBaselineTrials = b.minBaselineTrials;
        this.perCategory = b.perCategory;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static AlertOptions defaults() {
        return builder().build();
    }

    /** Whether the job detects shifts at all. */
    public boolean enabled() {
        return enabled;
    }

    /** The tumbling event-time window each test looks at. */
    public Duration window() {
        return window;
    }

    /** How many past windows (not suspect, not firing) form the baseline. */
    public int baselineWindows() {
        return baselineWindows;
    }

    /** Suspect windows in a row that open an alert. */
    public int confirmWindows() {
        return confirmWindows;
    }

    /** Calm windows in a row that resolve an open alert. */
    public int resolveWindows() {
        return resolveWindows;
    }

    /** One-sided significance level of each window's test. */
    public double alpha() {
        return alpha;
    }

    /** The smallest change, as a rate (0.05 = 5 points), that can make a window suspect. */
    public double minDelta() {
        return minDelta;
    }

    /** Windows with fewer trials are not tested and change nothing. */
    public int minWindowTrials() {
        return minWindowTrials;
    }

    /** No test until the baseline has this many trials. */
    public int minBaselineTrials() {
        return minBaselineTrials;
    }

    /** Also watch each category (besides every model's rate over all categories). */
    public boolean perCategory() {
        return perCategory;
    }

    @Override
    public String toString() {
        return "AlertOptions{enabled="
                + enabled
                + ", window="
                + window
                + ", baselineWindows="
                + baselineWindows
                + ", confirmWindows="
                + confirmWindows
                + ", resolveWindows="
                + resolveWindows
                + ", alpha="
                + alpha
                + ", minDelta="
                + minDelta
                + ", minWindowTrials="
                + minWindowTrials
                + ", minBaselineTrials="
                + minBaselineTrials
                + ", perCategory="
                + perCategory
                + '}';
    }

    /** Builder with the documented defaults; job.yaml's {@code pipeline.alerts} binds to it. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private boolean enabled = true;
        private Duration window = DEFAULT_WINDOW;
        private int baselineWindows = DEFAULT_BASELINE_WINDOWS;
        private int confirmWindows = DEFAULT_CONFIRM_WINDOWS;
        private int resolveWindows = DEFAULT_RESOLVE_WINDOWS;
        private double alpha = DEFAULT_ALPHA;
        private double minDelta = DEFAULT_MIN_DELTA;
        private int minWindowTrials = DEFAULT_MIN_WINDOW_TRIALS;
        private int minBaselineTrials = DEFAULT_MIN_BASELINE_TRIALS;
        private boolean perCategory = true;

        private Builder() {}

        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        public Builder window(Duration value) {
            this.window = value;
            return this;
        }

        public Builder baselineWindows(int value) {
            this.baselineWindows = value;
            return this;
        }

        public Builder confirmWindows(int value) {
            this.confirmWindows = value;
            return this;
        }

        public Builder resolveWindows(int value) {
            this.resolveWindows = value;
            return this;
        }

        public Builder alpha(double value) {
            this.alpha = value;
            return this;
        }

        public Builder minDelta(double value) {
            this.minDelta = value;
            return this;
        }

        public Builder minWindowTrials(int value) {
            this.minWindowTrials = value;
            return this;
        }

        public Builder minBaselineTrials(int value) {
            this.minBaselineTrials = value;
            return this;
        }

        public Builder perCategory(boolean value) {
            this.perCategory = value;
            return this;
        }

        public AlertOptions build() {
            Check.required("window", window);
            Check.that(
                    window.toMillis() >= 1000 && window.toMillis() % 1000 == 0,
                    "window",
                    "must be a whole number of seconds, at least 1s, was " + window);
            Check.inRange("baseline_windows", baselineWindows, 1, 1000);
            Check.inRange("confirm_windows", confirmWindows, 1, 100);
            Check.inRange("resolve_windows", resolveWindows, 1, 100);
            Check.that(alpha > 0 && alpha < 0.5, "alpha", "must be in (0, 0.5), was " + alpha);
            Check.that(
                    minDelta >= 0 && minDelta < 1,
                    "min_delta",
                    "must be in [0, 1) (a rate: 0.05 is 5 points), was " + minDelta);
            Check.atLeast("min_window_trials", minWindowTrials, 1);
            Check.atLeast("min_baseline_trials", minBaselineTrials, 1);
            return new AlertOptions(this);
        }
    }
}
