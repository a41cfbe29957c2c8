package org.vlmeval.scoring.numeric;

import java.util.Optional;

/** Finds the final numeric answer in a response, in English or Chinese. */
public final class NumberExtractor {

    private NumberExtractor() {}

    /**
     * The number the response gives as its answer, preferring a stated conclusion over intermediate
     * numbers.
     *
     * @param response the model's answer text
     * @param question the question asked (numbers it mentions are weaker candidates); may be empty
     */
    public static Optional<ExtractedNumber> extractAnswer(String response, String question) {
        throw new UnsupportedOperationException("NumberExtractor not written yet");
    }
}
