package org.vlmeval.pipeline;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.model.CallResult;
import org.vlmeval.model.Question;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;

import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.functions.async.CollectionSupplier;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.util.MockStreamingRuntimeContext;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CallEndpoint} against a simulated OpenAI-format server: inside an {@code
 * AsyncWaitOperator} test harness configured as {@link VlmEvalJob#ask} configures it (unordered,
 * the endpoint's operator timeout), and called directly with a collecting {@link ResultFuture}.
 */
class CallEndpointTest {

    static final String SLOW = "Take your time.";
    static final String FAIL = "Fail please.";

    static ModelServer server;
    static int deadPort;

    @BeforeAll
    static void start() throws Exception {
        server =
                new ModelServer(
                        q ->
                                switch (q) {
                                    case FAIL -> Reply.status(500);
                                    case SLOW -> Reply.answer("late").after(3_000);
                                    default -> Reply.answer("4").tokens(1000, 20);
                                });
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static EndpointConfig endpoint() {
        return EndpointConfig.builder("llama", Protocol.OPENAI, server.openAiBaseUrl(), "llama-3.2")
                .maxConcurrency(2)
                .maxRetries(0)
                .pricePerMillionInputTokens(0.18)
                .pricePerMillionOutputTokens(0.36)
                .build();
    }

    static EndpointsConfig config(EndpointConfig... endpoints) {
        return new EndpointsConfig("test", List.of(endpoints), null);
    }

    static Question ask(String id, String question) {
        Question q = Fixtures.question(id, Fixtures.T0, "c");
        return new Question(
                q.requestId(),
                q.run(),
                q.category(),
                q.lang(),
                q.eventTime(),
                question,
                q.models(),
                "{\"id\":\"" + id + "\",\"question\":\"" + question + "\"}",
                q.position(),
                q.late());
    }

    // -- in the async operator -------------------------------------------------------------------

    static OneInputStreamOperatorTestHarness<Question, CallResult> harness(EndpointConfig e)
            throws Exception {
        AsyncWaitOperatorFactory<Question, CallResult> factory =
                new AsyncWaitOperatorFactory<>(
                        new CallEndpoint(config(e), e.name()),
                        CallEndpoint.operatorTimeout(e).toMillis(),
                        VlmEvalJob.capacityPerSubtask(e.maxConcurrency(), 1),
                        AsyncDataStream.OutputMode.UNORDERED);
        var harness =
                new OneInputStreamOperatorTestHarness<>(
                        factory,
                        TypeInformation.of(Question.class)
                                .createSerializer(new SerializerConfigImpl()));
        harness.open();
        return harness;
    }

    @Test
    void anAnswerBecomesACallResultWithTextTokensAndCost() throws Exception {
        try (var harness = harness(endpoint())) {
            harness.processElement(ask("a", "What is 2 + 2?"), Fixtures.T0.toEpochMilli());
            harness.endInput();
            CallResult r = single(harness.extractOutputValues());
            assertThat(r.ok()).isTrue();
            assertThat(r.endpoint()).isEqualTo("llama");
            assertThat(r.model()).isEqualTo("llama-3.2");
            assertThat(r.text()).isEqualTo("4");
            assertThat(r.finishReason()).isEqualTo("stop");
            assertThat(r.inputTokens()).isEqualTo(1000);
            assertThat(r.outputTokens()).isEqualTo(20);
            assertThat(r.cost()).isCloseTo((1000 * 0.18 + 20 * 0.36) / 1e6, Offset.offset(1e-15));
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.latencyMs()).isNotNegative();
            assertThat(r.question().requestId()).isEqualTo("a");
            // The record keeps its event time through the async call.
            assertThat(harness.extractOutputStreamRecords().get(0).getTimestamp())
                    .isEqualTo(Fixtures.T0.toEpochMilli());
        }
    }

    @Test
    void aServerErrorBecomesServerError() throws Exception {
        try (var harness = harness(endpoint())) {
            harness.processElement(ask("f", FAIL), Fixtures.T0.toEpochMilli());
            harness.endInput();
            CallResult r = single(harness.extractOutputValues());
            assertThat(r.ok()).isFalse();
            assertThat(r.errorKind()).isEqualTo("server_error");
            assertThat(r.errorMessage()).isNotBlank();
            assertThat(r.text()).isNull();
            assertThat(r.inputTokens()).isNull();
            assertThat(r.cost()).isNull();
            assertThat(r.attempts()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedConnectionBecomesConnectFailed() throws Exception {
        EndpointConfig dead =
                EndpointConfig.builder(
                                "dead",
                                Protocol.OPENAI,
                                "http://127.0.0.1:" + deadPort + "/v1",
                                "x")
                        .maxRetries(0)
                        .build();
        try (var harness = harness(dead)) {
            harness.processElement(ask("d", "What is 2 + 2?"), 0);
            harness.endInput();
            assertThat(single(harness.extractOutputValues()).errorKind())
                    .isEqualTo("connect_failed");
        }
    }

    @Test
    void theOperatorTimeoutCompletesWithTimeoutAndDoesNotFailTheJob() throws Exception {
        EndpointConfig e = endpoint();
        long timeout = CallEndpoint.operatorTimeout(e).toMillis();
        try (var harness = harness(e)) {
            harness.processElement(ask("s", SLOW), Fixtures.T0.toEpochMilli());
            harness.setProcessingTime(timeout + 1);
            harness.endInput();
            CallResult r = single(harness.extractOutputValues());
            assertThat(r.errorKind()).isEqualTo("timeout");
            assertThat(r.errorMessage()).contains("operator timeout");
            assertThat(r.latencyMs()).isEqualTo(timeout);
            assertThat(r.text()).isNull();
            assertThat(harness.wasFailedExternally()).isFalse();
        }
    }

    // -- called directly -------------------------------------------------------------------------

    /** Collects what the function completes with. */
    static final class Collected implements ResultFuture<CallResult> {
        final CompletableFuture<Collection<CallResult>> done = new CompletableFuture<>();
        int completions;

        @Override
        public synchronized void complete(Collection<CallResult> result) {
            completions++;
            done.complete(result);
        }

        @Override
        public void completeExceptionally(Throwable error) {
            done.completeExceptionally(error);
        }

        @Override
        public void complete(CollectionSupplier<CallResult> supplier) {
            try {
                complete(supplier.get());
            } catch (Exception e) {
                completeExceptionally(e);
            }
        }

        CallResult get() throws Exception {
            return single(done.get(30, TimeUnit.SECONDS));
        }
    }

    static CallEndpoint opened(EndpointConfig e) {
        CallEndpoint f = new CallEndpoint(config(e), e.name());
        f.setRuntimeContext(new MockStreamingRuntimeContext(1, 0));
        f.open(DefaultOpenContext.INSTANCE);
        return f;
    }

    @Test
    void directlyAnAnswerAndAServerError() throws Exception {
        CallEndpoint f = opened(endpoint());
        try {
            Collected ok = new Collected();
            f.asyncInvoke(ask("a", "What is 2 + 2?"), ok);
            assertThat(ok.get().text()).isEqualTo("4");

            Collected failed = new Collected();
            f.asyncInvoke(ask("f", FAIL), failed);
            assertThat(failed.get().errorKind()).isEqualTo("server_error");
        } finally {
            f.close();
        }
    }

    @Test
    void directlyTimeoutCompletesWithTimeoutAndDoesNotThrow() throws Exception {
        CallEndpoint f = opened(endpoint());
        try {
            Collected c = new Collected();
            Question slow = ask("t", SLOW);
            f.asyncInvoke(slow, c);
            f.timeout(slow, c);
            CallResult r = c.get();
            // Closing ends the still-running call with an error answer: it must not complete (or
            // count) the call a second time.
            f.close();
            assertThat(c.completions).isEqualTo(1);
            assertThat(r.errorKind()).isEqualTo("timeout");
            assertThat(r.endpoint()).isEqualTo("llama");
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.latencyMs())
                    .isEqualTo(
                            EndpointConfig.DEFAULT_TIMEOUT.plus(Duration.ofSeconds(30)).toMillis());
        } finally {
            f.close();
        }
    }

    @Test
    void directlyARequestThatCannotBeDecodedIsAClientErrorWithoutACall() throws Exception {
        CallEndpoint f = opened(endpoint());
        try {
            int before = server.requests();
            Question q = ask("bad", "What is 2 + 2?");
            Question broken =
                    new Question(
                            q.requestId(),
                            q.run(),
                            q.category(),
                            q.lang(),
                            q.eventTime(),
                            q.question(),
                            q.models(),
                            "not json",
                            q.position(),
                            q.late());
            Collected c = new Collected();
            f.asyncInvoke(broken, c);
            CallResult r = c.get();
            assertThat(r.errorKind()).isEqualTo("client_error");
            assertThat(r.attempts()).isZero();
            assertThat(server.requests()).isEqualTo(before);
        } finally {
            f.close();
        }
    }

    static CallResult single(Collection<CallResult> results) {
        assertThat(results).hasSize(1);
        return results.iterator().next();
    }
}
