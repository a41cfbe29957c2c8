package org.vlmeval.pipeline;

import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.Question;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a request that names an endpoint that is not configured (a typo, a retired model) visible
 * instead of silently unanswered: each unknown name in {@code models} is an {@link
 * DeadLetter#UNKNOWN_ENDPOINT} dead letter naming it and the configured endpoints, counted in
 * {@code unknownEndpoints}. The known names in the same list are still asked; a request naming only
 * unknown endpoints goes no further (its dead letters are all it leaves). A request without {@code
 * models} asks every endpoint and passes.
 */
public final class CheckEndpoints extends ProcessFunction<Question, Question> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("unknown-endpoints") {};

    private final List<String> configured;

    private transient Counter unknown;

    /**
     * @param configured the names of the configured endpoints, in configuration order
     */
    public CheckEndpoints(List<String> configured) {
        this.configured = List.copyOf(configured);
    }

    @Override
    public void open(OpenContext openContext) {
        unknown = getRuntimeContext().getMetricGroup().counter("unknownEndpoints");
    }

    @Override
    public void processElement(Question q, Context ctx, Collector<Question> out) {
        if (q.models() == null || q.models().isEmpty()) {
            out.collect(q);
            return;
        }
        boolean anyKnown = false;
        for (String name : new LinkedHashSet<>(q.models())) {
            if (configured.contains(name)) {
                anyKnown = true;
            } else {
                unknown.inc();
                LocalProgress.DEAD_LETTERS.increment();
                ctx.output(DEAD_LETTERS, deadLetter(q, name, configured));
            }
        }
        if (anyKnown) {
            out.collect(q);
        }
    }

    static DeadLetter deadLetter(Question q, String name, List<String> configured) {
        byte[] payload = q.requestJson().getBytes(StandardCharsets.UTF_8);
        Set<String> names = new LinkedHashSet<>(configured);
        return new DeadLetter(
                DeadLetter.UNKNOWN_ENDPOINT,
                "request '"
                        + q.requestId()
                        + "' of run '"
                        + q.run()
                        + "' names endpoint '"
                        + name
                        + "', which is not configured ("
                        + (names.isEmpty()
                                ? "no endpoints are configured"
                                : "configured: " + String.join(", ", names))
                        + ")",
                q.position() == null ? "unknown" : q.position(),
                q.eventTime(),
                DeadLetter.preview(payload, payload.length),
                payload.length);
    }
}
