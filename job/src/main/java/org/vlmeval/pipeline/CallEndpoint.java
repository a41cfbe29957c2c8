package org.vlmeval.pipeline;

import org.vlmeval.endpoints.EndpointClient;
import org.vlmeval.endpoints.EndpointClients;
import org.vlmeval.endpoints.ErrorKind;
import org.vlmeval.endpoints.ModelAnswer;
import org.vlmeval.endpoints.ModelQuestion;
import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.ImagesConfig;
import org.vlmeval.model.EvalRequest;
import org.vlmeval.model.InvalidInputException;
import org.vlmeval.model.JsonCodec;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
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

    @Override
    public void open(OpenContext openContext) {
        clients =
                EndpointClients.create(
                        new EndpointsConfig(source, List.of(endpoint), images), System.getenv());
        client = clients.client(endpoint.name());
        MetricGroup group =
                getRuntimeContext().getMetricGroup().addGroup("endpoint", endpoint.name());
        calls = group.counter("calls");
        answered = group.counter("answered");
        errors = group.counter("errors");
        operatorTimeouts = group.counter("operatorTimeouts");
        retries = group.counter("retries");
        inputTokens = group.counter("inputTokens");
        outputTokens = group.counter("outputTokens");
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
        EvalRequest request;
        try {
            request = JsonCodec.decodeValidatedRequest(q.requestJson());
        } catch (InvalidInputException e) {
            // Cannot happen for JSON the parser validated; an answer keeps the job running anyway.
            LocalProgress.CALLS_DONE.increment();
            result.complete(List.of(failed(q, ErrorKind.CLIENT_ERROR, e.getMessage(), 0, 0)));
            return;
        }
        client.ask(new ModelQuestion(q.requestId(), request.image(), q.question()))
                .whenComplete(
                        (answer, neverThrown) -> {
                            if (answer == null) {
                                LocalProgress.CALLS_DONE.increment();
                                result.complete(
                                        List.of(
                                                failed(
                                                        q,
                                                        ErrorKind.CLIENT_ERROR,
                                                        String.valueOf(neverThrown),
                                                        0,
                                                        0)));
                                return;
                            }
                            result.complete(List.of(toResult(q, answer)));
                        });
    }

    @Override
    public void timeout(Question q, ResultFuture<CallResult> result) {
        operatorTimeouts.inc();
        LocalProgress.CALLS_DONE.increment();
        result.complete(
                List.of(
                        failed(
                                q,
                                ErrorKind.TIMEOUT,
                                "no answer within "
                                        + operatorTimeout(endpoint).toSeconds()
                                        + " s (operator timeout)",
                                operatorTimeout(endpoint).toMillis(),
                                1)));
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
    }

    private CallResult toResult(Question q, ModelAnswer a) {
        LocalProgress.CALLS_DONE.increment();
        latency.update(a.latencyMs());
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
                        k -> errorsByKind.addGroup("error_kind", k).counter("errorsByKind"))
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
