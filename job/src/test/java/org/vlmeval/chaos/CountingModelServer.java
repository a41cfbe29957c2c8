package org.vlmeval.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulated OpenAI-compatible model servers in a process of their own, for the chaos harness
 * ({@link ChaosRun}): one HTTP server per endpoint, each answering {@code POST
 * /v1/chat/completions} after a fixed latency and counting every call per request id (the id is
 * read from the question text, {@code "[chaos-id=ID] ..."}). {@code GET /counts} on any of them
 * returns every server's counts: {@code {"endpoint": {"request id": calls}}}. A question containing
 * {@link #REFUSE} is answered HTTP 400 (uncounted).
 *
 * <pre>java -cp ... org.vlmeval.chaos.CountingModelServer LATENCY_MS NAME=PORT [NAME=PORT ...]
 * </pre>
 */
public final class CountingModelServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("\\[chaos-id=([^\\]]+)\\]");

    /** In a question, makes the servers answer HTTP 400 (a client error, not retried). */
    static final String REFUSE = "[chaos-refuse]";

    /** Calls per endpoint and request id. */
    private static final Map<String, Map<String, AtomicInteger>> COUNTS =
            new ConcurrentSkipListMap<>();

    private CountingModelServer() {}

    public static void main(String[] args) throws IOException {
        long latencyMs = Long.parseLong(args[0]);
        String countsFile = System.getProperty("chaos.counts");
        if (countsFile != null && Files.exists(Path.of(countsFile))) {
            loadCounts(Path.of(countsFile));
        }
        List<HttpServer> servers = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] nameAndPort = args[i].split("=", 2);
            String name = nameAndPort[0];
            COUNTS.putIfAbsent(name, new ConcurrentHashMap<>());
            HttpServer server =
                    HttpServer.create(
                            new InetSocketAddress(
                                    InetAddress.getLoopbackAddress(),
                                    Integer.parseInt(nameAndPort[1])),
                            256);
            server.setExecutor(Executors.newFixedThreadPool(64));
            server.createContext("/counts", CountingModelServer::counts);
            server.createContext("/v1/chat/completions", ex -> answer(ex, name, latencyMs));
            server.start();
            servers.add(server);
        }
        if (countsFile != null) {
            saveCountsOnExit(servers, Path.of(countsFile));
        }
        System.out.println("model servers up: " + String.join(" ", args));
    }

    /**
     * With {@code -Dchaos.counts=FILE}, the counts outlive the process: read from the file at
     * start, written to it on a normal exit (SIGTERM). The model-down scenario stops a server
     * process and starts it again, and the calls it was paid for before the stop must still count.
     */
    private static void loadCounts(Path file) throws IOException {
        JSON.readTree(file.toFile())
                .fields()
                .forEachRemaining(
                        endpoint -> {
                            Map<String, AtomicInteger> byId =
                                    COUNTS.computeIfAbsent(
                                            endpoint.getKey(), k -> new ConcurrentHashMap<>());
                            endpoint.getValue()
                                    .fields()
                                    .forEachRemaining(
                                            id ->
                                                    byId.put(
                                                            id.getKey(),
                                                            new AtomicInteger(
                                                                    id.getValue().asInt())));
                        });
    }

    /** The servers are stopped before the counts are written, so no call is counted after them. */
    private static void saveCountsOnExit(List<HttpServer> servers, Path file) {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    servers.forEach(server -> server.stop(0));
                                    try {
                                        Files.writeString(file, countsJson().toString());
                                    } catch (IOException e) {
                                        e.printStackTrace();
                                    }
                                },
                                "save-counts"));
    }

    private static ObjectNode countsJson() {
        ObjectNode out = JSON.createObjectNode();
        COUNTS.forEach(
                (endpoint, byId) -> {
                    ObjectNode node = out.putObject(endpoint);
                    byId.forEach((id, n) -> node.put(id, n.get()));
                });
        return out;
    }

    private static void counts(HttpExchange exchange) throws IOException {
        send(exchange, 200, countsJson().toString());
    }

    private static void answer(HttpExchange exchange, String endpoint, long latencyMs)
            throws IOException {
        try {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String question = questionText(body);
            if (question.contains(REFUSE)) {
                send(exchange, 400, "{\"error\":{\"message\":\"refused by the chaos harness\"}}");
                return;
            }
            Matcher m = ID.matcher(question);
            String id = m.find() ? m.group(1) : "?";
            COUNTS.get(endpoint).computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(latencyMs);
            String text = "The answer is " + Math.abs(id.hashCode() % 10) + ".";
            ObjectNode out = JSON.createObjectNode();
            out.put("id", "chatcmpl-" + id);
            out.put("object", "chat.completion");
            out.put("model", body.path("model").asText());
            ObjectNode choice = out.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", text);
            choice.put("finish_reason", "stop");
            ObjectNode usage = out.putObject("usage");
            usage.put("prompt_tokens", 100);
            usage.put("completion_tokens", 5);
            usage.put("total_tokens", 105);
            send(exchange, 200, out.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(exchange, 503, "{\"error\":{\"message\":\"interrupted\"}}");
        } catch (RuntimeException e) {
            send(exchange, 400, "{\"error\":{\"message\":\"unreadable body\"}}");
        }
    }

    /** The text parts of the last message. */
    private static String questionText(JsonNode body) {
        JsonNode messages = body.path("messages");
        JsonNode content = messages.get(messages.size() - 1).path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
