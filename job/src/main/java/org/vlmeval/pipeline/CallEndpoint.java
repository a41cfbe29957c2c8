package org.vlmeval.pipeline;

import org.vlmeval.endpoints.EndpointClient;
import org.vlmeval.endpoints.EndpointClients;
import org.vlmeval.endpoints.ErrorKind;
import org.vlmeval.endpoints.ModelAnswer;
import org.vlmeval.endpoints.ModelQuestion;
import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.ImagesConfig;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.journal.JournalBackend;
import org.vlmeval.journal.JournalEntry;
import org.vlmeval.journal.JournalKey;
import org.vlmeval.journal.JournalRefusedException;
import org.vlmeval.journal.JournalRule;
import org.vlmeval.journal.PromptFingerprint;
import org.vlmeval.journal.ResponseJournal;
import org.vlmeval.model.CallResult;
import org.vlmeval.model.EvalRequest;
import org.vlmeval.model.InvalidInputException;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.Question;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Asks one endpoint one question per element, asynchronously. One instance per endpoint and
 * subtask: each endpoint has its own async operator (capacity = its {@code max_concurrency}), so a
 * slow or dead model fills only its own slots.
 *
 * <p>Retries, backoff, pacing and the circuit breaker live in {@link EndpointClient}, inside the
 * future this function waits for, because Flink's {@code AsyncRetryStrategy} is switched off when a
 * bounded input ends and a call waiting for its retry would then fail the job. Every call ends in
 * exactly one {@link CallResult}: an answer, or a classified error; this function never fails the
 * job for a model's sake. API keys are read from the TaskManager's environment in {@link #open}, so
 * they are never part of the serialized job graph.
 */
public final class CallEndpoint extends RichAsyncFunction<Question, CallResult> {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(CallEndpoint.class);

    private final EndpointConfig endpoint;
    private final ImagesConfig images;
    private final String source;
    private final JournalBackend journalBackend;
    private final String run;
    private final boolean retryJournalledErrors;

    private transient EndpointClients clients;
    private transient EndpointClient client;
    private transient Counter calls;
    private transient Counter answered;
    private transient Counter errors;
    private transient Counter operatorTimeouts;
    private transient Counter retries;
    private transient Counter inputTokens;
    private transient Counter outputTokens;
    private transient Histogram latency;
    private transient MetricGroup errorsByKind;
    private transient java.util.Map<String, Counter> errorCounters;
    private transient ResponseJournal journal;
    private transient Counter reused;
    private transient Counter journalFailures;

    /**
     * Calls not yet settled. The client's answer and the operator's timeout race for a call;
     * whichever removes it here counts it and completes it, the other does nothing, so no call is
     * counted twice.
     */
    private transient java.util.Set<ResultFuture<CallResult>> pending;

    public CallEndpoint(EndpointsConfig config, String endpointName) {
        this(config, endpointName, null, false, null);
    }

    /**
     * As {@link #CallEndpoint(EndpointsConfig, String)}, with the response journal kept in {@code
     * journal} (null for none): a journalled outcome of the same call is reused instead of paying
     * for it again (see {@link org.vlmeval.journal}). With {@code retryJournalledErrors} a
     * journalled error is not reused but asked again, and its new outcome replaces it in the
     * journal (journalled answers are still reused). {@code run} is the run every event is assigned
     * to, or null when events keep their own: a journal that holds its entries in memory (the Kafka
     * journal) then holds every run's, otherwise only that run's.
     */
    public CallEndpoint(
            EndpointsConfig config,
            String endpointName,
            JournalBackend journal,
            boolean retryJournalledErrors,
            String run) {
        this.journalBackend = journal;
        this.retryJournalledErrors = retryJournalledErrors;
        this.run = run;
        this.endpoint =
                config.endpoint(endpointName)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no endpoint named '" + endpointName + "'"));
        this.images = config.images();
        this.source = config.source();
    }

    /**
     * How long the operator waits before it gives up on a call: the client's own deadline plus a
     * margin, so that the client's classified timeout normally wins and this one only catches a
     * call that never completes.
     */
    public static Duration operatorTimeout(EndpointConfig endpoint) {
        return endpoint.timeout().plus(Duration.ofSeconds(30));
    }

    /**
     * The share of one subtask: {@code max_concurrency}, {@code requests_per_minute} and {@code
     * tokens_per_minute} are the endpoint's totals over the job, so each of {@code subtasks}
     * clients gets its part (rounded up, at least 1).
     */
    static EndpointConfig perSubtask(EndpointConfig endpoint, int subtasks) {
        if (subtasks <= 1) {
            return endpoint;
        }
        return endpoint.toBuilder()
                .maxConcurrency(ceilDiv(endpoint.maxConcurrency(), subtasks))
                .requestsPerMinute(
                        endpoint.requestsPerMinute() == null
                                ? null
                                : ceilDiv(endpoint.requestsPerMinute(), subtasks))
                .tokensPerMinute(
                        endpoint.tokensPerMinute() == null
                                ? null
                                : ceilDiv(endpoint.tokensPerMinute(), subtasks))
                .build();
    }

    static int ceilDiv(int total, int parts) {
        return Math.max(1, (total + parts - 1) / parts);
    }

    @Override
    public void open(OpenContext openContext) {
        int subtasks = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        pending = java.util.concurrent.ConcurrentHashMap.newKeySet();
        clients =
                EndpointClients.create(
                        new EndpointsConfig(
                                source, List.of(perSubtask(endpoint, subtasks)), images),
                        System.getenv());
        client = clients.client(endpoint.name());
        MetricGroup group =
                getRuntimeContext().getMetricGroup().addGroup("endpoint", endpoint.name());
        calls = group.counter("calls", new ThreadSafeSimpleCounter());
        answered = group.counter("answered", new ThreadSafeSimpleCounter());
        errors = group.counter("errors", new ThreadSafeSimpleCounter());
        operatorTimeouts = group.counter("operatorTimeouts", new ThreadSafeSimpleCounter());
        retries = group.counter("retries", new ThreadSafeSimpleCounter());
        inputTokens = group.counter("inputTokens", new ThreadSafeSimpleCounter());
        outputTokens = group.counter("outputTokens", new ThreadSafeSimpleCounter());
        // Call latency over the last 1,000 calls (p50/p95/p99 in the Prometheus summary).
        latency = group.histogram("latencyMs", new DescriptiveStatisticsHistogram(1000));
        errorsByKind = group;
        errorCounters = new java.util.concurrent.ConcurrentHashMap<>();
        reused = group.counter("reused", new ThreadSafeSimpleCounter());
        journalFailures = group.counter("journalFailures", new ThreadSafeSimpleCounter());
        journal = openJournal();
        group.gauge("inFlight", () -> client.inFlight());
        group.gauge("circuitOpen", () -> client.circuitState().name().equals("OPEN") ? 1 : 0);
        // 0 closed, 1 half-open, 2 open: one series that shows the breaker's whole cycle.
        group.gauge(
                "circuitState",
                () ->
                        switch (client.circuitState().name()) {
                            case "OPEN" -> 2;
                            case "HALF_OPEN" -> 1;
                            default -> 0;
                        });
    }

    @Override
    public void asyncInvoke(Question q, ResultFuture<CallResult> result) {
        calls.inc();
        LocalProgress.CALLS_STARTED.increment();
        pending.add(result);
        EvalRequest request;
        try {
            request = JsonCodec.decodeValidatedRequest(q.requestJson());
        } catch (InvalidInputException e) {
            // Cannot happen for JSON the parser validated; an answer keeps the job running anyway.
            settle(result, () -> failed(q, ErrorKind.CLIENT_ERROR, e.getMessage(), 0, 0));
            return;
        }
        ModelQuestion question =
                new ModelQuestion(q.requestId(), request.image(), q.question(), q.sample());
        if (journal == null) {
            call(q, question, result, null);
            return;
        }
        // The journal's own thread looks the outcome up; this thread never waits for it.
        JournalKey key =
                new JournalKey(
                        q.run(),
                        q.requestId(),
                        endpoint.name(),
                        q.sample(),
                        PromptFingerprint.of(endpoint, q.question(), request.image()));
        journal.lookup(key)
                .whenComplete(
                        (found, failure) -> {
                            if (failure != null) {
                                journalFailures.inc();
                            }
                            if (found != null && found.isPresent()) {
                                settle(result, () -> found.get().reusedFor(q, endpoint.name()));
                            } else if (pending.contains(result)) {
                                // (Not when the operator's timeout has settled it meanwhile.)
                                call(q, question, result, key);
                            }
                        });
    }

    /**
     * Calls the model; with a journal, journals a repeatable outcome and passes it on only once it
     * is durable (or its write failed: the outcome is passed on anyway and the failure counted).
     */
    private void call(
            Question q, ModelQuestion question, ResultFuture<CallResult> result, JournalKey key) {
        client.ask(question)
                .whenComplete(
                        (answer, neverThrown) -> {
                            if (answer == null) {
                                settle(
                                        result,
                                        () ->
                                                failed(
                                                        q,
                                                        ErrorKind.CLIENT_ERROR,
                                                        String.valueOf(neverThrown),
                                                        0,
                                                        0));
                                return;
                            }
                            CallResult r = toResult(q, answer);
                            if (key == null || !JournalRule.journalled(r)) {
                                settle(result, () -> r);
                                return;
                            }
                            journal.append(key, JournalEntry.of(r))
                                    .whenComplete(
                                            (durable, failure) -> {
                                                if (failure != null) {
                                                    journalFailures.inc();
                                                }
                                                settle(result, () -> r);
                                            });
                        });
    }

    /**
     * Counts and completes a call once: the first of its outcome and its timeout wins. The metrics
     * are counted here, for the outcome that is passed on.
     */
    private void settle(
            ResultFuture<CallResult> result, java.util.function.Supplier<CallResult> outcome) {
        if (pending.remove(result)) {
            LocalProgress.CALLS_DONE.increment();
            CallResult r = outcome.get();
            count(r);
            result.complete(List.of(r));
        }
    }

    private void count(CallResult r) {
        if (r.reused()) {
            // Not paid for now: no latency, retries or tokens of this call.
            reused.inc();
        } else {
            synchronized (latency) {
                latency.update(r.latencyMs());
            }
            if (r.attempts() > 1) {
                retries.inc(r.attempts() - 1L);
            }
            if (r.inputTokens() != null) {
                inputTokens.inc(r.inputTokens());
            }
            if (r.outputTokens() != null) {
                outputTokens.inc(r.outputTokens());
            }
        }
        if (r.ok()) {
            answered.inc();
            return;
        }
        errors.inc();
        errorCounters
                .computeIfAbsent(
                        r.errorKind(),
                        // A key-value group: Prometheus gets an error_kind label per kind.
                        k ->
                                errorsByKind
                                        .addGroup("error_kind", k)
                                        .counter("errorsByKind", new ThreadSafeSimpleCounter()))
                .inc();
    }

    @Override
    public void timeout(Question q, ResultFuture<CallResult> result) {
        settle(
                result,
                () -> {
                    operatorTimeouts.inc();
                    return failed(
                            q,
                            ErrorKind.TIMEOUT,
                            "no answer within "
                                    + operatorTimeout(endpoint).toSeconds()
                                    + " s (operator timeout)",
                            operatorTimeout(endpoint).toMillis(),
                            1);
                });
    }

    /**
     * The journal, or null: none configured, a recorded endpoint (nothing is paid), or the database
     * unreachable now (then this subtask calls without a journal until it restarts).
     */
    private ResponseJournal openJournal() {
        if (journalBackend == null || endpoint.protocol() == Protocol.RECORDED) {
            return null;
        }
        String owner =
                endpoint.name() + "-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        try {
            return journalBackend.open(
                    new JournalBackend.JournalScope(
                            endpoint.name(), run, retryJournalledErrors, owner));
        } catch (JournalRefusedException e) {
            // A misconfigured journal does not heal by itself: fail rather than pay unnoticed.
            throw e;
        } catch (RuntimeException e) {
            journalFailures.inc();
            LOG.warn(
                    "endpoint {}: no response journal, its backend is unreachable: {}",
                    endpoint.name(),
                    e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
        if (journal != null) {
            journal.close();
        }
    }

    private CallResult toResult(Question q, ModelAnswer a) {
        if (a.ok()) {
            return new CallResult(
                    q,
                    endpoint.name(),
                    endpoint.model(),
                    a.text(),
                    a.finishReason(),
                    null,
                    null,
                    a.latencyMs(),
                    a.inputTokens(),
                    a.outputTokens(),
                    a.cost(endpoint),
                    a.attempts());
        }
        // A failed call's tokens, if any, are not reported in its row; the metrics count them.
        return new CallResult(
                q,
                endpoint.name(),
                endpoint.model(),
                null,
                null,
                a.error().kind().jsonName(),
                a.error().message(),
                a.latencyMs(),
                null,
                null,
                null,
                a.attempts());
    }

    private CallResult failed(
            Question q, ErrorKind kind, String message, long latencyMs, int attempts) {
        return new CallResult(
                q,
                endpoint.name(),
                endpoint.model(),
                null,
                null,
                kind.jsonName(),
                message,
                latencyMs,
                null,
                null,
                null,
                attempts);
    }

    /** The endpoint this instance calls. */
    @Override
    public String toString() {
        return "CallEndpoint[" + endpoint.name() + "]";
    }
}
