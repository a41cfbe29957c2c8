package org.vlmeval.scoring;

import org.vlmeval.scoring.hallucination.ClosedVocabulary;
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
 * @param objectsVocabulary the vocabulary {@code objects} was annotated over: {@value
 *     ClosedVocabulary#OPEN} (null means the same) or a closed one such as {@code coco80}, against
 *     which mentions outside it are unverifiable rather than hallucinated
 */
public record ScoringInput(
        String question,
        Reference reference,
        List<String> objects,
        String responseText,
        String finishReason,
        String objectsVocabulary) {

    /** An input scored against the open vocabulary. */
    public ScoringInput(
            String question,
            Reference reference,
            List<String> objects,
            String responseText,
            String finishReason) {
        this(question, reference, objects, responseText, finishReason, null);
    }

    public ScoringInput {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(responseText, "responseText");
        objects = objects == null ? null : List.copyOf(objects);
    }
}
