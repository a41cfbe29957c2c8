package org.vlmeval.pipeline;

import org.vlmeval.model.AnswerRow;

/**
 * A scored answer on its way through the {@code judge-grade-<name>} operators: {@code requestJson}
 * is the request (for its image) when the row is one a judge may grade ({@link #gradable}), null
 * otherwise, so that the rows no judge looks at do not carry their request's inline image on. In a
 * job with a labels input, {@code eventTruth} is what {@link ScoredAnswer#eventTruth()} will be
 * once graded (grading comes before {@link ApplyLabels}, so that a label's correction takes back
 * the judge-graded row that was counted); null otherwise.
 */
public record ToGrade(AnswerRow row, String requestJson, String eventTruth) {

    /** A row of a job without labels. */
    public ToGrade(AnswerRow row, String requestJson) {
        this(row, requestJson, null);
    }

    /** This row, graded: the request is no longer needed. */
    ToGrade graded(AnswerRow gradedRow) {
        return new ToGrade(gradedRow, null, eventTruth);
    }

    /**
     * Whether a grade judge may grade the row: an answer (not an error, not a refusal) without a
     * verdict from a reference or a label ({@code truth} null), not graded by a judge before, and
     * the first sample of its request (rates are over first samples: grading the repeats would pay
     * for verdicts no figure uses).
     */
    public static boolean gradable(AnswerRow row) {
        return row.errorKind() == null
                && row.firstSample()
                && row.correct() == null
                && row.truth() == null
                && !Boolean.TRUE.equals(row.refusal());
    }
}
