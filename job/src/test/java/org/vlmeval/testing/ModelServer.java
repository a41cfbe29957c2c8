package org.vlmeval.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A simulated model server speaking the real wire formats: OpenAI-compatible {@code POST
 * /v1/chat/completions} (vLLM, SGLang, Together, DashScope) and Ollama's {@code POST /api/chat}.
 * What it answers is scripted per question text, like a model that always gives the same answer to
 * the same question: right answers, refusals, hallucinated objects, latency, HTTP errors.
 */
public final class ModelServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One scripted reply.
     *
     * @param status HTTP status; 200 sends an answer, anything else an error body
     * @param text the answer text (status 200)
     * @param finishReason the finish reason sent
     * @param promptTokens prompt tokens reported
     * @param completionTokens completion tokens reported
     * @param delayMs how long the server waits before the response headers
     */
    public record Reply(
            int status,
            String text,
            String finishReason,
            int promptTokens,
            int completionTokens,
            long delayMs) {

        public static Reply answer(String text) {
            return new Reply(200, text, "stop", 100, Math.max(1, text.length() / 4), 0);
        }

        public static Reply status(int status) {
            return new Reply(status, null, null, 0, 0, 0);
        }

        public Reply after(long millis) {
            return new Reply(status, text, finishReason, promptTokens, completionTokens, millis);
        }

        public Reply tokens(int prompt, int completion) {
            return new Reply(status, text, finishReason, prompt, completion, delayMs);
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    /** Starts a server that answers each question text with {@code script.apply(question)}. */
    public ModelServer(Function<String, Reply> script) {
        this((question, image) -> script.apply(question));
    }

    /**
     * Starts a server that answers with {@code script.apply(question, image)}, where {@code image}
     * is the base64 of the request's image (no {@code data:} prefix), or null when it has none: a
     * model whose answer depends on the picture.
     */
    public ModelServer(BiFunction<String, String, Reply> script) {
        server.setDispatcher(
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        return respond(request, script);
                    }
                });
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL for an endpoint of protocol {@code openai} (ends in /v1). */
    public String openAiBaseUrl() {
        return server.url("/v1").toString();
    }

    /** The base URL for an endpoint of protocol {@code ollama} (the server root). */
    public String ollamaBaseUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    /** How many times a question text was asked (retries included). */
    public int timesAsked(String question) {
        AtomicInteger n = asked.get(question);
        return n == null ? 0 : n.get();
    }

    public int requests() {
        return requests.get();
    }

    private MockResponse respond(
            RecordedRequest request, BiFunction<String, String, Reply> script) {
        requests.incrementAndGet();
        boolean ollama = request.getUrl().encodedPath().equals("/api/chat");
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody().utf8());
        } catch (IOException | RuntimeException e) {
            return new MockResponse.Builder().code(400).body("unreadable body").build();
        }
        String question = questionText(body, ollama);
        asked.computeIfAbsent(question, q -> new AtomicInteger()).incrementAndGet();
        Reply reply = script.apply(question, imageBase64(body, ollama));
        MockResponse.Builder response =
                new MockResponse.Builder()
                        .code(reply.status())
                        .setHeader("Content-Type", "application/json")
                        .headersDelay(reply.delayMs(), TimeUnit.MILLISECONDS);
        if (reply.status() != 200) {
            return response.body("{\"error\":{\"message\":\"scripted failure\"}}").build();
        }
        return response.body(ollama ? ollamaBody(body, reply) : openAiBody(body, reply)).build();
    }

    /** The text part of the last user message (the client puts the question there). */
    private static String questionText(JsonNode body, boolean ollama) {
        JsonNode messages = body.path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        JsonNode content = last.path("content");
        if (ollama || content.isTextual()) {
            return content.asText();
        }
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                return part.path("text").asText();
            }
        }
        return "";
    }

    /** The last user message's image as plain base64; null when there is none. */
    private static String imageBase64(JsonNode body, boolean ollama) {
        JsonNode messages = body.path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        if (ollama) {
            JsonNode images = last.path("images");
            return images.isArray() && !images.isEmpty() ? images.get(0).asText() : null;
        }
        for (JsonNode part : last.path("content")) {
            if ("image_url".equals(part.path("type").asText())) {
                String url = part.path("image_url").path("url").asText();
                return url.substring(url.indexOf(',') + 1);
            }
        }
        return null;
    }

    private static String openAiBody(JsonNode request, Reply r) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", "chatcmpl-test");
        out.put("object", "chat.completion");
        out.put("model", request.path("model").asText());
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", r.text());
        choice.put("finish_reason", r.finishReason());
        ObjectNode usage = out.putObject("usage");
        usage.put("prompt_tokens", r.promptTokens());
        usage.put("completion_tokens", r.completionTokens());
        usage.put("total_tokens", r.promptTokens() + r.completionTokens());
        return out.toString();
    }

    private static String ollamaBody(JsonNode request, Reply r) {
        ObjectNode out = JSON.createObjectNode();
        out.put("model", request.path("model").asText());
        ObjectNode message = out.putObject("message");
        message.put("role", "assistant");
        message.put("content", r.text());
        out.put("done", true);
        out.put("done_reason", r.finishReason());
        out.put("prompt_eval_count", r.promptTokens());
        out.put("eval_count", r.completionTokens());
        return out.toString();
    }

    @Override
    public void close() {
        server.close();
    }
}
