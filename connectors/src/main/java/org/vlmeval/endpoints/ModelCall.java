package org.vlmeval.endpoints;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.ImageMode;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.endpoints.resilience.CircuitBreaker;
import org.vlmeval.endpoints.resilience.RetryAfter;
import org.vlmeval.endpoints.wire.BadResponseException;
import org.vlmeval.endpoints.wire.ChatPrompt;
import org.vlmeval.endpoints.wire.JsonBody;
import org.vlmeval.endpoints.wire.PromptImage;
import org.vlmeval.endpoints.wire.WireReply;
import org.vlmeval.images.ImageException;
import org.vlmeval.images.ImageLimits;
import org.vlmeval.images.ImageRef;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One question's way through an endpoint: circuit check, image loading, then attempts until an
 * answer, a final failure or the deadline. Runs on callbacks and scheduled tasks only; no thread
 * ever waits. Completes {@code result} exactly once, never exceptionally.
 */
final class ModelCall {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCall.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int ERROR_SNIPPET_CHARS = 300;
    static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    private final EndpointClient client;
    private final EndpointConfig endpoint;
    private final ModelQuestion question;
    private final CompletableFuture<ModelAnswer> result;
    private long startMillis;
    private long deadlineMillis;

    /** Kept for retries: small JSON parts and the image itself, never its base64 text. */
    private JsonBody requestBody;

    private int estimatedTokens;
    private int attempts;
    private long attemptStartMillis;
    private Integer lastStatus;

    ModelCall(
            EndpointClient client, ModelQuestion question, CompletableFuture<ModelAnswer> result) {
        this.client = client;
        this.endpoint = client.config();
        this.question = question;
        this.result = result;
    }

    void start() {
        guarded(this::begin);
    }

    private void begin() {
        startMillis = now();
        if (!client.breaker().tryAcquire()) {
            Duration wait = client.breaker().remainingCoolDown();
            finishWithoutCalling(
                    new AnswerError(
                            ErrorKind.CIRCUIT_OPEN,
                            "circuit open after "
                                    + endpoint.circuitFailureThreshold()
                                    + " consecutive failures; next probe in "
                                    + wait.toMillis()
                                    + " ms"),
                    false);
            return;
        }
        deadlineMillis = startMillis + endpoint.timeout().toMillis();
        ImageRef image = question.image();
        if (image == null) {
            prepare(null);
        } else if (image.url() != null
                && endpoint.imageMode() == ImageMode.URL
                && endpoint.protocol() == Protocol.OPENAI
                && isHttpUrl(image.url())) {
            prepare(PromptImage.url(image.url()));
        } else {
            // Inline; also other schemes in url mode, which the loader refuses with the reason.
            runAsync(client.imageExecutor(), this::loadImage);
        }
    }

    private static boolean isHttpUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private void loadImage() {
        try {
            ImageLimits limits =
                    new ImageLimits(endpoint.maxImageBytes(), endpoint.maxImagePixels());
            prepare(
                    PromptImage.inline(
                            client.images().load(question.image(), limits, remaining())));
        } catch (ImageException e) {
            finishWithoutCalling(new AnswerError(ErrorKind.IMAGE_ERROR, e.getMessage()), true);
        }
    }

    private void prepare(PromptImage image) {
        ChatPrompt prompt = client.prompts().assemble(question.text(), image);
        requestBody = client.wire().requestBody(prompt);
        estimatedTokens = client.prompts().estimateTokens(prompt);
        attempt();
    }

    /** Waits for the pacer if needed, then sends. */
    private void attempt() {
        Duration wait = client.pacer().reserve(estimatedTokens);
        if (wait.isZero()) {
            send();
            return;
        }
        if (wait.toMillis() >= remaining().toMillis()) {
            client.pacer().cancel(estimatedTokens);
            finish(
                    failure(
                            ErrorKind.TIMEOUT,
                            "pacing to the endpoint's rate limits would need "
                                    + wait.toMillis()
                                    + " ms, past the "
                                    + endpoint.timeout().toMillis()
                                    + " ms deadline"),
                    CircuitBreaker.Outcome.NEUTRAL);
            return;
        }
        schedule(this::send, wait);
    }

    private void send() {
        long remainingMillis = remaining().toMillis();
        if (remainingMillis <= 0) {
            finish(
                    failure(ErrorKind.TIMEOUT, "deadline passed before attempt " + (attempts + 1)),
                    CircuitBreaker.Outcome.NEUTRAL);
            return;
        }
        attempts++;
        attemptStartMillis = now();
        Request.Builder request =
                new Request.Builder().url(endpoint.chatUrl()).post(new StreamedBody(requestBody));
        if (client.apiKey() != null) {
            request.header("Authorization", client.apiKey().authorizationHeader());
        }
        Call call = client.http().newCall(request.build());
        call.timeout().timeout(remainingMillis, TimeUnit.MILLISECONDS);
        LOG.debug("{} request {}: attempt {}", endpoint.name(), question.requestId(), attempts);
        call.enqueue(
                new Callback() {
                    @Override
                    public void onResponse(Call call, Response response) {
                        guarded(() -> handle(response));
                    }

                    @Override
                    public void onFailure(Call call, IOException e) {
                        guarded(() -> retryOrFinish(FailureClassifier.beforeResponse(e)));
                    }
                });
    }

    private void handle(Response response) {
        int status = response.code();
        lastStatus = status;
        byte[] body;
        try (ResponseBody responseBody = response.body()) {
            BufferedSource source = responseBody.source();
            // A broken or hostile server must not fill the heap: answers are kilobytes.
            if (source.request(MAX_RESPONSE_BYTES + 1)) {
                finish(
                        failure(
                                ErrorKind.BAD_RESPONSE,
                                "HTTP "
                                        + status
                                        + " response is larger than "
                                        + MAX_RESPONSE_BYTES
                                        + " bytes"),
                        CircuitBreaker.Outcome.FAILED);
                return;
            }
            body = source.getBuffer().readByteArray();
        } catch (IOException e) {
            retryOrFinish(FailureClassifier.duringBody(status, e));
            return;
        }
        if (status != 200) {
            Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), client.clock());
            retryOrFinish(FailureClassifier.forStatus(status, snippet(body), retryAfter));
            return;
        }
        WireReply reply;
        try {
            reply = client.wire().parseReply(body);
        } catch (BadResponseException e) {
            // The message quotes the body, which may echo the request's Authorization header.
            finish(
                    failure(ErrorKind.BAD_RESPONSE, client.redact(e.getMessage())),
                    CircuitBreaker.Outcome.FAILED);
            return;
        }
        if (reply.inputTokens() != null && reply.outputTokens() != null) {
            client.pacer().correct(estimatedTokens, reply.inputTokens() + reply.outputTokens());
        }
        finish(
                new ModelAnswer(
                        endpoint.name(),
                        reply.text(),
                        reply.finishReason(),
                        elapsedMillis(),
                        reply.inputTokens(),
                        reply.outputTokens(),
                        status,
                        attempts,
                        null),
                CircuitBreaker.Outcome.HEALTHY);
    }

    private void retryOrFinish(AttemptFailure failure) {
        if (failure.httpStatus() != null) {
            lastStatus = failure.httpStatus();
        }
        String message = client.redact(failure.message());
        if (client.closed()) {
            finish(client.closedAnswer(), CircuitBreaker.Outcome.NEUTRAL);
            return;
        }
        if (!failure.retryable() || attempts > endpoint.maxRetries()) {
            finish(failure(failure.kind(), attemptsNote() + message), outcomeOf(failure.kind()));
            return;
        }
        Duration delay =
                failure.retryAfter() != null
                        ? failure.retryAfter()
                        : client.backoff().delay(attempts);
        // The last attempt's duration predicts the next one's: a retry that would still be
        // running at the deadline is not started.
        long needed = delay.toMillis() + (now() - attemptStartMillis);
        if (needed >= remaining().toMillis()) {
            finish(
                    failure(
                            ErrorKind.TIMEOUT,
                            "no time left to retry within the "
                                    + endpoint.timeout().toMillis()
                                    + " ms deadline (retry after "
                                    + delay.toMillis()
                                    + " ms); "
                                    + attemptsNote()
                                    + message),
                    outcomeOf(failure.kind()));
            return;
        }
        LOG.debug(
                "{} request {}: attempt {} failed ({}), retrying in {} ms",
                endpoint.name(),
                question.requestId(),
                attempts,
                message,
                delay.toMillis());
        schedule(this::attempt, delay);
    }

    private String attemptsNote() {
        return attempts > 1 ? "after " + attempts + " attempts, last: " : "";
    }

    private static CircuitBreaker.Outcome outcomeOf(ErrorKind kind) {
        return switch (kind) {
            case TIMEOUT, SERVER_ERROR, CONNECT_FAILED, BAD_RESPONSE ->
                    CircuitBreaker.Outcome.FAILED;
            case CLIENT_ERROR -> CircuitBreaker.Outcome.HEALTHY;
            case RATE_LIMITED, CIRCUIT_OPEN, IMAGE_ERROR, NOT_RECORDED ->
                    CircuitBreaker.Outcome.NEUTRAL;
        };
    }

    private ModelAnswer failure(ErrorKind kind, String message) {
        return ModelAnswer.failure(
                endpoint.name(),
                new AnswerError(kind, message),
                elapsedMillis(),
                lastStatus,
                attempts);
    }

    /**
     * @param heldBreakerPermit whether start() took a breaker permit that must be handed back
     */
    private void finishWithoutCalling(AnswerError error, boolean heldBreakerPermit) {
        if (heldBreakerPermit) {
            client.breaker().record(CircuitBreaker.Outcome.NEUTRAL);
        }
        complete(ModelAnswer.failure(endpoint.name(), error, elapsedMillis(), null, 0));
    }

    private void finish(ModelAnswer answer, CircuitBreaker.Outcome outcome) {
        client.breaker().record(outcome);
        complete(answer);
    }

    private void complete(ModelAnswer answer) {
        if (answer.ok()) {
            LOG.debug(
                    "{} request {}: answered after {} attempt(s) in {} ms",
                    endpoint.name(),
                    question.requestId(),
                    answer.attempts(),
                    answer.latencyMs());
        } else {
            LOG.info(
                    "{} request {}: {} - {}",
                    endpoint.name(),
                    question.requestId(),
                    answer.error().kind().jsonName(),
                    answer.error().message());
        }
        result.complete(answer);
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            client.scheduler()
                    .schedule(
                            () -> {
                                // Answered meanwhile (clients closed): send nothing more.
                                if (!result.isDone()) {
                                    guarded(task);
                                }
                            },
                            delay.toMillis(),
                            TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            finish(client.closedAnswer(), CircuitBreaker.Outcome.NEUTRAL);
        }
    }

    private void runAsync(Executor executor, Runnable task) {
        try {
            executor.execute(() -> guarded(task));
        } catch (RejectedExecutionException e) {
            finishWithoutCalling(client.closedAnswer().error(), true);
        }
    }

    /**
     * A bug must not leave the caller's future hanging: it becomes a classified answer. Errors too
     * (an OutOfMemoryError decoding a huge image, a linkage error): they are answered, then
     * rethrown.
     */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            LOG.error(
                    "{} request {}: unexpected failure", endpoint.name(), question.requestId(), e);
            if (!result.isDone()) {
                finish(
                        failure(
                                ErrorKind.CLIENT_ERROR,
                                "unexpected client failure: " + client.redact(e.toString())),
                        CircuitBreaker.Outcome.NEUTRAL);
            }
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    private String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() > ERROR_SNIPPET_CHARS) {
            text = text.substring(0, ERROR_SNIPPET_CHARS) + "...";
        }
        return client.redact(text);
    }

    private Duration remaining() {
        return Duration.ofMillis(Math.max(0, deadlineMillis - now()));
    }

    private long elapsedMillis() {
        return now() - startMillis;
    }

    private long now() {
        return client.clock().millis();
    }

    /**
     * The body written into the connection as it goes: the image is base64-encoded straight into
     * the socket's buffer, so no whole-body copy exists. Known length, so sent with Content-Length.
     */
    private static final class StreamedBody extends RequestBody {
        private final JsonBody body;

        StreamedBody(JsonBody body) {
            this.body = body;
        }

        @Override
        public MediaType contentType() {
            return JSON;
        }

        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            body.writeTo(sink);
        }
    }
}
