package org.vlmeval.scoring.hallucination;

import java.util.List;

/**
 * The objects an answer asserts are in the image.
 *
 * @param asserted every object the answer asserts is present (not negated), without repeats
 * @param hallucinated those of {@code asserted} that are not among the objects truly present
 * @param unverifiable those of {@code asserted} outside the closed vocabulary scored against
 *     ({@link ClosedVocabulary}): the annotation can neither confirm nor refute them, so they are
 *     never hallucinated; always empty for the open vocabulary
 */
public record ObjectMentions(
        List<String> asserted, List<String> hallucinated, List<String> unverifiable) {

    public ObjectMentions(List<String> asserted, List<String> hallucinated) {
        this(asserted, hallucinated, List.of());
    }

    public ObjectMentions {
        asserted = List.copyOf(asserted);
        hallucinated = List.copyOf(hallucinated);
        unverifiable = List.copyOf(unverifiable);
    }
}
