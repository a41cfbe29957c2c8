package org.vlmeval.scoring;

import org.vlmeval.scoring.hallucination.ClosedVocabulary;
import org.vlmeval.scoring.hallucination.HallucinationDetector;
import org.vlmeval.scoring.hallucination.ObjectMentions;
import org.vlmeval.scoring.reference.AnswerMatch;
import org.vlmeval.scoring.refusal.Refusal;
import org.vlmeval.scoring.refusal.RefusalDetector;
import org.vlmeval.scoring.text.AnswerNormalizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores one answer: correctness against the reference, refusal, and object hallucination. The one
 * entry point shared by the Flink job, the CLI and the tests; immutable and thread-safe.
 */
public final class Scorer {

    private final RefusalDetector refusals;
    private final HallucinationDetector hallucinations;

    public Scorer(RefusalDetector refusals, HallucinationDetector hallucinations) {
        this.refusals = refusals;
        this.hallucinations = hallucinations;
    }

    /** A scorer with the built-in refusal rules and object vocabulary. */
    public static Scorer standard() {
        return Holder.STANDARD;
    }

    public Verdict score(ScoringInput in) {
        Refusal refusal = refusals.detect(in.responseText(), in.finishReason());
        List<String> explanation = new ArrayList<>(3);

        Boolean correct = null;
        Double score = null;
        String matchReading = null;
        if (in.reference() != null) {
            if (refusal.refused()) {
                // A refusal is never correct, whatever words it happens to contain.
                correct = false;
                score = 0.0;
                explanation.add(in.reference().type() + ": refused, not scored");
            } else if (in.responseText().isBlank()) {
                correct = false;
                score = 0.0;
                explanation.add(in.reference().type() + ": empty answer");
            } else {
                AnswerMatch match = in.reference().match(in.responseText(), in.question());
                correct = match.correct();
                score = match.score();
                matchReading = match.reading();
                explanation.add(match.explanation());
            }
        }
        if (refusal.refused()) {
            explanation.add("refusal: " + refusal.cue());
        }

        Boolean hallucination = null;
        List<String> hallucinated = List.of();
        List<String> unverifiable = List.of();
        // A refusal asserts nothing about the image: not judged, so null rather than false.
        if (in.objects() != null && !refusal.refused()) {
            ObjectMentions mentions =
                    hallucinations.detect(
                            in.responseText(),
                            in.objects(),
                            ClosedVocabulary.named(in.objectsVocabulary()).orElse(null),
                            in.question()); // what the question names is not invented
            hallucinated = mentions.hallucinated();
            unverifiable = mentions.unverifiable();
            hallucination = !hallucinated.isEmpty();
            if (hallucination) {
                explanation.add("not in image: " + String.join(", ", hallucinated));
            }
            if (!unverifiable.isEmpty()) {
                explanation.add(
                        "not in "
                                + in.objectsVocabulary()
                                + ", unverifiable: "
                                + String.join(", ", unverifiable));
            }
        }
        return new Verdict(
                correct,
                score,
                refusal.refused(),
                hallucination,
                hallucinated,
                String.join("; ", explanation),
                reading(in, refusal.refused(), correct, matchReading),
                unverifiable);
    }

    /**
     * The answer's reading. Every correct answer reads the same ({@value Verdict#CORRECT_READING}):
     * the reference already says which answers are equivalent, so "The grape." and "The smallest
     * fruit is the grape." agree. A wrong answer reads by its reference's type (the number, the
     * option); without a reference, by its normalised text (free answers then agree only when they
     * say the same words). Only wrong answers are read again, so scoring a correct one costs
     * nothing more.
     */
    private static String reading(
            ScoringInput in, boolean refused, Boolean correct, String matchReading) {
        if (refused) {
            return Verdict.REFUSAL_READING;
        }
        if (in.reference() == null) {
            return "text:" + AnswerNormalizer.normalize(in.responseText());
        }
        if (Boolean.TRUE.equals(correct)) {
            return Verdict.CORRECT_READING;
        }
        // Matching often read the answer already (the number, yes or no): not read twice.
        return matchReading != null
                ? matchReading
                : in.reference().reading(in.responseText(), in.question());
    }

    private static final class Holder {
        static final Scorer STANDARD =
                new Scorer(RefusalDetector.create(), HallucinationDetector.create());
    }
}
