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
 * @param presupposed those of {@code asserted} that the question names as given ("What is on the
 *     shelf?" → shelf): the answer takes them up, so they are neither hallucinated nor
 *     unverifiable; empty when no question was given
 */
public record ObjectMentions(
        List<String> asserted,
        List<String> hallucinated,
        List<String> unverifiable,
        List<String> presupposed) {

    public ObjectMentions(List<String> asserted, List<String> hallucinated) {
        this(asserted, hallucinated, List.of(), List.of());
    }

    public ObjectMentions(
            List<String> asserted, List<String> hallucinated, List<String> unverifiable) {
        this(asserted, hallucinated, unverifiable, List.of());
    }

    public ObjectMentions {
        asserted = List.copyOf(asserted);
        hallucinated = List.copyOf(hallucinated);
        unverifiable = List.copyOf(unverifiable);
        presupposed = List.copyOf(presupposed);
    }
}
