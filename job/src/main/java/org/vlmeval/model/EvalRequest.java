package org.vlmeval.model;

import org.vlmeval.images.ImageRef;
import org.vlmeval.scoring.hallucination.ClosedVocabulary;
import org.vlmeval.scoring.reference.Reference;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One image question (schema: eval-request.schema.json; docs/schemas.md).
 *
 * @param id unique id, the idempotency key
 * @param ts event time; null means "use the arrival time"
 * @param run the run it belongs to ({@value #LIVE_RUN} by default)
 * @param category optional grouping for metrics
 * @param lang optional language tag of the question
 * @param image optional image reference
 * @param question the question
 * @param reference optional reference answer
 * @param objects optional list of objects truly in the image
 * @param models optional subset of endpoint names to ask
 * @param repeats optional number of answers to sample from each endpoint, overriding the endpoints'
 *     own {@code repeats}
 * @param objectsVocabulary the vocabulary {@code objects} was annotated over ({@code
 *     objects_vocabulary}): {@value ClosedVocabulary#OPEN} (the default) or a built-in closed one
 */
public record EvalRequest(
        String id,
        Instant ts,
        String run,
        String category,
        String lang,
        ImageRef image,
        String question,
        Reference reference,
        List<String> objects,
        List<String> models,
        Integer repeats,
        String objectsVocabulary) {

    public static final String LIVE_RUN = "live";

    public EvalRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        run = run == null ? LIVE_RUN : run;
        objects = objects == null ? null : List.copyOf(objects);
        models = models == null ? null : List.copyOf(models);
        objectsVocabulary = objectsVocabulary == null ? ClosedVocabulary.OPEN : objectsVocabulary;
    }
}
