package org.vlmeval.endpoints;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.ImagesConfig;
import org.vlmeval.options.ConfigException;
import org.vlmeval.testing.LogCapture;
import org.vlmeval.testing.Servers;

import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API key goes into the Authorization header and nowhere else. */
class ApiKeySecrecyTest {

    private static final String KEY = "sk-test-S3CR3T-9f8e7d6c5b4a";

    @Test
    void keyNeverAppearsInLogsMessagesAnswersOrToString() throws Exception {
        List<String> visible = new ArrayList<>();
        String logs;
        try (ClientFixture fixture = new ClientFixture();
                LogCapture capture = new LogCapture()) {
            Queue<MockResponse> script = new ConcurrentLinkedQueue<>();
            // Servers echo keys in their errors: such bodies end up in error messages.
            script.add(Servers.json(503, "{\"error\":\"overloaded for key " + KEY + "\"}"));
            script.add(Servers.openAiAnswer("fine"));
            script.add(
                    Servers.json(401, "{\"error\":\"Incorrect API key provided: " + KEY + "\"}"));
            script.add(Servers.openAiAnswer("fine"));
            fixture.server.setDispatcher(
                    Servers.dispatcher(
                            r -> {
                                assertThat(r.getHeaders().get("Authorization"))
                                        .isEqualTo("Bearer " + KEY);
                                MockResponse next = script.poll();
                                return next != null ? next : Servers.json(500, "key " + KEY);
                            }));
            EndpointConfig endpoint =
                    fixture.openAi()
                            .apiKeyEnv("VLLM_API_KEY")
                            .maxRetries(1)
                            .circuitFailureThreshold(1)
                            .build();
            EndpointClient client =
                    fixture.virtualTime(
                            endpoint, Map.of("VLLM_API_KEY", KEY), ImagesConfig.DEFAULT);

            for (int i = 0; i < 5; i++) {
                ModelAnswer answer = client.ask(new ModelQuestion("r" + i, null, "q")).join();
                visible.add(answer.toString());
                if (!answer.ok()) {
                    visible.add(answer.error().message());
                }
            }
            visible.add(endpoint.toString());
            visible.add(client.toString());
            visible.add(fixture.clients().toString());
            visible.add(fixture.clients().config().toString());
            fixture.clients().close();
            logs = capture.text();
        }

        assertThat(logs).contains("HTTP 503").contains("HTTP 401").contains("***");
        assertThat(visible)
                .anySatisfy(text -> assertThat(text).contains("Incorrect API key provided: ***"));
        assertThat(visible).anySatisfy(text -> assertThat(text).contains("VLLM_API_KEY"));
        assertThat(logs).doesNotContain(KEY).doesNotContain("S3CR3T");
        assertThat(visible).allSatisfy(text -> assertThat(text).doesNotContain("S3CR3T"));
    }

    @Test
    void aSuccessfulButUnusableBodyEchoingTheKeyIsRedacted() throws Exception {
        try (ClientFixture fixture = new ClientFixture()) {
            // An echo service or a misrouted proxy answers 200 with the request headers.
            fixture.server.setDispatcher(
                    Servers.dispatcher(
                            r ->
                                    Servers.json(
                                            200,
                                            "{\"headers\":{\"Authorization\":\"Bearer "
                                                    + KEY
                                                    + "\"}}")));
            EndpointClient client =
                    fixture.virtualTime(
                            fixture.openAi().apiKeyEnv("VLLM_API_KEY").build(),
                            Map.of("VLLM_API_KEY", KEY),
                            ImagesConfig.DEFAULT);

            ModelAnswer answer = client.ask(new ModelQuestion("r", null, "q")).join();

            assertThat(answer.error().kind()).isEqualTo(ErrorKind.BAD_RESPONSE);
            assertThat(answer.error().message()).contains("Bearer ***").doesNotContain("S3CR3T");
        }
    }

    @Test
    void missingVariableIsAConfigErrorNamingTheVariable() {
        EndpointsConfig config =
                new EndpointsConfig(
                        "endpoints.yaml",
                        List.of(
                                EndpointConfig.builder(
                                                "together",
                                                org.vlmeval.endpoints.config.Protocol.OPENAI,
                                                "https://api.together.xyz/v1",
                                                "m")
                                        .apiKeyEnv("TOGETHER_API_KEY")
                                        .build()),
                        ImagesConfig.DEFAULT);

        assertThatThrownBy(() -> EndpointClients.create(config, Map.of("OTHER", KEY)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "endpoints.yaml: endpoints[0].api_key_env: environment"
                                + " variable TOGETHER_API_KEY is not set");
        assertThatThrownBy(() -> EndpointClients.create(config, Map.of("TOGETHER_API_KEY", " ")))
                .hasMessageContaining("TOGETHER_API_KEY is not set");
    }
}
