package org.vlmeval.pipeline;

import org.vlmeval.options.Check;

import java.io.Serializable;
import java.time.Duration;

/**
 * Options of late labels (job.yaml {@code pipeline.labels}; docs/job.md "Late labels"), used when
 * the job has a labels input ({@code source.kafka.labels_topic}, {@code replay --labels}).
 *
 * @param ttl how long, in event time, {@link ApplyLabels} keeps a request's answers for a label to
 *     come and a label for its answers to come (from the later of the last answer's event time and
 *     the last label's {@code ts}); a label whose request never came is then counted as {@code
 *     labelsExpired}. Default 7 days.
 * @param windowLateness how long past its end (on top of {@code allowed_lateness} and the grace) a
 *     window keeps its sums so that a label can still correct its row; corrections later than that
 *     are counted as {@code lateAtWindow} and the window's row keeps the verdicts it had. Default 1
 *     day.
 */
public record LabelsOptions(Duration ttl, Duration windowLateness) implements Serializable {

    public static final Duration DEFAULT_TTL = Duration.ofDays(7);
    public static final Duration DEFAULT_WINDOW_LATENESS = Duration.ofDays(1);

    public LabelsOptions {
        ttl = ttl == null ? DEFAULT_TTL : ttl;
        windowLateness = windowLateness == null ? DEFAULT_WINDOW_LATENESS : windowLateness;
        Check.that(!ttl.isNegative() && !ttl.isZero(), "ttl", "must be positive, was " + ttl);
        Check.that(
                !windowLateness.isNegative(),
                "window_lateness",
                "must not be negative, was " + windowLateness);
    }

    public static LabelsOptions defaults() {
        return new LabelsOptions(null, null);
    }
}
