package org.vlmeval.pipeline;

import org.vlmeval.model.CallResult;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.Question;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Lets the first delivery of each event through and no other: upstream producers deliver at least
 * once, and a second delivery would be asked again (paid twice) and counted twice in the windows.
 *
 * <p>Keyed by (run, request id) for questions and by (run, request id, model) for recorded answers
 * (one request has recorded answers of several models); a question and a recorded answer never
 * share a key. The state per key is the first event's {@link Fingerprint} and position. A later
 * event with the same fingerprint is dropped and counted ({@code duplicates}); one with a different
 * fingerprint is a {@link DeadLetter#CONFLICTING_DUPLICATE} dead letter ({@code
 * conflictingDuplicates}) and the first one stands.
 *
 * <p>The state expires {@code ttl} after the first event, in processing time (the only time Flink's
 * state TTL knows; the TTL is not refreshed by duplicates): a re-delivery later than that is asked
 * again. Expired entries are never read, and are removed on access, in full snapshots and by the
 * state backend's background cleanup.
 */
public final class Deduplicate
        extends KeyedCoProcessFunction<String, Question, CallResult, Question> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<CallResult> RECORDED = new OutputTag<>("dedup-recorded") {};
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dedup-dead-letters") {};

    private final Duration ttl;

    private transient ValueState<FirstSeen> first;
    private transient Counter duplicates;
    private transient Counter conflicting;

    /**
     * @param ttl how long after the first event its duplicates are recognised; positive
     */
    public Deduplicate(Duration ttl) {
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.toMillis() <= 0) {
            throw new IllegalArgumentException("ttl must be at least 1ms, was " + ttl);
        }
    }

    /** The key of a question: its run and request id. */
    public static String key(Question q) {
        return "q" + q.run().length() + ":" + q.run() + q.requestId();
    }

    /** The key of a recorded answer: its run, request id, model and sample. */
    public static String key(CallResult recorded) {
        Question q = recorded.question();
        return "r"
                + q.run().length()
                + ":"
                + q.run()
                + q.requestId().length()
                + ":"
                + q.requestId()
                + recorded.endpoint()
                + (q.sample() == 0 ? "" : "#" + q.sample());
    }

    /** Processing-time TTL counted from the first (only) write; expired entries never read. */
    static StateTtlConfig ttlConfig(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .updateTtlOnCreateAndWrite()
                .neverReturnExpired()
                .cleanupFullSnapshot()
                // Heap state: one other entry checked per access instead of Flink's default five
                // (the checks were ~9% of re-scoring's CPU). Each record reads and writes its key,
                // so the sweep still passes every entry once per half the map's size in inserts:
                // an expired entry lives at most one sweep, the map stays within twice the live
                // entries. RocksDB keeps its compaction-filter cleanup.
                .cleanupIncrementally(1, false)
                .build();
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<FirstSeen> descriptor =
                new ValueStateDescriptor<>("first-seen", FirstSeen.class);
        descriptor.enableTimeToLive(ttlConfig(ttl));
        first = getRuntimeContext().getState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicates");
        conflicting = getRuntimeContext().getMetricGroup().counter("conflictingDuplicates");
    }

    @Override
    public void processElement1(Question q, Context ctx, Collector<Question> out)
            throws IOException {
        if (firstDelivery(Fingerprint.of(q), q, "request", ctx)) {
            out.collect(q);
        }
    }

    @Override
    public void processElement2(CallResult recorded, Context ctx, Collector<Question> out)
            throws IOException {
        if (firstDelivery(
                Fingerprint.of(recorded),
                recorded.question(),
                "recorded answer of " + recorded.endpoint() + " to request",
                ctx)) {
            ctx.output(RECORDED, recorded);
        }
    }

    private boolean firstDelivery(long fingerprint, Question q, String what, Context ctx)
            throws IOException {
        FirstSeen seen = first.value();
        if (seen == null) {
            first.update(new FirstSeen(fingerprint, q.position()));
            return true;
        }
        if (seen.fingerprint() == fingerprint) {
            duplicates.inc();
            return false;
        }
        conflicting.inc();
        LocalProgress.DEAD_LETTERS.increment();
        ctx.output(DEAD_LETTERS, conflict(q, what, seen.position()));
        return false;
    }

    static DeadLetter conflict(Question q, String what, String firstPosition) {
        byte[] payload = q.requestJson().getBytes(StandardCharsets.UTF_8);
        return new DeadLetter(
                DeadLetter.CONFLICTING_DUPLICATE,
                what
                        + " '"
                        + q.requestId()
                        + "' of run '"
                        + q.run()
                        + "' was first read at "
                        + (firstPosition == null ? "an unknown position" : firstPosition)
                        + " with different content; the first one counts",
                q.position() == null ? "unknown" : q.position(),
                q.eventTime(),
                DeadLetter.preview(payload, payload.length),
                payload.length);
    }
}
