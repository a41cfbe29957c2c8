package org.vlmeval.pipeline;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.InvalidInputException;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.Label;
import org.vlmeval.scoring.Scorer;
import org.vlmeval.scoring.ScoringInput;
import org.vlmeval.scoring.Verdict;
import org.vlmeval.scoring.reference.Reference;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.util.Collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Late labels (docs/job.md "Late labels"), keyed by run and request id (uid {@code apply-labels}):
 * joins a request's scored answers with the labels of the request and scores the answers again
 * against the latest label.
 *
 * <ul>
 *   <li>A label is <b>applied</b> when the event time (watermark) reaches its {@code ts}, so what
 *       it changes is the same on every run of the same input; until then it waits. Of two labels
 *       the later {@code ts} wins; one not later than the latest seen is ignored ({@code
 *       labelsIgnored}).
 *   <li>An answer that arrives after a label was applied is scored against it at once; when a label
 *       is applied, every answer held (every endpoint, every sample) is scored again and emitted as
 *       a correction: the new row, and the metrics of the row it replaces for the windows to take
 *       back ({@link LabelledAnswer}), with the answer's own event time as its timestamp so that
 *       the correction reaches the answer's windows.
 *   <li>The label's {@code reference} replaces the event's own, and so do its {@code objects}; what
 *       the label does not give stays the event's. Rows scored against a label say {@code truth:
 *       label:<labeler>}.
 *   <li>Failed calls have no verdict: they pass through and are not held.
 *   <li>The state of a request is dropped {@code labels.ttl} (event time) after the later of its
 *       last answer's event time and its last label's {@code ts}; a label whose request never came
 *       is then counted ({@code labelsExpired}) and logged. A processing-time state TTL of twice
 *       that is the backstop should the event time stop.
 * </ul>
 *
 * <p>State per request: the answered rows (one per endpoint and sample, texts included: they are
 * scored again), the event's reference and objects (small JSON, not the request), the applied
 * label, the label waiting for its time, and the expiry time.
 */
public final class ApplyLabels
        extends KeyedCoProcessFunction<String, ScoredAnswer, Label, LabelledAnswer> {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(ApplyLabels.class);

    /** {@link #eventTruth} of a request that had neither reference nor objects. */
    private static final String NO_TRUTH = "";

    private final Duration ttl;

    private transient MapState<String, AnswerRow> answers;
    private transient ValueState<String> eventTruth;
    private transient ValueState<Label> applied;
    private transient ValueState<Label> pending;
    private transient ValueState<Long> expiry;
    private transient Scorer scorer;
    private transient Counter labelsApplied;
    private transient Counter labelsIgnored;
    private transient Counter labelsExpired;
    private transient Counter corrections;

    public ApplyLabels(Duration ttl) {
        this.ttl = ttl;
    }

    /** The key of a request: its run and id. */
    public static String key(String run, String requestId) {
        return run.length() + ":" + run + requestId;
    }

    public static String key(ScoredAnswer a) {
        return key(a.row().run(), a.row().requestId());
    }

    public static String key(Label l) {
        return key(l.run(), l.requestId());
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig backstop = Deduplicate.ttlConfig(ttl.multipliedBy(2));
        MapStateDescriptor<String, AnswerRow> answersDescriptor =
                new MapStateDescriptor<>("answers", String.class, AnswerRow.class);
        answersDescriptor.enableTimeToLive(backstop);
        answers = getRuntimeContext().getMapState(answersDescriptor);
        eventTruth = state("event-truth", Types.STRING, backstop);
        applied = state("label", TypeInformation.of(Label.class), backstop);
        pending = state("pending-label", TypeInformation.of(Label.class), backstop);
        expiry = state("expiry", Types.LONG, backstop);
        scorer = Scorer.standard();
        labelsApplied = getRuntimeContext().getMetricGroup().counter("labelsApplied");
        labelsIgnored = getRuntimeContext().getMetricGroup().counter("labelsIgnored");
        labelsExpired = getRuntimeContext().getMetricGroup().counter("labelsExpired");
        corrections = getRuntimeContext().getMetricGroup().counter("labelCorrections");
    }

    private <T> ValueState<T> state(
            String name, TypeInformation<T> type, StateTtlConfig ttlConfig) {
        ValueStateDescriptor<T> d = new ValueStateDescriptor<>(name, type);
        d.enableTimeToLive(ttlConfig);
        return getRuntimeContext().getState(d);
    }

    @Override
    public void processElement1(ScoredAnswer a, Context ctx, Collector<LabelledAnswer> out)
            throws Exception {
        if (eventTruth.value() == null) {
            eventTruth.update(a.eventTruth() == null ? NO_TRUTH : a.eventTruth());
        }
        AnswerRow row = a.row();
        extendExpiry(ctx, row.eventTime().toEpochMilli());
        if (row.errorKind() != null) {
            out.collect(new LabelledAnswer(row, null));
            return;
        }
        Label label = applied.value();
        if (label != null) {
            row = rescore(row, label);
        }
        String slot = row.endpoint() + "/" + row.sample();
        AnswerRow before = answers.get(slot);
        answers.put(slot, row);
        // A second delivery of an answer replaces the first in the windows as in the store.
        out.collect(new LabelledAnswer(row, before == null ? null : MetricsSample.of(before)));
    }

    @Override
    public void processElement2(Label label, Context ctx, Collector<LabelledAnswer> out)
            throws Exception {
        Label latest = pending.value() != null ? pending.value() : applied.value();
        if (latest != null && !label.ts().isAfter(latest.ts())) {
            labelsIgnored.inc();
            return;
        }
        long ts = label.ts().toEpochMilli();
        extendExpiry(ctx, ts);
        if (ts <= ctx.timerService().currentWatermark()) {
            pending.clear();
            apply(label, out);
        } else {
            pending.update(label);
            ctx.timerService().registerEventTimeTimer(ts);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LabelledAnswer> out)
            throws Exception {
        Label waiting = pending.value();
        if (waiting != null && waiting.ts().toEpochMilli() <= timestamp) {
            pending.clear();
            apply(waiting, out);
        }
        Long expiresAt = expiry.value();
        if (expiresAt != null && timestamp >= expiresAt) {
            expire(ctx.getCurrentKey());
        }
    }

    /** Applies {@code label}: every answer held is scored against it and emitted again. */
    private void apply(Label label, Collector<LabelledAnswer> out) throws Exception {
        applied.update(label);
        labelsApplied.inc();
        List<Map.Entry<String, AnswerRow>> held = new ArrayList<>();
        for (Map.Entry<String, AnswerRow> e : answers.entries()) {
            held.add(Map.entry(e.getKey(), e.getValue()));
        }
        for (Map.Entry<String, AnswerRow> e : held) {
            AnswerRow before = e.getValue();
            AnswerRow after = rescore(before, label);
            answers.put(e.getKey(), after);
            corrections.inc();
            // The correction belongs to the answer's windows: its timestamp is the answer's event
            // time, not the label's (what the operator would stamp on output from a timer).
            if (out instanceof TimestampedCollector<LabelledAnswer> stamped) {
                stamped.setAbsoluteTimestamp(before.eventTime().toEpochMilli());
            }
            out.collect(new LabelledAnswer(after, MetricsSample.of(before)));
        }
    }

    private void extendExpiry(Context ctx, long eventTimeMillis) throws Exception {
        long at = saturatedAdd(eventTimeMillis, ttl.toMillis());
        Long current = expiry.value();
        if (current != null && current >= at) {
            return;
        }
        if (current != null) {
            ctx.timerService().deleteEventTimeTimer(current);
        }
        expiry.update(at);
        ctx.timerService().registerEventTimeTimer(at);
    }

    private void expire(String key) throws Exception {
        Label label = pending.value() != null ? pending.value() : applied.value();
        if (label != null && eventTruth.value() == null) {
            labelsExpired.inc();
            LOG.warn(
                    "label of request {} (run {}, labeler {}, ts {}, read at {}) expired: no answer"
                            + " to it within labels.ttl={}",
                    label.requestId(),
                    label.run(),
                    label.labeler(),
                    label.ts(),
                    label.position(),
                    ttl);
        }
        answers.clear();
        eventTruth.clear();
        applied.clear();
        pending.clear();
        expiry.clear();
    }

    /** {@code row} scored against the label, the event's own truth where the label gives none. */
    private AnswerRow rescore(AnswerRow row, Label label) throws Exception {
        return rescore(scorer, row, eventTruth.value(), label);
    }

    static AnswerRow rescore(Scorer scorer, AnswerRow row, String eventTruth, Label label)
            throws InvalidInputException {
        ObjectNode own =
                eventTruth == null || eventTruth.isEmpty()
                        ? null
                        : JsonCodec.readObject(eventTruth);
        Reference reference = label.reference();
        if (label.referenceJson() == null && own != null && own.hasNonNull("reference")) {
            reference = JsonCodec.reference(own.get("reference"));
        }
        List<String> objects = label.objects();
        if (objects == null && own != null && own.hasNonNull("objects")) {
            objects = new ArrayList<>();
            for (JsonNode o : own.get("objects")) {
                objects.add(o.asText());
            }
        }
        Verdict verdict =
                scorer.score(
                        new ScoringInput(
                                row.question(),
                                reference,
                                objects,
                                row.responseText(),
                                row.finishReason(),
                                own == null ? null : own.path("objects_vocabulary").asText(null)));
        String truth =
                label.referenceJson() != null
                        ? label.truth()
                        : reference != null ? AnswerRow.TRUTH_REFERENCE : null;
        if (reference == null && row.judged()) {
            // Neither label nor event gives a reference: the judge's verdict stands.
            verdict =
                    new Verdict(
                            row.correct(),
                            row.score(),
                            verdict.refusal(),
                            verdict.hallucination(),
                            verdict.hallucinatedObjects(),
                            verdict.explanation(),
                            verdict.reading(),
                            verdict.unverifiableObjects());
            truth = row.truth();
        }
        String objectsSource =
                label.objects() != null
                        ? label.truth()
                        : objects != null ? AnswerRow.TRUTH_REFERENCE : null;
        if (objects == null && row.objectsJudged()) {
            // Neither label nor event lists objects: the judge's verdict on them stands.
            verdict =
                    new Verdict(
                            verdict.correct(),
                            verdict.score(),
                            verdict.refusal(),
                            row.hallucination(),
                            row.hallucinatedObjects(),
                            verdict.explanation(),
                            verdict.reading(),
                            verdict.unverifiableObjects());
            objectsSource = row.objectsSource();
        }
        return row.withVerdict(verdict, truth, objectsSource);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
