package org.vlmeval.endpoints;

import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.ImagesConfig;
import org.vlmeval.endpoints.resilience.CircuitBreaker;
import org.vlmeval.testing.Servers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrency limit, pacing and circuit breaker, seen from the server's side. */
class EndpointClientLimitsTest {

    private ClientFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ClientFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void concurrencyLimitIsNeverExceeded() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        Semaphore arrivals = new Semaphore(0);
        CountDownLatch gate = new CountDownLatch(1);
        fixture.server.setDispatcher(
                Servers.dispatcher(
                        r -> {
                            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                            arrivals.release();
                            try {
                                gate.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            inFlight.decrementAndGet();
                            return Servers.openAiAnswer("ok");
                        }));
        EndpointClient client = fixture.realTime(fixture.openAi().maxConcurrency(3).build());

        List<CompletableFuture<ModelAnswer>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(client.ask(new ModelQuestion("r" + i, null, "q")));
        }

        assertThat(arrivals.tryAcquire(3, 5, TimeUnit.SECONDS)).isTrue();
        // While three are held, nobody else may reach the server.
        assertThat(arrivals.tryAcquire(1, 300, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(client.inFlight()).isEqualTo(3);
        gate.countDown();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .get(10, TimeUnit.SECONDS);

        assertThat(answers).allSatisfy(a -> assertThat(a.join().ok()).isTrue());
        assertThat(maxInFlight.get()).isEqualTo(3);
        assertThat(fixture.server.getRequestCount()).isEqualTo(12);
        assertThat(client.inFlight()).isZero();
    }

    @Test
    void aCallerGivingUpOnItsFutureDoesNotFreeTheSlotOfTheRunningCall() throws Exception {
        Semaphore arrivals = new Semaphore(0);
        CountDownLatch gate = new CountDownLatch(1);
        fixture.server.setDispatcher(
                Servers.dispatcher(
                        r -> {
                            arrivals.release();
                            try {
                                gate.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return Servers.openAiAnswer("ok");
                        }));
        EndpointClient client = fixture.realTime(fixture.openAi().maxConcurrency(1).build());

        CompletableFuture<ModelAnswer> first = client.ask(new ModelQuestion("r1", null, "q"));
        assertThat(arrivals.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        // What Flink's async timeout or orTimeout() does to a slow call.
        first.cancel(true);
        CompletableFuture<ModelAnswer> second = client.ask(new ModelQuestion("r2", null, "q"));

        // The first call still occupies the only slot: the second must not reach the server.
        assertThat(arrivals.tryAcquire(1, 300, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(client.inFlight()).isEqualTo(1);
        gate.countDown();
        assertThat(second.get(5, TimeUnit.SECONDS).ok()).isTrue();
        assertThat(fixture.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void requestsAreSpacedToTheRateLimit() {
        fixture.server.setDispatcher(Servers.dispatcher(r -> Servers.openAiAnswer("ok")));
        EndpointClient client = fixture.virtualTime(fixture.openAi().requestsPerMinute(30).build());

        for (int i = 0; i < 3; i++) {
            assertThat(client.ask(new ModelQuestion("r" + i, null, "q")).join().ok()).isTrue();
        }

        // 30 per minute = one every 2 s, burst of one: the 2nd and 3rd each wait 2 s.
        assertThat(fixture.virtualScheduler.delays())
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(fixture.server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void pacingLongerThanTheDeadlineTimesOutWithoutSending() {
        fixture.server.setDispatcher(Servers.dispatcher(r -> Servers.openAiAnswer("ok")));
        EndpointClient client =
                fixture.virtualTime(
                        fixture.openAi()
                                .requestsPerMinute(1)
                                .timeout(Duration.ofSeconds(10))
                                .build());

        assertThat(client.ask(new ModelQuestion("r1", null, "q")).join().ok()).isTrue();
        ModelAnswer second = client.ask(new ModelQuestion("r2", null, "q")).join();

        assertThat(second.error().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(second.attempts()).isZero();
        assertThat(fixture.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void callsGivenUpForPacingDoNotPileUpDebtForLaterCalls() {
        fixture.server.setDispatcher(Servers.dispatcher(r -> Servers.openAiAnswer("ok")));
        EndpointClient client =
                fixture.virtualTime(
                        fixture.openAi()
                                .requestsPerMinute(1)
                                .timeout(Duration.ofSeconds(10))
                                .build());
        assertThat(client.ask(new ModelQuestion("r1", null, "q")).join().ok()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(client.ask(new ModelQuestion("x" + i, null, "q")).join().error().kind())
                    .isEqualTo(ErrorKind.TIMEOUT);
        }

        fixture.clock.advance(Duration.ofMinutes(1));

        // The three calls that were never sent must not have used up the next minutes.
        assertThat(client.ask(new ModelQuestion("r2", null, "q")).join().ok()).isTrue();
        assertThat(fixture.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void circuitOpensAfterConsecutiveFailuresAndRecoversAfterCoolDown() {
        AtomicBoolean healthy = new AtomicBoolean(false);
        fixture.server.setDispatcher(
                Servers.dispatcher(
                        r ->
                                healthy.get()
                                        ? Servers.openAiAnswer("back")
                                        : Servers.json(500, "down")));
        EndpointClient client =
                fixture.virtualTime(
                        fixture.openAi()
                                .maxRetries(0)
                                .circuitFailureThreshold(3)
                                .circuitCoolDown(Duration.ofSeconds(30))
                                .build());

        for (int i = 0; i < 3; i++) {
            assertThat(ask(client).error().kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        }
        ModelAnswer failedFast = ask(client);

        assertThat(failedFast.error().kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN);
        assertThat(failedFast.error().message())
                .isEqualTo("circuit open after 3 consecutive failures; next probe in 30000 ms");
        assertThat(failedFast.attempts()).isZero();
        assertThat(fixture.server.getRequestCount()).isEqualTo(3);
        assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

        fixture.clock.advance(Duration.ofSeconds(30));
        healthy.set(true);
        ModelAnswer probe = ask(client);

        assertThat(probe.text()).isEqualTo("back");
        assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(ask(client).ok()).isTrue();
        assertThat(fixture.server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void failedProbeReopensTheCircuit() {
        fixture.server.setDispatcher(Servers.dispatcher(r -> Servers.json(503, "down")));
        EndpointClient client =
                fixture.virtualTime(
                        fixture.openAi()
                                .maxRetries(0)
                                .circuitFailureThreshold(1)
                                .circuitCoolDown(Duration.ofSeconds(5))
                                .build());
        ask(client);
        fixture.clock.advance(Duration.ofSeconds(5));

        assertThat(ask(client).error().kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(ask(client).error().kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN);
        assertThat(fixture.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void clientErrorsDoNotOpenTheCircuit() {
        fixture.server.setDispatcher(Servers.dispatcher(r -> Servers.json(400, "bad image")));
        EndpointClient client =
                fixture.virtualTime(fixture.openAi().circuitFailureThreshold(2).build());

        for (int i = 0; i < 4; i++) {
            assertThat(ask(client).error().kind()).isEqualTo(ErrorKind.CLIENT_ERROR);
        }
        assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void closingAnswersQueuedCallsInsteadOfLeavingThemHanging() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        fixture.server.setDispatcher(
                Servers.dispatcher(
                        r -> {
                            try {
                                gate.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return Servers.openAiAnswer("late");
                        }));
        EndpointClient client = fixture.realTime(fixture.openAi().maxConcurrency(1).build());
        CompletableFuture<ModelAnswer> running = client.ask(new ModelQuestion("r1", null, "q"));
        CompletableFuture<ModelAnswer> queued = client.ask(new ModelQuestion("r2", null, "q"));

        fixture.clients().close();
        gate.countDown();

        assertThat(queued.get(5, TimeUnit.SECONDS).error().message())
                .isEqualTo("endpoint clients were closed");
        assertThat(running.get(5, TimeUnit.SECONDS).ok()).isFalse();
        assertThat(client.ask(new ModelQuestion("r3", null, "q")).join().error().kind())
                .isEqualTo(ErrorKind.CONNECT_FAILED);
    }

    @Test
    void closingAnswersCallsWaitingForARetry() throws Exception {
        fixture.server.setDispatcher(Servers.dispatcher(r -> Servers.json(503, "loading")));
        // Like the scheduler close() shuts down with shutdownNow(): scheduled retries never run.
        CountDownLatch retryScheduled = new CountDownLatch(1);
        ScheduledThreadPoolExecutor stalled =
                new ScheduledThreadPoolExecutor(1) {
                    @Override
                    public ScheduledFuture<?> schedule(
                            Runnable command, long delay, TimeUnit unit) {
                        retryScheduled.countDown();
                        return super.schedule(command, 1, TimeUnit.DAYS);
                    }
                };
        try {
            EndpointClients clients =
                    EndpointClients.create(
                            new EndpointsConfig(
                                    "endpoints.yaml",
                                    List.of(fixture.openAi().build()),
                                    ImagesConfig.DEFAULT),
                            Map.of(),
                            new ClientRuntime(
                                    Clock.systemUTC(), stalled, ClientFixture.halfJitter()));
            CompletableFuture<ModelAnswer> answer =
                    clients.client("vllm").ask(new ModelQuestion("r1", null, "q"));
            assertThat(retryScheduled.await(5, TimeUnit.SECONDS)).isTrue();

            clients.close();

            assertThat(answer.get(5, TimeUnit.SECONDS).error().message())
                    .isEqualTo("endpoint clients were closed");
        } finally {
            stalled.shutdownNow();
        }
    }

    private static ModelAnswer ask(EndpointClient client) {
        return client.ask(new ModelQuestion("r", null, "q")).join();
    }
}
