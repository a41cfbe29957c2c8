package org.vlmeval.endpoints;

import org.vlmeval.endpoints.config.ImageMode;
import org.vlmeval.endpoints.config.ImagesConfig;
import org.vlmeval.endpoints.config.ModelFamily;
import org.vlmeval.images.ImageRef;
import org.vlmeval.testing.LogCapture;
import org.vlmeval.testing.Servers;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vlmeval.endpoints.ClientFixture.body;
import static org.vlmeval.endpoints.ClientFixture.json;

/** Request bodies exactly as each server kind expects them. */
class WireFormatGoldenTest {

    private static final String PNG = Base64.getEncoder().encodeToString(Probe.testImage());
    private ClientFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ClientFixture();
        fixture.server.setDispatcher(
                Servers.dispatcher(
                        r ->
                                r.getUrl().encodedPath().equals("/api/chat")
                                        ? Servers.ollamaAnswer("red and blue")
                                        : Servers.openAiAnswer("red and blue")));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void openAiGenericSendsSystemThenTextThenImageWithBearerKey() throws Exception {
        EndpointClient client =
                fixture.virtualTime(
                        fixture.openAi().apiKeyEnv("VLLM_KEY").systemPrompt("Be brief.").build(),
                        Map.of("VLLM_KEY", "k-123"),
                        ImagesConfig.DEFAULT);

        ModelAnswer answer = ask(client, ImageRef.ofData(PNG, "image/png"));

        RecordedRequest request = fixture.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer k-123");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(body(request))
                .isEqualTo(
                        json(
                                """
                                {"model":"m",
                                 "messages":[
                                   {"role":"system","content":"Be brief."},
                                   {"role":"user","content":[
                                     {"type":"text","text":"What is this?"},
                                     {"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}}]}],
                                 "temperature":0.0,"max_tokens":512,"stream":false}
                                """
                                        .formatted(PNG)));
        assertThat(answer)
                .isEqualTo(new ModelAnswer("vllm", "red and blue", "stop", 0, 12, 5, 200, 1, null));
    }

    @Test
    void llamaPutsTheImageFirstAndDropsTheSystemPromptWithAWarning() throws Exception {
        EndpointClient client;
        try (LogCapture logs = new LogCapture()) {
            client =
                    fixture.virtualTime(
                            fixture.openAi()
                                    .family(ModelFamily.LLAMA_3_2_VISION)
                                    .systemPrompt("Be brief.")
                                    .temperature(0.2)
                                    .maxTokens(64)
                                    .build());
            assertThat(logs.text())
                    .contains("WARN")
                    .contains(
                            "endpoint 'vllm': system_prompt is dropped from questions with an image");
        }

        ask(client, ImageRef.ofData(PNG, "image/png"));

        RecordedRequest request = fixture.takeRequest();
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(body(request))
                .isEqualTo(
                        json(
                                """
                                {"model":"m",
                                 "messages":[
                                   {"role":"user","content":[
                                     {"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}},
                                     {"type":"text","text":"What is this?"}]}],
                                 "temperature":0.2,"max_tokens":64,"stream":false}
                                """
                                        .formatted(PNG)));
    }

    @Test
    void llamaKeepsTheSystemPromptForTextOnlyQuestions() throws Exception {
        EndpointClient client =
                fixture.virtualTime(
                        fixture.openAi()
                                .family(ModelFamily.LLAMA_3_2_VISION)
                                .systemPrompt("Be brief.")
                                .build());

        ask(client, null);

        assertThat(body(fixture.takeRequest()).get("messages"))
                .isEqualTo(
                        json(
                                """
                                [{"role":"system","content":"Be brief."},
                                 {"role":"user","content":[{"type":"text","text":"What is this?"}]}]
                                """));
    }

    @Test
    void qwenPutsTheImageFirstAndKeepsTheSystemPrompt() throws Exception {
        EndpointClient client =
                fixture.virtualTime(
                        fixture.openAi()
                                .family(ModelFamily.QWEN2_5_VL)
                                .systemPrompt("Be brief.")
                                .build());

        ask(client, ImageRef.ofData(PNG, "image/png"));

        var messages = body(fixture.takeRequest()).get("messages");
        assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
        assertThat(messages.get(1).get("content").get(0).get("type").asText())
                .isEqualTo("image_url");
        assertThat(messages.get(1).get("content").get(1).get("type").asText()).isEqualTo("text");
    }

    @Test
    void urlModePassesHttpUrlsThroughWithoutFetching() throws Exception {
        EndpointClient client =
                fixture.virtualTime(fixture.openAi().imageMode(ImageMode.URL).build());

        ask(client, ImageRef.ofUrl("https://images.example/cat.jpg"));

        RecordedRequest request = fixture.takeRequest();
        assertThat(body(request).at("/messages/0/content/1"))
                .isEqualTo(
                        json(
                                """
                                {"type":"image_url","image_url":{"url":"https://images.example/cat.jpg"}}
                                """));
        assertThat(fixture.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void urlModeRefusesOtherSchemesInsteadOfForwardingThem() {
        EndpointClient client =
                fixture.virtualTime(fixture.openAi().imageMode(ImageMode.URL).build());

        ModelAnswer answer = ask(client, ImageRef.ofUrl("file:///etc/passwd"));

        assertThat(answer.error())
                .isEqualTo(
                        new AnswerError(
                                ErrorKind.IMAGE_ERROR,
                                "image url must be http or https, was file:///etc/passwd"));
        assertThat(fixture.server.getRequestCount()).isZero();
    }

    @Test
    void ollamaSendsRawBase64InImagesAndOptions() throws Exception {
        EndpointClient client =
                fixture.virtualTime(
                        fixture.ollama().family(ModelFamily.QWEN2_5_VL).maxTokens(100).build());

        ModelAnswer answer = ask(client, ImageRef.ofData(PNG, "image/png"));

        RecordedRequest request = fixture.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/chat");
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(body(request))
                .isEqualTo(
                        json(
                                """
                                {"model":"qwen2.5vl",
                                 "messages":[{"role":"user","content":"What is this?","images":["%s"]}],
                                 "stream":false,
                                 "options":{"temperature":0.0,"num_predict":100}}
                                """
                                        .formatted(PNG)));
        assertThat(answer)
                .isEqualTo(
                        new ModelAnswer("ollama", "red and blue", "stop", 0, 20, 7, 200, 1, null));
    }

    @Test
    void ollamaLlamaDropsTheSystemPromptWithAnImage() throws Exception {
        EndpointClient client =
                fixture.virtualTime(
                        fixture.ollama()
                                .family(ModelFamily.LLAMA_3_2_VISION)
                                .systemPrompt("Be brief.")
                                .build());

        ask(client, ImageRef.ofData(PNG, "image/png"));

        var messages = body(fixture.takeRequest()).get("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("role").asText()).isEqualTo("user");
    }

    @Test
    void inlineModeFetchesAllowListedUrlImagesAndSendsThemAsDataUrls() throws Exception {
        byte[] png = Probe.testImage();
        fixture.server.setDispatcher(
                Servers.dispatcher(
                        r ->
                                r.getUrl().encodedPath().equals("/img.png")
                                        ? new MockResponse.Builder()
                                                .setHeader("Content-Type", "image/png")
                                                .body(new okio.Buffer().write(png))
                                                .build()
                                        : Servers.openAiAnswer("ok")));
        EndpointClient client =
                fixture.virtualTime(
                        fixture.openAi().build(),
                        Map.of(),
                        new ImagesConfig(null, List.of("127.0.0.1")));

        ModelAnswer answer = ask(client, ImageRef.ofUrl(fixture.loopbackUrl("/img.png")));

        assertThat(answer.ok()).as("answer %s", answer).isTrue();
        assertThat(fixture.takeRequest().getUrl().encodedPath()).isEqualTo("/img.png");
        assertThat(body(fixture.takeRequest()).at("/messages/0/content/1/image_url/url").asText())
                .isEqualTo("data:image/png;base64," + PNG);
    }

    private static ModelAnswer ask(EndpointClient client, ImageRef image) {
        return client.ask(new ModelQuestion("r1", image, "What is this?")).join();
    }
}
