package org.vlmeval.judges;

import java.util.Map;

/**
 * A snapshot of what a judge did.
 *
 * @param calls calls made to the judge endpoint (each costs)
 * @param reused objects lists served from the cache (free)
 * @param skipped skips by reason, every reason present
 * @param errors judge errors by kind, every kind present
 */
public record JudgeCounts(
        long calls, long reused, Map<SkipReason, Long> skipped, Map<JudgeErrorKind, Long> errors) {

    public JudgeCounts {
        skipped = Map.copyOf(skipped);
        errors = Map.copyOf(errors);
    }

    public long skipped(SkipReason reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    public long errors(JudgeErrorKind kind) {
        return errors.getOrDefault(kind, 0L);
    }
}
