package org.vlmeval.pipeline;

import org.vlmeval.endpoints.EndpointClients;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.JudgeConfig;
import org.vlmeval.endpoints.config.JudgeTask;
import org.vlmeval.images.ImageRef;
import org.vlmeval.journal.PostgresObjectsCache;
import org.vlmeval.judges.CachedObjects;
import org.vlmeval.judges.Judge;
import org.vlmeval.judges.JudgeErrorKind;
import org.vlmeval.judges.JudgeOutcome;
import org.vlmeval.judges.Judgement;
import org.vlmeval.judges.LruObjectsCache;
import org.vlmeval.judges.ObjectsRequest;
import org.vlmeval.judges.SkipReason;
import org.vlmeval.model.CallResult;
import org.vlmeval.model.EvalRequest;
import org.vlmeval.model.InvalidInputException;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.JudgementRow;
import org.vlmeval.store.StoreOptions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One objects judge as an async operator (uid {@code judge-objects-<name>}): for an answer whose
 * request lists no {@code objects}, the judge lists the objects it sees in the request's image, and
 * the answer is then judged for hallucinations against that list ({@code objects_source =
 * judge:<name>}, counted apart as {@code judged_hallucinations}).
 *
 * <p><b>Once per image.</b> Lists are kept by the image's content hash and prompt version: in
 * memory (the {@value #MEMORY_CAPACITY} most recently used), in this operator's checkpointed state
 * (so a restore starts with them), and, when the job has a store, in its {@code judged_objects}
 * table (so lists paid for after the last checkpoint, by another subtask, or by an earlier run are
 * found too). Results reach this operator keyed by their image ({@link #imageRoute}), so every
 * answer about one image — from every endpoint, every sample, every request that shows it — comes
 * to one subtask, where concurrent requests for one image share one call.
 *
 * <p>Which answers get a list follows the building blocks ({@link Judge#objects}): the self-judging
 * rule (a judge does not list objects for its own answers, by endpoint and family), the
 * deterministic sample by request id, then the budgets, which skip and never queue. A skip, a judge
 * error (unparseable reply, failed call, unreadable image) or an operator timeout leave the answer
 * without objects (hallucination null): never a made-up list. Everything is a Flink counter under
 * {@code judge=<name>}.
 */
public final class JudgeObjects extends RichAsyncFunction<CallResult, CallResult>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(JudgeObjects.class);

    /** Lists kept in memory (and in checkpoints) per subtask; a list is a few hundred bytes. */
    public static final int MEMORY_CAPACITY = 10_000;

    private final EndpointsConfig endpoints;
    private final String judgeName;
    private final StoreOptions store;

    private transient EndpointClients clients;
    private transient Judge judge;
    private transient LruObjectsCache cache;
    private transient PostgresObjectsCache storeCache;
    private transient List<CachedObjects> restored;
    private transient ListState<CachedObjects> state;
    private transient Counter listed;
    private transient Counter paid;
    private transient Counter reused;
    private transient Counter operatorTimeouts;
    private transient Counter inputTokens;
    private transient Counter outputTokens;
    private transient Map<SkipReason, Counter> skips;
    private transient Map<JudgeErrorKind, Counter> errors;

    /**
     * @param store the store whose {@code judged_objects} table keeps the lists, or null (memory
     *     and checkpoints only)
     */
    public JudgeObjects(EndpointsConfig endpoints, String judgeName, StoreOptions store) {
        this.endpoints = endpoints;
        this.judgeName = judgeName;
        this.store = store;
        JudgeOperators.config(endpoints, judgeName, JudgeTask.OBJECTS);
    }

    /** The objects judges of {@code endpoints}, in the order of the file. */
    public static List<JudgeConfig> objectsJudges(EndpointsConfig endpoints) {
        return JudgeOperators.judgesFor(endpoints, JudgeTask.OBJECTS);
    }

    /**
     * Where a result goes before the objects judges: its image, so that one subtask sees every
     * answer about it. A URL or path as written, inline data by length and hash code (a routing key
     * only: the cache itself is keyed by the bytes' SHA-256). Errored results and requests that
     * have their own objects route by request (they pass straight through).
     */
    public static String imageRoute(CallResult r) throws InvalidInputException {
        if (!r.ok()) {
            return r.question().requestId();
        }
        EvalRequest request = JsonCodec.decodeValidatedRequest(r.question().requestJson());
        ImageRef image = request.image();
        if (request.objects() != null || image == null) {
            return r.question().requestId();
        }
        if (image.url() != null) {
            return image.url();
        }
        if (image.path() != null) {
            return image.path();
        }
        String data = image.data();
        return "data:" + data.length() + ":" + data.hashCode();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        // Union state: after a rescale every subtask gets every list (routes move between
        // subtasks, and a list is small).
        state =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>("judged-objects", CachedObjects.class));
        restored = new ArrayList<>();
        if (context.isRestored()) {
            state.get().forEach(restored::add);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        state.update(cache.snapshot());
    }

    @Override
    public void open(OpenContext openContext) {
        storeCache = openStoreCache();
        cache = new LruObjectsCache(MEMORY_CAPACITY, storeCache);
        if (restored != null) {
            cache.restore(restored);
            restored = null;
        }
        JudgeOperators.Opened opened =
                JudgeOperators.open(
                        endpoints,
                        judgeName,
                        getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(),
                        cache);
        clients = opened.clients();
        judge = opened.judge();
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("judge", judgeName);
        listed = group.counter("objectsListed", new ThreadSafeSimpleCounter());
        paid = group.counter("objectsCalls", new ThreadSafeSimpleCounter());
        reused = group.counter("objectsReused", new ThreadSafeSimpleCounter());
        operatorTimeouts = group.counter("operatorTimeouts", new ThreadSafeSimpleCounter());
        inputTokens = group.counter("inputTokens", new ThreadSafeSimpleCounter());
        outputTokens = group.counter("outputTokens", new ThreadSafeSimpleCounter());
        skips = JudgeOperators.skipCounters(group);
        errors = new EnumMap<>(JudgeErrorKind.class);
        MetricGroup failed = group.addGroup("errors");
        for (JudgeErrorKind k : JudgeErrorKind.values()) {
            errors.put(k, failed.counter(k.jsonName(), new ThreadSafeSimpleCounter()));
        }
    }

    /**
     * The store's cache, or null when there is no store or it cannot be reached now: the lists are
     * then kept in memory and checkpoints only (the cache must never stop the job).
     */
    private PostgresObjectsCache openStoreCache() {
        if (store == null) {
            return null;
        }
        try {
            return PostgresObjectsCache.open(store, System::getenv);
        } catch (RuntimeException e) {
            LOG.warn(
                    "judge {}: the store's judged_objects table is not reachable ({}); objects"
                            + " lists are kept in memory and checkpoints only until a restart",
                    judgeName,
                    e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
        if (storeCache != null) {
            storeCache.close();
        }
    }

    @Override
    public void asyncInvoke(CallResult in, ResultFuture<CallResult> out)
            throws InvalidInputException {
        if (!in.ok() || in.judgedObjects() != null) {
            out.complete(Collections.singleton(in));
            return;
        }
        EvalRequest request = JsonCodec.decodeValidatedRequest(in.question().requestJson());
        if (request.objects() != null || request.image() == null) {
            out.complete(Collections.singleton(in));
            return;
        }
        if (!judge.mayJudge(in.endpoint(), null)) {
            skips.get(SkipReason.SELF_JUDGING).inc();
            out.complete(Collections.singleton(in));
            return;
        }
        judge.objects(
                        new ObjectsRequest(
                                in.question().requestId(),
                                request.image(),
                                in.question().question()))
                .whenComplete(
                        (outcome, bug) ->
                                out.complete(
                                        Collections.singleton(
                                                bug != null ? in : apply(in, outcome))));
    }

    @Override
    public void timeout(CallResult in, ResultFuture<CallResult> out) {
        operatorTimeouts.inc();
        out.complete(Collections.singleton(in));
    }

    private CallResult apply(CallResult in, JudgeOutcome outcome) {
        JudgementRow row =
                JudgementRows.recorded(outcome)
                        ? JudgementRows.of(in, judgeName, JudgeTask.OBJECTS, outcome)
                        : null;
        if (!outcome.judged()) {
            skips.get(outcome.skipped()).inc();
            return row == null ? in : in.withJudgement(row, judgeName, null);
        }
        Judgement j = outcome.judgement();
        if (j.reused()) {
            reused.inc();
        } else if (j.errorKind() != JudgeErrorKind.IMAGE_ERROR) {
            paid.inc(); // an image that cannot be read is never sent
        }
        if (j.inputTokens() != null) {
            inputTokens.inc(j.inputTokens());
        }
        if (j.outputTokens() != null) {
            outputTokens.inc(j.outputTokens());
        }
        if (!j.ok()) {
            errors.get(j.errorKind()).inc();
            return in.withJudgement(row, judgeName, null);
        }
        listed.inc();
        return in.withJudgement(row, judgeName, j.objects());
    }
}
