package org.vlmeval.scoring.reference;

/**
 * How one answer compares with its reference.
 *
 * @param correct whether the answer counts as correct
 * @param score 0..1; partial credit where the reference type defines it (VQA, ANLS, F1)
 * @param explanation what was extracted and compared, short enough for a table cell
 * @param reading the answer's {@link Reference#reading}, when matching worked it out anyway (so a
 *     wrong answer is not read a second time), else null
 */
public record AnswerMatch(boolean correct, double score, String explanation, String reading) {

    public AnswerMatch(boolean correct, double score, String explanation) {
        this(correct, score, explanation, null);
    }

    public AnswerMatch {
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be within 0..1, was " + score);
        }
    }

    public static AnswerMatch of(boolean correct, String explanation) {
        return new AnswerMatch(correct, correct ? 1.0 : 0.0, explanation);
    }

    /** This match with the answer's reading. */
    public AnswerMatch withReading(String value) {
        return new AnswerMatch(correct, score, explanation, value);
    }
}
