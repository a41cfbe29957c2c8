package org.vlmeval.endpoints;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.ImagesConfig;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.testing.ManualClock;
import org.vlmeval.testing.VirtualTimeScheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * A loopback mock server plus clients on either virtual time (retries, pacing, circuit) or real
 * time (deadlines, concurrency). Closes everything it made.
 */
final class ClientFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final MockWebServer server = new MockWebServer();
    final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
    final VirtualTimeScheduler virtualScheduler = new VirtualTimeScheduler(clock);
    private final ScheduledExecutorService realScheduler =
            Executors.newSingleThreadScheduledExecutor();
    private EndpointClients clients;

    ClientFixture() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    /** The server's URL by IP: its own url() says "localhost", a name the image guard resolves. */
    String loopbackUrl(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    EndpointConfig.Builder openAi() {
        return EndpointConfig.builder("vllm", Protocol.OPENAI, server.url("/v1").toString(), "m");
    }

    EndpointConfig.Builder ollama() {
        return EndpointConfig.builder(
                "ollama", Protocol.OLLAMA, server.url("/").toString(), "qwen2.5vl");
    }

    /** Clients on virtual time: scheduled waits happen at once and move {@link #clock}. */
    EndpointClient virtualTime(EndpointConfig endpoint) {
        return virtualTime(endpoint, Map.of(), ImagesConfig.DEFAULT);
    }

    EndpointClient virtualTime(
            EndpointConfig endpoint, Map<String, String> env, ImagesConfig images) {
        clients =
                EndpointClients.create(
                        new EndpointsConfig("endpoints.yaml", List.of(endpoint), images),
                        env,
                        new ClientRuntime(clock, virtualScheduler, halfJitter()));
        return clients.client(endpoint.name());
    }

    /** Clients on the system clock, for what OkHttp times in real time. */
    EndpointClient realTime(EndpointConfig endpoint) {
        clients =
                EndpointClients.create(
                        new EndpointsConfig(
                                "endpoints.yaml", List.of(endpoint), ImagesConfig.DEFAULT),
                        Map.of(),
                        new ClientRuntime(Clock.systemUTC(), realScheduler, halfJitter()));
        return clients.client(endpoint.name());
    }

    EndpointClients clients() {
        return clients;
    }

    RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the server received no request");
        }
        return request;
    }

    static JsonNode body(RecordedRequest request) throws IOException {
        return JSON.readTree(request.getBody().utf8());
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /** Backoff draws exactly half of its ceiling. */
    static RandomGenerator halfJitter() {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextDouble is used");
            }

            @Override
            public double nextDouble() {
                return 0.5;
            }
        };
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
        virtualScheduler.shutdownNow();
        realScheduler.shutdownNow();
        server.close();
    }
}
