package org.vlmeval.endpoints;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.ImageMode;
import org.vlmeval.endpoints.config.ModelFamily;
import org.vlmeval.images.ImageRef;
import org.vlmeval.testing.Servers;

import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact bytes and headers on the wire, as received by a real HTTP server: the request body is
 * streamed (the image base64-encoded straight into the socket), and must be byte for byte what the
 * earlier whole-body encoding sent, with the same Content-Length and no chunking. The expected
 * bodies below were captured from that earlier encoding.
 */
class WireBytesTest {

    private static final byte[] PNG = Probe.testImage();
    private static final String B64 = Base64.getEncoder().encodeToString(PNG);
    private ClientFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ClientFixture();
        fixture.server.setDispatcher(
                Servers.dispatcher(
                        r ->
                                r.getUrl().encodedPath().equals("/api/chat")
                                        ? Servers.ollamaAnswer("ok")
                                        : Servers.openAiAnswer("ok")));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** The same image given as canonical base64, as a data: URL, or with a trailing newline. */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "dataUrl", "newline"})
    void openAiSystemTextThenImage(String given) throws Exception {
        String body =
                send(
                        fixture.openAi().systemPrompt("Be brief, \"exact\" & <safe>.").build(),
                        ImageRef.ofData(data(given), "image/png"),
                        "What is this? \u00e9\u4e2d\ud83d\ude00");
        assertThat(body)
                .isEqualTo(
                        "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief,"
                                + " \\\"exact\\\" & <safe>.\"},{\"role\":\"user\",\"content\":[{\"type\":"
                                + "\"text\",\"text\":\"What is this? \u00e9\u4e2d\\uD83D\\uDE00\"},"
                                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
                                + B64
                                + "\"}}]}],\"temperature\":0.0,\"max_tokens\":512,\"stream\":false}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "dataUrl"})
    void openAiImageFirst(String given) throws Exception {
        String body =
                send(
                        fixture.openAi()
                                .family(ModelFamily.LLAMA_3_2_VISION)
                                .temperature(0.2)
                                .maxTokens(64)
                                .build(),
                        ImageRef.ofData(data(given), "image/jpeg"),
                        "Count.");
        assertThat(body)
                .isEqualTo(
                        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                                + "\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
                                + B64
                                + "\"}},{\"type\":\"text\",\"text\":\"Count.\"}]}],\"temperature\":0.2,"
                                + "\"max_tokens\":64,\"stream\":false}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "dataUrl", "newline"})
    void ollamaRawBase64(String given) throws Exception {
        String body =
                send(
                        fixture.ollama().systemPrompt("Be brief.").maxTokens(100).build(),
                        ImageRef.ofData(data(given), "image/png"),
                        "What is this?");
        assertThat(body)
                .isEqualTo(
                        "{\"model\":\"qwen2.5vl\",\"messages\":[{\"role\":\"system\",\"content\":"
                                + "\"Be brief.\"},{\"role\":\"user\",\"content\":\"What is this?\","
                                + "\"images\":[\""
                                + B64
                                + "\"]}],\"stream\":false,\"options\":{\"temperature\":0.0,"
                                + "\"num_predict\":100}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "url"})
    void withoutInlineImage(String image) throws Exception {
        boolean url = image.equals("url");
        String body =
                send(
                        fixture.openAi().imageMode(ImageMode.URL).build(),
                        url ? ImageRef.ofUrl("https://images.example/cat.jpg?a=1&b=2") : null,
                        "What is this?");
        assertThat(body)
                .isEqualTo(
                        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                                + "\"text\",\"text\":\"What is this?\"}"
                                + (url
                                        ? ",{\"type\":\"image_url\",\"image_url\":{\"url\":"
                                                + "\"https://images.example/cat.jpg?a=1&b=2\"}}"
                                        : "")
                                + "]}],\"temperature\":0.0,\"max_tokens\":512,\"stream\":false}");
    }

    private static String data(String given) {
        return switch (given) {
            case "plain" -> B64;
            case "dataUrl" -> "data:image/png;base64," + B64;
            case "newline" -> B64 + "\n";
            default -> throw new IllegalArgumentException(given);
        };
    }

    /** Sends one question; returns the body as received, after checking the framing headers. */
    private String send(EndpointConfig endpoint, ImageRef image, String text) throws Exception {
        EndpointClient client = fixture.virtualTime(endpoint);
        ModelAnswer answer = client.ask(new ModelQuestion("r1", image, text)).join();
        assertThat(answer.ok()).as("answer %s", answer).isTrue();
        RecordedRequest request = fixture.takeRequest();
        byte[] body = request.getBody().toByteArray();
        assertThat(request.getHeaders().get("Content-Length"))
                .isEqualTo(String.valueOf(body.length));
        assertThat(request.getHeaders().get("Transfer-Encoding")).isNull();
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        return new String(body, StandardCharsets.UTF_8);
    }
}
