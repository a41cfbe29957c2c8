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
 *     objects}; null when the request gave no {@code objects} or the answer is a refusal (a refusal
 *     is not judged for hallucinations)
 * @param hallucinatedObjects the objects asserted but absent, empty when none
 * @param explanation what was extracted and compared, for people reading results
 * @param reading what the answer says: {@code correct} for every correct answer, {@code refusal}
 *     for a refusal, otherwise in the reference type's terms ({@code number:6}, {@code option:B},
 *     {@code set:apple|pear}, {@code text:…}); equal readings are the same answer, which is how
 *     repeated samples are compared
 * @param unverifiableObjects the objects asserted that the request's closed {@code
 *     objects_vocabulary} does not cover, so its {@code objects} can neither confirm nor refute
 *     them; never hallucinations; empty when none or for the open vocabulary
 */
public record Verdict(
        Boolean correct,
        Double score,
        boolean refusal,
        Boolean hallucination,
        List<String> hallucinatedObjects,
        String explanation,
        String reading,
        List<String> unverifiableObjects) {

    /** The reading given to every refusal: declining is one answer, however it is worded. */
    public static final String REFUSAL_READING = "refusal";

    /** The reading of every correct answer: the reference says they are the same answer. */
    public static final String CORRECT_READING = "correct";

    /** A verdict without a reading (tests and callers that do not compare samples). */
    public Verdict(
            Boolean correct,
            Double score,
            boolean refusal,
            Boolean hallucination,
            List<String> hallucinatedObjects,
            String explanation) {
        this(correct, score, refusal, hallucination, hallucinatedObjects, explanation, null, null);
    }

    public Verdict {
        hallucinatedObjects = List.copyOf(hallucinatedObjects);
        unverifiableObjects =
                unverifiableObjects == null ? List.of() : List.copyOf(unverifiableObjects);
        Objects.requireNonNull(explanation, "explanation");
        if ((correct == null) != (score == null)) {
            throw new IllegalArgumentException("correct and score are null together or not at all");
        }
    }
}
