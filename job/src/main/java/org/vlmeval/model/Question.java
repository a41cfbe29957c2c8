package org.vlmeval.model;

import org.vlmeval.pipeline.RouteEvents;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request that passed validation, on its way to the endpoints. The fields the pipeline routes,
 * keys and stores on are flat; the whole request travels as its JSON text ({@link #requestJson})
 * because its reference and image types are sealed hierarchies that Flink could only serialize with
 * Kryo. Operators that need them decode the text again (about 10 µs, no schema check).
 *
 * @param requestId the request's id, unique within its run
 * @param run the run (the replay's run id, or the request's own {@code run})
 * @param category the request's category, or null
 * @param lang the request's language tag, or null
 * @param eventTime the request's event time ({@code ts}, or the arrival time when it had none)
 * @param question the question text
 * @param models the endpoint names to ask, or null for every endpoint
 * @param requestJson the request as validated JSON
 * @param position where it came from ({@code topic-partition@offset} or {@code file:line})
 * @param late the source's watermark had passed {@code eventTime} when it was read (set by {@link
 *     RouteEvents}; false until then)
 */
public record Question(
        String requestId,
        String run,
        String category,
        String lang,
        Instant eventTime,
        String question,
        List<String> models,
        String requestJson,
        String position,
        boolean late) {

    public Question {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(requestJson, "requestJson");
        models = models == null ? null : List.copyOf(models);
    }

    /** This question, marked late. */
    public Question asLate() {
        return new Question(
                requestId,
                run,
                category,
                lang,
                eventTime,
                question,
                models,
                requestJson,
                position,
                true);
    }

    /** Whether the request asks the endpoint named {@code endpoint}. */
    public boolean asks(String endpoint) {
        return models == null || models.isEmpty() || models.contains(endpoint);
    }
}
