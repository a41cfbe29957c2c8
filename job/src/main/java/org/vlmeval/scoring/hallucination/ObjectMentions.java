package org.vlmeval.scoring.hallucination;

import java.util.List;

/**
 * The objects an answer asserts are in the image.
 *
 * @param asserted every object the answer asserts is present (not negated), without repeats
 * @param hallucinated those of {@code asserted} that are not among the objects truly present
 */
public record ObjectMentions(List<String> asserted, List<String> hallucinated) {

    public ObjectMentions {
        asserted = List.copyOf(asserted);
        hallucinated = List.copyOf(hallucinated);
    }
}
