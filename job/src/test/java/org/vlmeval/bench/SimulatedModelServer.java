package org.vlmeval.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated OpenAI-compatible chat server, run as a process of its own so that its CPU is not the
 * benchmarked job's: {@code POST /v1/chat/completions} reads and discards the body, then answers
 * one fixed completion exactly {@code latency} ms after the body was read. No thread waits: the
 * answer is written by a scheduler, so 1,024 concurrent calls need no 1,024 threads. {@code GET
 * /stats} returns {@code requests active maxActive bodyBytes}; {@code GET /latency?ms=N} changes
 * the latency; {@code GET /reset} zeroes the counters.
 *
 * <pre>java -cp ... org.vlmeval.bench.SimulatedModelServer LATENCY_MS [PORT]</pre>
 *
 * Prints {@code port N} once listening. {@link #start} launches it from this JVM's classpath.
 */
public final class SimulatedModelServer {

    static final byte[] ANSWER =
            ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"model\":\"bench\","
                            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                            + "\"content\":\"There are 3 apples.\"},\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":5,"
                            + "\"total_tokens\":105}}")
                    .getBytes(StandardCharsets.UTF_8);

    private static final AtomicLong LATENCY_MS = new AtomicLong();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final AtomicInteger ACTIVE = new AtomicInteger();
    private static final AtomicInteger MAX_ACTIVE = new AtomicInteger();
    private static final AtomicLong BODY_BYTES = new AtomicLong();

    private SimulatedModelServer() {}

    public static void main(String[] args) throws IOException {
        LATENCY_MS.set(Long.parseLong(args[0]));
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        HttpServer server =
                HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        // Reading bodies and writing answers is all the work; two threads do it, a scheduler times.
        server.setExecutor(Executors.newFixedThreadPool(2));
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        server.createContext(
                "/v1/chat/completions",
                ex -> {
                    int now = ACTIVE.incrementAndGet();
                    MAX_ACTIVE.accumulateAndGet(now, Math::max);
                    REQUESTS.incrementAndGet();
                    long read = 0;
                    try (InputStream in = ex.getRequestBody()) {
                        byte[] buf = new byte[64 * 1024];
                        for (int n; (n = in.read(buf)) >= 0; ) {
                            read += n;
                        }
                    }
                    BODY_BYTES.addAndGet(read);
                    timer.schedule(() -> answer(ex), LATENCY_MS.get(), TimeUnit.MILLISECONDS);
                });
        server.createContext("/stats", ex -> text(ex, stats()));
        server.createContext(
                "/latency",
                ex -> {
                    String q = ex.getRequestURI().getQuery();
                    LATENCY_MS.set(Long.parseLong(q.substring(q.indexOf('=') + 1)));
                    text(ex, "latency " + LATENCY_MS.get());
                });
        server.createContext(
                "/reset",
                ex -> {
                    REQUESTS.set(0);
                    MAX_ACTIVE.set(ACTIVE.get());
                    BODY_BYTES.set(0);
                    text(ex, stats());
                });
        server.start();
        System.out.println("port " + server.getAddress().getPort());
        System.out.flush();
    }

    private static String stats() {
        return REQUESTS.get()
                + " "
                + ACTIVE.get()
                + " "
                + MAX_ACTIVE.get()
                + " "
                + BODY_BYTES.get();
    }

    private static void answer(HttpExchange ex) {
        try {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, ANSWER.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(ANSWER);
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            ACTIVE.decrementAndGet();
            ex.close();
        }
    }

    private static void text(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A running server process and its port. */
    record Handle(Process process, int port) implements AutoCloseable {

        String baseUrl() {
            return "http://127.0.0.1:" + port + "/v1";
        }

        /** requests, active, maxActive, bodyBytes. */
        long[] stats() throws IOException {
            return parse(get("/stats"));
        }

        long[] reset() throws IOException {
            return parse(get("/reset"));
        }

        void latency(long ms) throws IOException {
            get("/latency?ms=" + ms);
        }

        private String get(String path) throws IOException {
            var url = java.net.URI.create("http://127.0.0.1:" + port + path).toURL();
            try (InputStream in = url.openStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        private static long[] parse(String s) {
            String[] parts = s.trim().split(" ");
            long[] out = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = Long.parseLong(parts[i]);
            }
            return out;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts a server process on this JVM's classpath, with {@code heap} (e.g. "256m"). */
    static Handle start(long latencyMs, String heap) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:+UseSerialGC");
        // Without it, the JDK server's separate header and body writes meet the client's delayed
        // ACK:
        // +40 ms per answer (Nagle).
        cmd.add("-Dsun.net.httpserver.nodelay=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SimulatedModelServer.class.getName());
        cmd.add(String.valueOf(latencyMs));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        var out =
                new java.io.BufferedReader(
                        new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("port ")) {
            p.destroy();
            throw new IOException("model server did not start: " + line);
        }
        return new Handle(p, Integer.parseInt(line.substring(5).trim()));
    }
}
