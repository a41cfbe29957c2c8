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
 * @param repeats the request's own number of samples per endpoint, or null for the endpoints'
 *     {@code repeats}
 * @param sample which sample of the question this is at an endpoint (0 until the question is
 *     repeated for an endpoint; a recorded answer's own sample)
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
        boolean late,
        Integer repeats,
        int sample) {

    /** A question of the first sample, with the endpoints' own number of samples. */
    public Question(
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
        this(
                requestId,
                run,
                category,
                lang,
                eventTime,
                question,
                models,
                requestJson,
                position,
                late,
                null,
                0);
    }

    public Question {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(requestJson, "requestJson");
        models = models == null ? null : List.copyOf(models);
        if (sample < 0) {
            throw new IllegalArgumentException("sample must be >= 0, was " + sample);
        }
    }

    /** This question, marked late. */
    public Question asLate() {
        return copy(true, sample);
    }

    /** This question as sample {@code n}. */
    public Question withSample(int n) {
        return copy(late, n);
    }

    private Question copy(boolean isLate, int n) {
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
                isLate,
                repeats,
                n);
    }

    /** How many samples to ask of an endpoint whose own setting is {@code endpointRepeats}. */
    public int samplesAt(int endpointRepeats) {
        return repeats != null ? repeats : endpointRepeats;
    }

    /** Whether the request asks the endpoint named {@code endpoint}. */
    public boolean asks(String endpoint) {
        return models == null || models.isEmpty() || models.contains(endpoint);
    }
}
