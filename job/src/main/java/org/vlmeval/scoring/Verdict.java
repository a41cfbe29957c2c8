package org.vlmeval.scoring;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of scoring one model answer.
 *
 * @param correct true or false when the request had a reference, null when it had none
 * @param score 0..1 when the request had a reference, null when it had none
 * @param refusal the answer declines the task fully or partly; a refusal is never correct
 * @param hallucination true when the answer asserts an object that is not in the request's {@code
 *     objects}; null when the request gave no {@code objects}
 * @param hallucinatedObjects the objects asserted but absent, empty when none
 * @param explanation what was extracted and compared, for people reading results
 */
public record Verdict(
        Boolean correct,
        Double score,
        boolean refusal,
        Boolean hallucination,
        List<String> hallucinatedObjects,
        String explanation) {

    public Verdict {
        hallucinatedObjects = List.copyOf(hallucinatedObjects);
        Objects.requireNonNull(explanation, "explanation");
        if ((correct == null) != (score == null)) {
            throw new IllegalArgumentException("correct and score are null together or not at all");
        }
    }
}
