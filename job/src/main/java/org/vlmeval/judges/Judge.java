package org.vlmeval.judges;

import org.vlmeval.endpoints.EndpointClient;
import org.vlmeval.endpoints.EndpointClients;
import org.vlmeval.endpoints.ModelAnswer;
import org.vlmeval.endpoints.ModelQuestion;
import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.JudgeConfig;
import org.vlmeval.endpoints.config.JudgeTask;
import org.vlmeval.endpoints.config.ModelFamily;
import org.vlmeval.endpoints.config.PromptLanguage;
import org.vlmeval.images.ImageLimits;
import org.vlmeval.images.ImageRef;
import org.vlmeval.images.LoadedImage;

import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One configured judge: decides whether to judge (self-judging rule, deterministic sample, budgets
 * — in that order, so that a skipped request spends nothing), builds the prompt, asks the judge
 * endpoint through its {@link EndpointClient} (retries, breaker, pacing), and parses the reply into
 * a {@link Judgement}. Objects lists are cached by image content (an image URL or path loaded a
 * moment ago is not loaded again to find its list: {@link RecentImageSources}), and concurrent
 * requests for one image share one call. Never completes exceptionally. Thread-safe.
 */
public final class Judge {

    private final JudgeConfig config;
    private final EndpointsConfig endpoints;
    private final EndpointConfig endpoint;
    private final EndpointClients clients;
    private final EndpointClient client;
    private final ObjectsCache cache;
    private final SelfJudgingRule selfJudging;
    private final SlidingWindowBudget calls;
    private final SlidingWindowBudget cost;
    private final Map<ObjectsCache.Key, CompletableFuture<Judgement>> inFlight =
            new ConcurrentHashMap<>();
    private final RecentImageSources sources;
    private final LongAdder callCount = new LongAdder();
    private final LongAdder reusedCount = new LongAdder();
    private final Map<SkipReason, LongAdder> skips = new EnumMap<>(SkipReason.class);
    private final Map<JudgeErrorKind, LongAdder> errors = new EnumMap<>(JudgeErrorKind.class);
    private final LongAdder settledCalls = new LongAdder();
    private volatile double settledCost;

    private Judge(
            JudgeConfig config,
            EndpointsConfig endpoints,
            EndpointClients clients,
            ObjectsCache cache,
            InstantSource clock) {
        this.config = config;
        this.endpoints = endpoints;
        this.endpoint =
                endpoints
                        .endpoint(config.endpoint())
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no endpoint " + config.endpoint()));
        this.clients = clients;
        this.client = clients.client(config.endpoint());
        this.cache = Objects.requireNonNull(cache, "cache");
        this.sources = new RecentImageSources(clock);
        this.selfJudging = new SelfJudgingRule(config, endpoint);
        this.calls =
                config.maxCallsPerMinute() == null
                        ? null
                        : new SlidingWindowBudget(
                                config.maxCallsPerMinute(), Duration.ofMinutes(1), clock);
        this.cost =
                config.maxCostPerHour() == null
                        ? null
                        : new SlidingWindowBudget(
                                config.maxCostPerHour(), Duration.ofHours(1), clock);
        for (SkipReason r : SkipReason.values()) {
            skips.put(r, new LongAdder());
        }
        for (JudgeErrorKind k : JudgeErrorKind.values()) {
            errors.put(k, new LongAdder());
        }
    }

    /**
     * @param config one of {@code endpoints.judges()}
     * @param clients clients of {@code endpoints}; the judge calls its endpoint's client
     * @param cache where objects lists are kept (shared by judges: keys name the judge)
     * @param clock for the budgets' windows
     * @throws IllegalArgumentException when a prompt resource of the judge's version is missing
     */
    public static Judge create(
            JudgeConfig config,
            EndpointsConfig endpoints,
            EndpointClients clients,
            ObjectsCache cache,
            InstantSource clock) {
        for (JudgeTask task : config.tasks()) {
            for (PromptLanguage language : List.of(PromptLanguage.EN, PromptLanguage.ZH)) {
                JudgePrompt.load(task, config.promptVersion(), language);
            }
        }
        return new Judge(config, endpoints, clients, cache, clock);
    }

    public String name() {
        return config.name();
    }

    public JudgeConfig config() {
        return config;
    }

    /** Whether this judge may grade answers of {@code answerEndpoint}; also for objects lists. */
    public boolean mayJudge(String answerEndpoint, ModelFamily answerFamily) {
        return selfJudging.allows(
                answerEndpoint, answerFamily == null ? familyOf(answerEndpoint) : answerFamily);
    }

    /** Grades one answer: correct, incorrect or unsure, with the judge's rationale. */
    public CompletableFuture<JudgeOutcome> grade(GradeRequest request) {
        requireTask(JudgeTask.GRADE);
        if (!mayJudge(request.answerEndpoint(), request.answerFamily())) {
            return skipped(SkipReason.SELF_JUDGING);
        }
        if (!JudgeSampler.sampled(request.requestId(), config.name(), config.sampleRate())) {
            return skipped(SkipReason.NOT_SAMPLED);
        }
        JudgePrompt prompt = prompt(JudgeTask.GRADE, request.question());
        Admission admission = admit();
        if (admission.skip != null) {
            return skipped(admission.skip);
        }
        Judgement.Subject who =
                subject(
                        JudgeTask.GRADE,
                        request.requestId(),
                        request.answerEndpoint(),
                        null,
                        prompt.id());
        // One call per answer graded: its id names the answer (a recorded judge plays back the
        // line of that answer; logs tell the calls apart).
        return client.ask(
                        new ModelQuestion(
                                request.requestId() + "/" + request.answerEndpoint(),
                                request.image(),
                                prompt.render(request.question(), request.answer())))
                .thenApply(answer -> JudgeOutcome.of(judgement(who, admission, answer)));
    }

    /**
     * Lists the objects in the request's image; a list judged before for the same image bytes (by
     * this judge and prompt) is reused for free.
     */
    public CompletableFuture<JudgeOutcome> objects(ObjectsRequest request) {
        requireTask(JudgeTask.OBJECTS);
        if (!JudgeSampler.sampled(request.requestId(), config.name(), config.sampleRate())) {
            return skipped(SkipReason.NOT_SAMPLED);
        }
        JudgePrompt prompt = prompt(JudgeTask.OBJECTS, request.question());
        // A URL or path loaded a moment ago whose list is in memory: no download to find it.
        String source = RecentImageSources.sourceOf(request.image());
        String recentKey = sources.recentKey(source);
        if (recentKey != null) {
            var cached = cache.peek(new ObjectsCache.Key(recentKey, config.name(), prompt.id()));
            if (cached.isPresent()) {
                return reused(cached.get(), request);
            }
        }
        // Loaded once here: hashed, then sent inline, so the client does not fetch it again.
        ImageLimits limits = new ImageLimits(endpoint.maxImageBytes(), null);
        return clients.loadImage(request.image(), limits, endpoint.timeout())
                .handle(
                        (image, failure) ->
                                failure != null
                                        ? CompletableFuture.completedFuture(
                                                JudgeOutcome.of(
                                                        imageError(request, prompt, failure)))
                                        : objectsOf(request, prompt, image))
                .thenCompose(f -> f);
    }

    /** What this judge did so far. */
    public JudgeCounts counts() {
        Map<SkipReason, Long> s = new EnumMap<>(SkipReason.class);
        skips.forEach((k, v) -> s.put(k, v.sum()));
        Map<JudgeErrorKind, Long> e = new EnumMap<>(JudgeErrorKind.class);
        errors.forEach((k, v) -> e.put(k, v.sum()));
        return new JudgeCounts(callCount.sum(), reusedCount.sum(), s, e);
    }

    // ---- objects ---------------------------------------------------------------------------

    private CompletableFuture<JudgeOutcome> objectsOf(
            ObjectsRequest request, JudgePrompt prompt, LoadedImage image) {
        String imageKey = ImageKeys.sha256(image.bytes());
        sources.loaded(RecentImageSources.sourceOf(request.image()), imageKey);
        ObjectsCache.Key key = new ObjectsCache.Key(imageKey, config.name(), prompt.id());
        var cached = cache.get(key);
        if (cached.isPresent()) {
            return reused(cached.get(), request);
        }
        CompletableFuture<Judgement> mine = new CompletableFuture<>();
        CompletableFuture<Judgement> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            // Another request is paying for this image right now: share its answer.
            return running.thenCompose(j -> shared(j, request, prompt, image));
        }
        // A call that finished between the miss above and the claim has put its list (before it
        // released the claim), so look again: without this, a slow store lookup above lets a
        // second call for the same image through.
        var justPut = cache.peek(key);
        if (justPut.isPresent()) {
            release(key, mine, justPut.get());
            return reused(justPut.get(), request);
        }
        Admission admission = admit();
        if (admission.skip != null) {
            release(key, mine, null); // waiters decide for themselves
            return skipped(admission.skip);
        }
        Judgement.Subject who =
                subject(JudgeTask.OBJECTS, request.requestId(), null, imageKey, prompt.id());
        ImageRef inline = ImageRef.ofData(image.base64(), image.mime());
        CompletableFuture<JudgeOutcome> outcome =
                client.ask(
                                new ModelQuestion(
                                        request.requestId(),
                                        inline,
                                        prompt.render(request.question(), "")))
                        .thenApply(
                                answer -> {
                                    Judgement j = judgement(who, admission, answer);
                                    if (j.ok()) {
                                        cache.put(key, j);
                                    }
                                    // Released before this request's outcome completes, so
                                    // whoever sees the outcome sees the claim gone.
                                    release(key, mine, j);
                                    return JudgeOutcome.of(j);
                                });
        // Whatever happens (a bug included), waiters must not wait forever.
        outcome.whenComplete(
                (o, bug) -> {
                    if (bug != null) {
                        release(key, mine, null);
                    }
                });
        return outcome;
    }

    /** Ends a claim on an image's call: waiters get {@code paid} (null: decide for themselves). */
    private void release(ObjectsCache.Key key, CompletableFuture<Judgement> mine, Judgement paid) {
        inFlight.remove(key, mine);
        mine.complete(paid);
    }

    /** A judgement another request's call produced for the same image. */
    private CompletableFuture<JudgeOutcome> shared(
            Judgement paid, ObjectsRequest request, JudgePrompt prompt, LoadedImage image) {
        if (paid == null) {
            return objectsOf(request, prompt, image);
        }
        if (!paid.ok()) {
            errors.get(paid.errorKind()).increment();
            return CompletableFuture.completedFuture(
                    JudgeOutcome.of(paid.sharedWith(request.requestId())));
        }
        return reused(paid, request);
    }

    /** A list paid for before (or by another request), given to this request for free. */
    private CompletableFuture<JudgeOutcome> reused(Judgement list, ObjectsRequest request) {
        reusedCount.increment();
        return CompletableFuture.completedFuture(
                JudgeOutcome.of(list.sharedWith(request.requestId())));
    }

    private Judgement imageError(ObjectsRequest request, JudgePrompt prompt, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        errors.get(JudgeErrorKind.IMAGE_ERROR).increment();
        Judgement.Subject who =
                subject(JudgeTask.OBJECTS, request.requestId(), null, null, prompt.id());
        return Judgement.error(
                who,
                JudgeErrorKind.IMAGE_ERROR,
                null,
                String.valueOf(cause.getMessage()),
                Judgement.Usage.NONE);
    }

    private Judgement.Subject subject(
            JudgeTask task,
            String requestId,
            String answerEndpoint,
            String imageKey,
            String prompt) {
        return new Judgement.Subject(
                config.name(), task, requestId, answerEndpoint, imageKey, prompt);
    }

    // ---- judgements from answers -----------------------------------------------------------

    /** The judgement the judge endpoint's answer gives: a result, or a classified error. */
    private Judgement judgement(Judgement.Subject who, Admission admission, ModelAnswer answer) {
        Judgement.Usage usage =
                new Judgement.Usage(
                        answer.latencyMs(),
                        answer.inputTokens(),
                        answer.outputTokens(),
                        settle(admission, answer));
        Judgement j;
        if (!answer.ok()) {
            j =
                    Judgement.error(
                            who,
                            JudgeErrorKind.CALL_FAILED,
                            answer.error().kind().jsonName(),
                            answer.error().message(),
                            usage);
        } else {
            j = parse(who, answer, usage);
        }
        if (!j.ok()) {
            errors.get(j.errorKind()).increment();
        }
        return j;
    }

    private static Judgement parse(
            Judgement.Subject who, ModelAnswer answer, Judgement.Usage usage) {
        try {
            if (who.task() == JudgeTask.GRADE) {
                JudgeReplyParser.Grade g =
                        JudgeReplyParser.grade(answer.text(), answer.finishReason());
                return Judgement.result(who, g.verdict(), null, g.rationale(), usage, false);
            }
            JudgeReplyParser.Objects o =
                    JudgeReplyParser.objects(answer.text(), answer.finishReason());
            return Judgement.result(who, null, o.objects(), o.rationale(), usage, false);
        } catch (JudgeReplyException e) {
            return Judgement.error(who, e.kind(), null, e.getMessage(), usage);
        }
    }

    // ---- admission and budgets -------------------------------------------------------------

    /** An admitted call's charges, or the reason it was not admitted. */
    private record Admission(SlidingWindowBudget.Charge cost, SkipReason skip) {}

    private Admission admit() {
        SlidingWindowBudget.Charge callCharge = null;
        if (calls != null) {
            callCharge = calls.tryCharge(1);
            if (callCharge == null) {
                skips.get(SkipReason.BUDGET_CALLS).increment();
                return new Admission(null, SkipReason.BUDGET_CALLS);
            }
        }
        SlidingWindowBudget.Charge costCharge = null;
        if (cost != null) {
            // Before the first settled call the estimate is 0: the first calls in flight can
            // overshoot by at most max_concurrency calls' cost.
            costCharge = cost.tryCharge(estimatedCost());
            if (costCharge == null) {
                if (callCharge != null) {
                    callCharge.settle(0); // not made, so not counted against the calls
                }
                skips.get(SkipReason.BUDGET_COST).increment();
                return new Admission(null, SkipReason.BUDGET_COST);
            }
        }
        callCount.increment();
        return new Admission(costCharge, null);
    }

    /** The call's cost, also settled against the cost budget (the estimate stands when unknown). */
    private Double settle(Admission admission, ModelAnswer answer) {
        Double price = answer.cost(endpoint);
        if (price != null) {
            synchronized (this) {
                settledCost += price;
                settledCalls.increment();
            }
            if (admission.cost != null) {
                admission.cost.settle(price);
            }
        }
        return price;
    }

    private synchronized double estimatedCost() {
        long n = settledCalls.sum();
        return n == 0 ? 0 : settledCost / n;
    }

    private CompletableFuture<JudgeOutcome> skipped(SkipReason reason) {
        if (reason == SkipReason.SELF_JUDGING || reason == SkipReason.NOT_SAMPLED) {
            skips.get(reason).increment();
        }
        return CompletableFuture.completedFuture(JudgeOutcome.skip(reason));
    }

    private JudgePrompt prompt(JudgeTask task, String question) {
        return JudgePrompt.load(
                task, config.promptVersion(), JudgePrompt.languageFor(config.language(), question));
    }

    private ModelFamily familyOf(String endpointName) {
        return endpoints.endpoint(endpointName).map(EndpointConfig::family).orElse(null);
    }

    private void requireTask(JudgeTask task) {
        if (!config.does(task)) {
            throw new IllegalStateException(
                    "judge '" + config.name() + "' is not configured for task " + task.yamlName());
        }
    }
}
