package org.vlmeval.endpoints;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.endpoints.resilience.AsyncPermits;
import org.vlmeval.endpoints.resilience.Backoff;
import org.vlmeval.endpoints.resilience.CircuitBreaker;
import org.vlmeval.endpoints.resilience.Pacer;
import org.vlmeval.endpoints.wire.WireFormat;
import org.vlmeval.images.ImageLoader;

import okhttp3.OkHttpClient;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks one model endpoint questions, at most {@code max_concurrency} at a time (the rest wait in a
 * queue without holding threads), paced to its rate limits, retried on transient failures within
 * one deadline per call, and behind a circuit breaker. Obtain instances from {@link
 * EndpointClients}.
 */
public final class EndpointClient {

    private final EndpointConfig config;
    private final ApiKey apiKey;
    private final Shared shared;
    private final AsyncPermits permits;
    private final Pacer pacer;
    private final CircuitBreaker breaker;
    private final Backoff backoff;
    private final WireFormat wire;
    private final Recordings recordings;
    private final PromptAssembler prompts;
    private final Set<CompletableFuture<ModelAnswer>> active = ConcurrentHashMap.newKeySet();

    /** What all clients of one {@link EndpointClients} share. */
    record Shared(
            OkHttpClient http,
            ImageLoader images,
            Executor imageExecutor,
            ClientRuntime runtime,
            AtomicBoolean closed) {}

    EndpointClient(EndpointConfig config, ApiKey apiKey, Shared shared) {
        this.config = config;
        this.apiKey = apiKey;
        this.shared = shared;
        Clock clock = shared.runtime().clock();
        this.permits = new AsyncPermits(config.maxConcurrency(), shared.runtime().scheduler());
        this.pacer = new Pacer(config.requestsPerMinute(), config.tokensPerMinute(), clock);
        this.breaker =
                new CircuitBreaker(
                        config.circuitFailureThreshold(), config.circuitCoolDown(), clock);
        this.backoff =
                new Backoff(
                        config.retryBaseDelay(), config.retryMaxDelay(), shared.runtime().random());
        boolean recorded = config.protocol() == Protocol.RECORDED;
        this.wire = recorded ? null : WireFormat.of(config.protocol());
        this.recordings =
                recorded ? Recordings.load(Path.of(config.recordings()), config.name()) : null;
        this.prompts = new PromptAssembler(config);
    }

    /**
     * Asks one question. The future always completes normally: failures are answers whose {@link
     * ModelAnswer#error()} says what went wrong. Cancelling or completing the returned future (e.g.
     * an async operator's timeout) does not stop the call, which keeps its concurrency slot until
     * it ends, at the latest at its deadline.
     */
    public CompletableFuture<ModelAnswer> ask(ModelQuestion question) {
        Objects.requireNonNull(question, "question");
        if (recordings != null) {
            // Played back at once: no network, no slot, no pacing; the recorded latency stands.
            return CompletableFuture.completedFuture(
                    closed()
                            ? closedAnswer()
                            : recordings.answer(
                                    config.name(), question.requestId(), question.sample()));
        }
        CompletableFuture<ModelAnswer> answer = new CompletableFuture<>();
        if (closed()) {
            answer.complete(closedAnswer());
            return answer;
        }
        permits.acquire()
                .whenComplete(
                        (granted, refused) -> {
                            if (refused != null) {
                                answer.complete(closedAnswer());
                                return;
                            }
                            active.add(answer);
                            answer.whenComplete(
                                    (done, neverThrown) -> {
                                        active.remove(answer);
                                        permits.release();
                                    });
                            // After registering: either close() sees this call or it sees closed.
                            if (closed()) {
                                answer.complete(closedAnswer());
                                return;
                            }
                            new ModelCall(this, question, answer).start();
                        });
        // The slot is released when the call ends, not when the caller stops waiting: hand out a
        // copy, so that the caller cannot complete the future the permit hangs on.
        return answer.copy();
    }

    public String name() {
        return config.name();
    }

    public EndpointConfig config() {
        return config;
    }

    /** Calls holding a concurrency slot right now. */
    public int inFlight() {
        return permits.inUse();
    }

    public CircuitBreaker.State circuitState() {
        return breaker.state();
    }

    @Override
    public String toString() {
        return "EndpointClient["
                + config.name()
                + ", "
                + config.protocol().yamlName()
                + " "
                + config.chatUrl()
                + ", model "
                + config.model()
                + (apiKey == null ? "" : ", key " + apiKey)
                + "]";
    }

    /** Fails the calls still waiting for a slot; part of {@link EndpointClients#close()}. */
    void rejectWaiting() {
        permits.rejectWaiting();
    }

    /**
     * Answers the calls that hold a slot, wherever they are: waiting for a retry or a paced send on
     * a scheduler that was shut down, or loading an image on an interrupted thread. Part of {@link
     * EndpointClients#close()}, after the threads were stopped.
     */
    void abandonActive() {
        for (CompletableFuture<ModelAnswer> answer : List.copyOf(active)) {
            answer.complete(closedAnswer());
        }
    }

    boolean closed() {
        return shared.closed().get();
    }

    ModelAnswer closedAnswer() {
        return ModelAnswer.failure(
                config.name(),
                new AnswerError(ErrorKind.CONNECT_FAILED, "endpoint clients were closed"),
                0,
                null,
                0);
    }

    String redact(String text) {
        return apiKey == null ? text : apiKey.redact(text);
    }

    ApiKey apiKey() {
        return apiKey;
    }

    OkHttpClient http() {
        return shared.http();
    }

    ImageLoader images() {
        return shared.images();
    }

    Executor imageExecutor() {
        return shared.imageExecutor();
    }

    Clock clock() {
        return shared.runtime().clock();
    }

    ScheduledExecutorService scheduler() {
        return shared.runtime().scheduler();
    }

    Pacer pacer() {
        return pacer;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    Backoff backoff() {
        return backoff;
    }

    WireFormat wire() {
        return wire;
    }

    PromptAssembler prompts() {
        return prompts;
    }
}
