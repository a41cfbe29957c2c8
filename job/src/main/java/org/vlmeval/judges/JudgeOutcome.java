package org.vlmeval.judges;

import java.util.Objects;

/**
 * What asking a judge led to: a judgement (which may be a judge error), or a skip and its reason.
 * Exactly one of the two is set.
 */
public record JudgeOutcome(Judgement judgement, SkipReason skipped) {

    public JudgeOutcome {
        if ((judgement == null) == (skipped == null)) {
            throw new IllegalArgumentException("exactly one of judgement and skipped");
        }
    }

    public static JudgeOutcome of(Judgement judgement) {
        return new JudgeOutcome(Objects.requireNonNull(judgement), null);
    }

    public static JudgeOutcome skip(SkipReason reason) {
        return new JudgeOutcome(null, Objects.requireNonNull(reason));
    }

    public boolean judged() {
        return judgement != null;
    }
}
