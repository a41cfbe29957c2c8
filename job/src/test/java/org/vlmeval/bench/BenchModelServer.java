package org.vlmeval.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal OpenAI-compatible chat server on the JDK's {@code com.sun.net.httpserver} for the
 * pipeline benchmark: it reads and discards the request body, waits a fixed latency, and answers
 * one fixed text. Unlike mockwebserver3 it keeps nothing per request (MockWebServer retains every
 * RecordedRequest, body included, in its request queue until someone takes it, which would grow the
 * heap by the size of every image sent) and it counts concurrent requests.
 */
final class BenchModelServer implements AutoCloseable {

    private static final byte[] BODY = SimulatedModelServer.ANSWER;

    static {
        // Read once, when the JDK server's configuration class loads: without it, each answer's
        // separate header and body writes wait 40 ms for the client's delayed ACK (Nagle).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    BenchModelServer(long latencyMs, int threads) {
        try {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(threads);
        server.setExecutor(executor);
        server.createContext(
                "/",
                exchange -> {
                    int now = active.incrementAndGet();
                    maxActive.accumulateAndGet(now, Math::max);
                    requests.incrementAndGet();
                    try (InputStream in = exchange.getRequestBody()) {
                        byte[] buf = new byte[64 * 1024];
                        while (in.read(buf) >= 0) {
                            // discard
                        }
                        Thread.sleep(latencyMs);
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, BODY.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(BODY);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        active.decrementAndGet();
                        exchange.close();
                    }
                });
        server.start();
    }

    String openAiBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    int maxActive() {
        return maxActive.get();
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
