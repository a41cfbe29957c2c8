package org.vlmeval.cli;

import org.vlmeval.model.JsonCodec;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vlm-eval probe} against a server that speaks both wire formats and checks every field of
 * every request independently of our client code: it answers 400 with the reason when a field is
 * wrong, so the probe table shows exactly what the client got wrong.
 */
class ProbeCommandTest {

    private static final String KEY = "sk-test-1234567890";

    @TempDir Path dir;

    private MockWebServer server;
    private final List<String> violations = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        List<String> problems = check(request);
                        synchronized (violations) {
                            violations.addAll(problems);
                        }
                        if (!problems.isEmpty()) {
                            return new MockResponse.Builder()
                                    .code(400)
                                    .body(String.join("; ", problems))
                                    .build();
                        }
                        String path = request.getUrl().encodedPath();
                        String body =
                                path.equals("/api/chat")
                                        ? "{\"model\":\"qwen2.5vl\",\"message\":{\"role\":\"assistant\",\"content\":\"Red and blue.\"},"
                                                + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":88,\"eval_count\":4}"
                                        : "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"A red square and a blue circle.\"},"
                                                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1601,\"completion_tokens\":9}}";
                        return new MockResponse.Builder()
                                .code(200)
                                .setHeader("Content-Type", "application/json")
                                .body(body)
                                .build();
                    }
                });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    private int probe(String yaml) throws IOException {
        Path file = dir.resolve("endpoints.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        CommandLine cli = VlmEval.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ((ProbeCommand) cli.getSubcommands().get("probe").getCommand()).environment =
                Map.of("VLLM_KEY", KEY);
        return cli.execute("probe", "--endpoints", file.toString(), "--timeout", "20s");
    }

    private String root() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Test
    void bothProtocolsAnswerAndEveryRequestFieldIsAsTheServersExpect() throws Exception {
        int exit =
                probe(
                        """
                        endpoints:
                          - name: llama-11b
                            protocol: openai
                            family: llama-3.2-vision
                            base_url: %s/v1
                            model: meta-llama/Llama-3.2-11B-Vision-Instruct
                            api_key_env: VLLM_KEY
                            max_tokens: 64
                          - name: qwen-ollama
                            protocol: ollama
                            family: qwen2.5-vl
                            base_url: %s
                            model: qwen2.5vl
                            max_tokens: 64
                        """
                                .formatted(root(), root()));

        assertThat(violations).isEmpty();
        assertThat(exit).as(out + "\n" + err).isZero();
        String table = out.toString();
        assertThat(table.lines().findFirst().orElseThrow())
                .contains(
                        "ENDPOINT",
                        "PROTOCOL",
                        "MODEL",
                        "STATUS",
                        "LATENCY_MS",
                        "TOKENS_IN",
                        "TOKENS_OUT");
        assertThat(table)
                .contains("llama-11b", "openai", "A red square and a blue circle.", "1601")
                .contains("qwen-ollama", "ollama", "Red and blue.", "88")
                .doesNotContain(KEY);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aDeadEndpointFailsTheProbeWithItsReason() throws Exception {
        int exit =
                probe(
                        """
                        endpoints:
                          - name: ok
                            protocol: ollama
                            base_url: %s
                            model: qwen2.5vl
                          - name: nobody-home
                            protocol: openai
                            base_url: http://127.0.0.1:1/v1
                            model: m
                            max_retries: 0
                        """
                                .formatted(root()));
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("nobody-home").contains("connect_failed");
    }

    @Test
    void anUnusableEndpointsFileNamesTheField() throws Exception {
        int exit =
                probe(
                        """
                        endpoints:
                          - name: qwen
                            protocol: openai
                            base_url: %s/v1
                            model: q
                            max_concurrency: -1
                        """
                                .formatted(root()));
        assertThat(exit).isEqualTo(ProbeCommand.EXIT_CONFIG);
        assertThat(err.toString())
                .contains("endpoints.yaml: endpoints[0].max_concurrency: must be >= 1");
        assertThat(server.getRequestCount()).isZero();
    }

    /** The wire contract, written from the servers' documentation, not from our client. */
    private static List<String> check(RecordedRequest request) {
        List<String> problems = new ArrayList<>();
        String path = request.getUrl().encodedPath();
        if (!"POST".equals(request.getMethod())) {
            problems.add("method " + request.getMethod());
        }
        String contentType = request.getHeaders().get("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            problems.add("Content-Type " + contentType);
        }
        JsonNode body;
        try {
            body = JsonCodec.MAPPER.readTree(request.getBody().utf8());
        } catch (IOException e) {
            problems.add("body is not JSON");
            return problems;
        }
        if (path.equals("/v1/chat/completions")) {
            if (!("Bearer " + KEY).equals(request.getHeaders().get("Authorization"))) {
                problems.add("Authorization header missing or wrong");
            }
            expect(problems, body, "model", "meta-llama/Llama-3.2-11B-Vision-Instruct");
            expect(problems, body, "stream", "false");
            expect(problems, body, "max_tokens", "64");
            expect(problems, body, "temperature", "0.0");
            JsonNode messages = body.path("messages");
            if (messages.size() != 1 || !"user".equals(messages.path(0).path("role").asText())) {
                problems.add(
                        "Llama 3.2 Vision takes exactly one user message and no system message with an image");
            }
            JsonNode content = messages.path(0).path("content");
            if (content.size() != 2
                    || !"image_url".equals(content.path(0).path("type").asText())
                    || !"text".equals(content.path(1).path("type").asText())) {
                problems.add(
                        "content must be [image_url, text] (image first for Llama 3.2 Vision), was "
                                + content);
            } else {
                String url = content.path(0).path("image_url").path("url").asText();
                if (!url.startsWith("data:image/png;base64,")
                        || !isPng(url.substring(url.indexOf(',') + 1))) {
                    problems.add("image_url.url must be a PNG data URL");
                }
                if (content.path(1).path("text").asText().isBlank()) {
                    problems.add("empty question text");
                }
            }
        } else if (path.equals("/api/chat")) {
            if (request.getHeaders().get("Authorization") != null) {
                problems.add("no key configured, yet an Authorization header was sent");
            }
            expect(problems, body, "model", "qwen2.5vl");
            expect(problems, body, "stream", "false");
            JsonNode message = body.path("messages").path(0);
            if (body.path("messages").size() != 1
                    || !"user".equals(message.path("role").asText())) {
                problems.add("one user message expected");
            }
            if (message.path("content").asText().isBlank()) {
                problems.add("message.content must be the question text");
            }
            JsonNode images = message.path("images");
            if (images.size() != 1
                    || images.path(0).asText().startsWith("data:")
                    || !isPng(images.path(0).asText())) {
                problems.add("images must hold one raw base64 PNG without a data: prefix");
            }
            if (body.path("options").path("temperature").asDouble(-1) != 0.0
                    || body.path("options").path("num_predict").asInt(-1) <= 0) {
                problems.add(
                        "options.temperature and options.num_predict expected, was "
                                + body.path("options"));
            }
        } else {
            problems.add("unexpected path " + path);
        }
        return problems;
    }

    private static void expect(List<String> problems, JsonNode body, String field, String value) {
        if (!body.has(field) || !value.equals(body.get(field).asText())) {
            problems.add(field + " expected " + value + ", was " + body.get(field));
        }
    }

    private static boolean isPng(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            return bytes.length > 8
                    && (bytes[0] & 0xFF) == 0x89
                    && bytes[1] == 'P'
                    && bytes[2] == 'N'
                    && bytes[3] == 'G';
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
