package org.vlmeval.judges;

import java.util.Locale;

/** Why a judge did not judge a request; each is counted (see {@link JudgeCounts}). */
public enum SkipReason {
    /** The request's hash fell outside the judge's {@code sample_rate}. */
    NOT_SAMPLED,
    /**
     * The answer came from the judge's own endpoint or family and {@code self_judging} forbids it.
     */
    SELF_JUDGING,
    /** {@code max_calls_per_minute} was reached: skipped, not queued. */
    BUDGET_CALLS,
    /** {@code max_cost_per_hour} was reached: skipped, not queued. */
    BUDGET_COST;

    /** {@code not_sampled}, {@code budget_calls} …: the name in counters, JSON and the store. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
