package org.vlmeval.pipeline;

import org.vlmeval.endpoints.EndpointClient;
import org.vlmeval.endpoints.EndpointClients;
import org.vlmeval.endpoints.ErrorKind;
import org.vlmeval.endpoints.ModelAnswer;
import org.vlmeval.endpoints.ModelQuestion;
import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.ImagesConfig;
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

    private final EndpointConfig endpoint;
    private final ImagesConfig images;
    private final String source;

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

    /**
     * Calls not yet settled. The client's answer and the operator's timeout race for a call;
     * whichever removes it here counts it and completes it, the other does nothing, so no call is
     * counted twice.
     */
    private transient java.util.Set<ResultFuture<CallResult>> pending;

    public CallEndpoint(EndpointsConfig config, String endpointName) {
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
        client.ask(new ModelQuestion(q.requestId(), request.image(), q.question()))
                .whenComplete(
                        (answer, neverThrown) ->
                                settle(
                                        result,
                                        () ->
                                                answer == null
                                                        ? failed(
                                                                q,
                                                                ErrorKind.CLIENT_ERROR,
                                                                String.valueOf(neverThrown),
                                                                0,
                                                                0)
                                                        : toResult(q, answer)));
    }

    /** Counts and completes a call once: the first of its answer and its timeout wins. */
    private void settle(
            ResultFuture<CallResult> result, java.util.function.Supplier<CallResult> outcome) {
        if (pending.remove(result)) {
            LocalProgress.CALLS_DONE.increment();
            result.complete(List.of(outcome.get()));
        }
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

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
    }

    private CallResult toResult(Question q, ModelAnswer a) {
        synchronized (latency) {
            latency.update(a.latencyMs());
        }
        if (a.attempts() > 1) {
            retries.inc(a.attempts() - 1L);
        }
        if (a.inputTokens() != null) {
            inputTokens.inc(a.inputTokens());
        }
        if (a.outputTokens() != null) {
            outputTokens.inc(a.outputTokens());
        }
        if (a.ok()) {
            answered.inc();
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
        return failed(q, a.error().kind(), a.error().message(), a.latencyMs(), a.attempts());
    }

    private CallResult failed(
            Question q, ErrorKind kind, String message, long latencyMs, int attempts) {
        errors.inc();
        errorCounters
                .computeIfAbsent(
                        kind.jsonName(),
                        // A key-value group: Prometheus gets an error_kind label per kind.
                        k ->
                                errorsByKind
                                        .addGroup("error_kind", k)
                                        .counter("errorsByKind", new ThreadSafeSimpleCounter()))
                .inc();
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
