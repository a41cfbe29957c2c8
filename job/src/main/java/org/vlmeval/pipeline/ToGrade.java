package org.vlmeval.pipeline;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.CallResult;
import org.vlmeval.model.JudgementRow;

import java.util.ArrayList;
import java.util.List;

/**
 * A scored answer on its way through the {@code judge-grade-<name>} operators: {@code requestJson}
 * is the request (for its image) when the row is one a judge may grade ({@link #gradable}), null
 * otherwise, so that the rows no judge looks at do not carry their request's inline image on. In a
 * job with a labels input, {@code eventTruth} is what {@link ScoredAnswer#eventTruth()} will be
 * once graded (grading comes before {@link ApplyLabels}, so that a label's correction takes back
 * the judge-graded row that was counted); null otherwise. {@code judgements} are what the judges
 * did about the answer so far (the objects judges' from its {@link CallResult}, then each grade
 * judge's), emitted as {@link JudgementRows#JUDGEMENTS} after the last grade judge.
 */
public record ToGrade(
        AnswerRow row, String requestJson, String eventTruth, List<JudgementRow> judgements) {

    public ToGrade {
        judgements = judgements == null ? List.of() : List.copyOf(judgements);
    }

    /** A row of a job without labels and without judgements yet. */
    public ToGrade(AnswerRow row, String requestJson) {
        this(row, requestJson, null, List.of());
    }

    /** This row graded by a judge ({@code judgement}): the request is no longer needed. */
    ToGrade graded(AnswerRow gradedRow, JudgementRow judgement) {
        return new ToGrade(gradedRow, null, eventTruth, plus(judgement));
    }

    /**
     * This row not graded (a skip, an error, {@code unsure}): it keeps its request, so that the
     * next grade judge may grade it.
     */
    ToGrade notGraded(JudgementRow judgement) {
        return new ToGrade(row, requestJson, eventTruth, plus(judgement));
    }

    private List<JudgementRow> plus(JudgementRow judgement) {
        List<JudgementRow> all = new ArrayList<>(judgements);
        if (judgement != null) {
            all.add(judgement);
        }
        return all;
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
