package org.vlmeval.pipeline;

import org.vlmeval.model.Question;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * One question becomes {@code k} questions for one endpoint, numbered by their {@code sample}: the
 * endpoint's {@code repeats}, or the request's own. Each sample is a call of its own (its own slot
 * in the endpoint's concurrency, its own journal entry, paid and counted), and the answers'
 * agreement is the endpoint's stability. Chained in front of the endpoint's call operator; with one
 * sample it passes the question through untouched.
 */
public final class RepeatSamples implements FlatMapFunction<Question, Question> {

    private static final long serialVersionUID = 1L;

    private final int endpointRepeats;

    public RepeatSamples(int endpointRepeats) {
        if (endpointRepeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, was " + endpointRepeats);
        }
        this.endpointRepeats = endpointRepeats;
    }

    @Override
    public void flatMap(Question q, Collector<Question> out) {
        int samples = q.samplesAt(endpointRepeats);
        out.collect(q);
        for (int i = 1; i < samples; i++) {
            out.collect(q.withSample(i));
        }
    }
}
