package org.vlmeval.endpoints;

import org.vlmeval.testing.Servers;

import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Retries, deadlines and the classification of every failure, against a real HTTP server. */
class EndpointClientFailuresTest {

    private ClientFixture fixture;
    private final Queue<MockResponse> script = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() throws Exception {
        fixture = new ClientFixture();
        // Scripted responses, then a normal answer for anything beyond the script.
        fixture.server.setDispatcher(
                Servers.dispatcher(
                        r -> {
                            MockResponse next = script.poll();
                            return next != null ? next : Servers.openAiAnswer("fine");
                        }));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void rateLimitedWithRetryAfterWaitsAsToldThenSucceeds() {
        script.add(
                new MockResponse.Builder()
                        .code(429)
                        .setHeader("Retry-After", "3")
                        .body("{\"error\":\"slow down\"}")
                        .build());
        EndpointClient client = fixture.virtualTime(fixture.openAi().build());

        ModelAnswer answer = ask(client);

        assertThat(answer.ok()).isTrue();
        assertThat(answer.attempts()).isEqualTo(2);
        assertThat(answer.httpStatus()).isEqualTo(200);
        assertThat(fixture.virtualScheduler.delays()).containsExactly(Duration.ofSeconds(3));
        assertThat(answer.latencyMs()).isEqualTo(3000);
    }

    @Test
    void retryAfterAsHttpDateIsHonoured() {
        script.add(
                new MockResponse.Builder()
                        .code(503)
                        .setHeader("Retry-After", "Wed, 01 Jan 2025 00:00:05 GMT")
                        .build());
        EndpointClient client = fixture.virtualTime(fixture.openAi().build());

        ModelAnswer answer = ask(client);

        assertThat(answer.ok()).isTrue();
        assertThat(fixture.virtualScheduler.delays()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void serviceUnavailableIsRetriedWithJitteredBackoff() {
        script.add(Servers.json(503, "{\"error\":\"loading model\"}"));
        script.add(Servers.json(502, ""));
        EndpointClient client =
                fixture.virtualTime(
                        fixture.openAi().retryBaseDelay(Duration.ofMillis(400)).build());

        ModelAnswer answer = ask(client);

        assertThat(answer.ok()).isTrue();
        assertThat(answer.attempts()).isEqualTo(3);
        // Half of the ceiling (fixture jitter): 400 ms, then 800 ms.
        assertThat(fixture.virtualScheduler.delays())
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void persistentServerErrorsStopAfterMaxRetries() {
        for (int i = 0; i < 5; i++) {
            script.add(Servers.json(500, "{\"error\":\"CUDA out of memory\"}"));
        }
        EndpointClient client = fixture.virtualTime(fixture.openAi().maxRetries(2).build());

        ModelAnswer answer = ask(client);

        assertThat(answer.error().kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(answer.error().message())
                .isEqualTo("after 3 attempts, last: HTTP 500: {\"error\":\"CUDA out of memory\"}");
        assertThat(answer.attempts()).isEqualTo(3);
        assertThat(answer.httpStatus()).isEqualTo(500);
        assertThat(fixture.server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void badRequestIsNotRetried() {
        script.add(Servers.json(400, "{\"error\":\"image too large for context\"}"));
        EndpointClient client = fixture.virtualTime(fixture.openAi().build());

        ModelAnswer answer = ask(client);

        assertThat(answer.error())
                .isEqualTo(
                        new AnswerError(
                                ErrorKind.CLIENT_ERROR,
                                "HTTP 400: {\"error\":\"image too large for context\"}"));
        assertThat(answer.attempts()).isEqualTo(1);
        assertThat(fixture.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void redirectIsAClientErrorNotFollowed() {
        script.add(
                new MockResponse.Builder()
                        .code(307)
                        .setHeader("Location", "http://elsewhere.example/v1/chat/completions")
                        .build());
        EndpointClient client = fixture.virtualTime(fixture.openAi().build());

        ModelAnswer answer = ask(client);

        assertThat(answer.error().kind()).isEqualTo(ErrorKind.CLIENT_ERROR);
        assertThat(answer.error().message()).contains("check base_url");
        assertThat(fixture.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aRetryThatWouldPassTheDeadlineIsNotStarted() {
        script.add(new MockResponse.Builder().code(429).setHeader("Retry-After", "30").build());
        EndpointClient client =
                fixture.virtualTime(fixture.openAi().timeout(Duration.ofSeconds(10)).build());

        ModelAnswer answer = ask(client);

        assertThat(answer.error().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(answer.error().message())
                .isEqualTo(
                        "no time left to retry within the 10000 ms deadline (retry after 30000 ms);"
                                + " HTTP 429");
        assertThat(answer.attempts()).isEqualTo(1);
        assertThat(answer.httpStatus()).isEqualTo(429);
        assertThat(fixture.virtualScheduler.delays()).isEmpty();
    }

    @Test
    void anAbsurdRetryAfterIsATimeoutNotAClientFailure() {
        script.add(
                new MockResponse.Builder()
                        .code(429)
                        .setHeader("Retry-After", "99999999999999999")
                        .build());
        EndpointClient client = fixture.virtualTime(fixture.openAi().build());

        ModelAnswer answer = ask(client);

        assertThat(answer.error().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(answer.error().message()).startsWith("no time left to retry");
    }

    @Test
    void deadlineCutsOffASilentServer() {
        script.add(
                Servers.openAiAnswer("late")
                        .newBuilder()
                        .headersDelay(10, TimeUnit.SECONDS)
                        .build());
        EndpointClient client =
                fixture.realTime(fixture.openAi().timeout(Duration.ofMillis(300)).build());

        long start = System.nanoTime();
        ModelAnswer answer = ask(client);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(answer.error().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(answer.attempts()).isEqualTo(1);
        assertThat(tookMillis).isBetween(250L, 5000L);
    }

    @Test
    void slowAnswerWithinTheDeadlineSucceeds() {
        script.add(
                Servers.openAiAnswer("slow but fine")
                        .newBuilder()
                        .headersDelay(200, TimeUnit.MILLISECONDS)
                        .build());
        EndpointClient client =
                fixture.realTime(fixture.openAi().timeout(Duration.ofSeconds(10)).build());

        ModelAnswer answer = ask(client);

        assertThat(answer.text()).isEqualTo("slow but fine");
        assertThat(answer.attempts()).isEqualTo(1);
        assertThat(answer.latencyMs()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void connectionDroppedMidBodyIsRetriedAsAServerError() {
        script.add(midBodyDisconnect());
        EndpointClient client = fixture.virtualTime(fixture.openAi().build());

        ModelAnswer answer = ask(client);

        assertThat(answer.ok()).as("%s", answer).isTrue();
        assertThat(answer.attempts()).isEqualTo(2);
    }

    @Test
    void connectionDroppedMidBodyEveryTimeEndsAsServerError() {
        script.add(midBodyDisconnect());
        script.add(midBodyDisconnect());
        EndpointClient client = fixture.virtualTime(fixture.openAi().maxRetries(1).build());

        ModelAnswer answer = ask(client);

        assertThat(answer.error().kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(answer.error().message())
                .startsWith(
                        "after 2 attempts, last: connection broke while reading the HTTP 200 response");
        assertThat(answer.httpStatus()).isEqualTo(200);
        assertThat(answer.attempts()).isEqualTo(2);
    }

    @Test
    void refusedConnectionIsRetriedThenConnectFailed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        EndpointClient client =
                fixture.virtualTime(
                        fixture.openAi()
                                .baseUrl("http://127.0.0.1:" + closedPort + "/v1")
                                .maxRetries(2)
                                .build());

        ModelAnswer answer = ask(client);

        assertThat(answer.error().kind()).isEqualTo(ErrorKind.CONNECT_FAILED);
        assertThat(answer.attempts()).isEqualTo(3);
        assertThat(answer.httpStatus()).isNull();
    }

    @Test
    void malformedJsonIsABadResponse() {
        script.add(Servers.json(200, "{\"choices\": [ {\"message\": "));
        EndpointClient client = fixture.virtualTime(fixture.openAi().build());

        ModelAnswer answer = ask(client);

        assertThat(answer.error().kind()).isEqualTo(ErrorKind.BAD_RESPONSE);
        assertThat(answer.error().message()).startsWith("response is not JSON");
        assertThat(answer.attempts()).isEqualTo(1);
    }

    @Test
    void anEndlessBodyIsCutOffAsABadResponse() {
        script.add(Servers.json(200, "{\"pad\":\"" + "x".repeat(17 * 1024 * 1024) + "\"}"));
        EndpointClient client = fixture.virtualTime(fixture.openAi().build());

        ModelAnswer answer = ask(client);

        assertThat(answer.error())
                .isEqualTo(
                        new AnswerError(
                                ErrorKind.BAD_RESPONSE,
                                "HTTP 200 response is larger than 16777216 bytes"));
        assertThat(answer.attempts()).isEqualTo(1);
    }

    @Test
    void emptyOrMissingChoicesAreBadResponses() {
        script.add(Servers.json(200, "{\"choices\":[]}"));
        script.add(Servers.json(200, "{\"object\":\"chat.completion\"}"));
        EndpointClient client = fixture.virtualTime(fixture.openAi().build());

        assertThat(ask(client).error().message()).startsWith("response has no choices");
        assertThat(ask(client).error().kind()).isEqualTo(ErrorKind.BAD_RESPONSE);
    }

    @Test
    void contentAsAListOfPartsIsJoined() {
        script.add(
                Servers.json(
                        200,
                        """
                        {"choices":[{"message":{"role":"assistant","content":[
                          {"type":"text","text":"A red square"},{"type":"text","text":" and a blue circle."}]},
                          "finish_reason":"length"}],
                         "usage":{"prompt_tokens":80,"completion_tokens":9}}
                        """));
        EndpointClient client = fixture.virtualTime(fixture.openAi().build());

        ModelAnswer answer = ask(client);

        assertThat(answer.text()).isEqualTo("A red square and a blue circle.");
        assertThat(answer.finishReason()).isEqualTo("length");
        assertThat(answer.inputTokens()).isEqualTo(80);
        assertThat(answer.outputTokens()).isEqualTo(9);
    }

    @Test
    void missingUsageLeavesTokensUnknown() {
        script.add(
                Servers.json(
                        200,
                        "{\"choices\":[{\"message\":{\"content\":\"blue\"},\"finish_reason\":\"stop\"}]}"));
        EndpointClient client = fixture.virtualTime(fixture.openAi().build());

        ModelAnswer answer = ask(client);

        assertThat(answer.text()).isEqualTo("blue");
        assertThat(answer.inputTokens()).isNull();
        assertThat(answer.outputTokens()).isNull();
    }

    @Test
    void contentFilteredAnswerIsEmptyWithItsFinishReason() {
        script.add(
                Servers.json(
                        200,
                        "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null},"
                                + "\"finish_reason\":\"content_filter\"}]}"));
        EndpointClient client = fixture.virtualTime(fixture.openAi().build());

        ModelAnswer answer = ask(client);

        assertThat(answer.ok()).isTrue();
        assertThat(answer.text()).isEmpty();
        assertThat(answer.finishReason()).isEqualTo("content_filter");
    }

    @Test
    void ollamaErrorAndMalformedRepliesAreClassified() {
        script.add(
                Servers.json(
                        404, "{\"error\":\"model 'qwen2.5vl' not found, try pulling it first\"}"));
        script.add(Servers.json(200, "{\"done\":true}"));
        EndpointClient client = fixture.virtualTime(fixture.ollama().build());

        ModelAnswer notFound = ask(client);
        ModelAnswer noMessage = ask(client);

        assertThat(notFound.error().kind()).isEqualTo(ErrorKind.CLIENT_ERROR);
        assertThat(notFound.error().message()).contains("not found, try pulling it first");
        assertThat(noMessage.error().kind()).isEqualTo(ErrorKind.BAD_RESPONSE);
    }

    @Test
    void costComesFromUsageAndPrices() {
        EndpointClient client =
                fixture.virtualTime(
                        fixture.openAi()
                                .pricePerMillionInputTokens(2.0)
                                .pricePerMillionOutputTokens(10.0)
                                .build());

        ModelAnswer answer = ask(client);

        // 12 prompt and 5 completion tokens (Servers.openAiAnswer)
        assertThat(answer.cost(client.config()))
                .isCloseTo(0.000074, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(answer.cost(fixture.openAi().build())).isNull();
    }

    private static MockResponse midBodyDisconnect() {
        String longAnswer = "x".repeat(64 * 1024);
        return Servers.openAiAnswer(longAnswer)
                .newBuilder()
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                .build();
    }

    private static ModelAnswer ask(EndpointClient client) {
        return client.ask(new ModelQuestion("r1", null, "What colour is the sky?")).join();
    }
}
