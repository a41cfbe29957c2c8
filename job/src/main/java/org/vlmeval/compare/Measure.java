package org.vlmeval.compare;

import org.vlmeval.model.AnswerRow;

import java.util.function.Function;

/**
 * A rate compared between two runs, with the outcome it counts per answer and the direction that is
 * worse. The denominators are those of the summary and the window metrics: accuracy over the
 * answers with a reference, refusal over all answers, hallucination over the answers whose request
 * listed the image's objects; failed calls count in none.
 */
public enum Measure {
    // Reference/label-based only: a judge's verdicts are counted apart (docs/judges.md).
    ACCURACY("accuracy", false, r -> r.judged() ? null : r.correct()),
    REFUSAL("refusal_rate", true, AnswerRow::refusal),
    HALLUCINATION("hallucination_rate", true, r -> r.objectsJudged() ? null : r.hallucination());

    private final String label;
    private final boolean higherIsWorse;
    private final Function<AnswerRow, Boolean> outcome;

    Measure(String label, boolean higherIsWorse, Function<AnswerRow, Boolean> outcome) {
        this.label = label;
        this.higherIsWorse = higherIsWorse;
        this.outcome = outcome;
    }

    /** The name in tables and JSON, as in the store's columns. */
    public String label() {
        return label;
    }

    /** A rise is a regression (refusals, hallucinations); for accuracy a fall is. */
    public boolean higherIsWorse() {
        return higherIsWorse;
    }

    /** Whether the answer counts as a success of this rate; null when it is not in the rate. */
    public Boolean outcome(AnswerRow row) {
        return row.errorKind() != null ? null : outcome.apply(row);
    }
}
