package org.vlmeval.scoring;

import org.vlmeval.scoring.reference.Reference;

import java.util.List;
import java.util.Objects;

/**
 * One model answer to score, with what it is scored against.
 *
 * @param question the question asked
 * @param reference what a correct answer looks like; null when the request has none
 * @param objects the objects truly in the image; null when the request does not say
 * @param responseText the model's answer text
 * @param finishReason the server's finish reason ({@code stop}, {@code length}, {@code
 *     content_filter}, …); may be null
 */
public record ScoringInput(
        String question,
        Reference reference,
        List<String> objects,
        String responseText,
        String finishReason) {

    public ScoringInput {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(responseText, "responseText");
        objects = objects == null ? null : List.copyOf(objects);
    }
}
