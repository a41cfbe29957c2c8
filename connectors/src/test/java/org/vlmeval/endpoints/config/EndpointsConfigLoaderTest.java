package org.vlmeval.endpoints.config;

import org.vlmeval.options.ConfigException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointsConfigLoaderTest {

    private static final String MINIMAL =
            """
            endpoints:
              - name: qwen
                protocol: openai
                base_url: http://vllm:8000/v1/
                model: Qwen/Qwen2.5-VL-7B-Instruct
            """;

    @Test
    void minimalEndpointGetsTheDocumentedDefaults() {
        EndpointsConfig config = EndpointsConfigLoader.parse(MINIMAL, "endpoints.yaml");

        EndpointConfig qwen = config.endpoint("qwen").orElseThrow();
        assertThat(qwen.baseUrl()).isEqualTo("http://vllm:8000/v1");
        assertThat(qwen.chatUrl()).isEqualTo("http://vllm:8000/v1/chat/completions");
        assertThat(qwen.family()).isEqualTo(ModelFamily.GENERIC);
        assertThat(qwen.maxConcurrency()).isEqualTo(8);
        assertThat(qwen.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(qwen.maxRetries()).isEqualTo(3);
        assertThat(qwen.temperature()).isZero();
        assertThat(qwen.maxTokens()).isEqualTo(512);
        assertThat(qwen.imageMode()).isEqualTo(ImageMode.INLINE);
        assertThat(qwen.maxImageBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(qwen.apiKeyEnv()).isNull();
        assertThat(qwen.requestsPerMinute()).isNull();
        assertThat(qwen.maxImagePixels()).isNull();
        assertThat(config.images()).isEqualTo(ImagesConfig.DEFAULT);
    }

    @Test
    void everyFieldIsRead() {
        String yaml =
                """
                images:
                  root: /data/images
                  allow_hosts: [MinIO.internal, "[::1]"]
                endpoints:
                  - name: ollama-qwen
                    protocol: ollama
                    base_url: http://ollama:11434
                    model: qwen2.5vl
                    api_key_env: OLLAMA_KEY
                    family: qwen2.5-vl
                    max_concurrency: 2
                    timeout: 500ms
                    max_retries: 0
                    retry_base_delay: 100ms
                    retry_max_delay: 2m
                    circuit_failure_threshold: 3
                    circuit_cool_down: 1h
                    requests_per_minute: 30
                    tokens_per_minute: 9000
                    temperature: 0.7
                    max_tokens: 64
                    system_prompt: Be brief.
                    image_mode: inline
                    max_image_bytes: 1000
                    max_image_pixels: 4096
                    price_per_million_input_tokens: 0.5
                    price_per_million_output_tokens: 1.5
                """;

        EndpointsConfig config = EndpointsConfigLoader.parse(yaml, "endpoints.yaml");

        EndpointConfig expected =
                EndpointConfig.builder(
                                "ollama-qwen", Protocol.OLLAMA, "http://ollama:11434", "qwen2.5vl")
                        .apiKeyEnv("OLLAMA_KEY")
                        .family(ModelFamily.QWEN2_5_VL)
                        .maxConcurrency(2)
                        .timeout(Duration.ofMillis(500))
                        .maxRetries(0)
                        .retryBaseDelay(Duration.ofMillis(100))
                        .retryMaxDelay(Duration.ofMinutes(2))
                        .circuitFailureThreshold(3)
                        .circuitCoolDown(Duration.ofHours(1))
                        .requestsPerMinute(30)
                        .tokensPerMinute(9000)
                        .temperature(0.7)
                        .maxTokens(64)
                        .systemPrompt("Be brief.")
                        .maxImageBytes(1000)
                        .maxImagePixels(4096L)
                        .pricePerMillionInputTokens(0.5)
                        .pricePerMillionOutputTokens(1.5)
                        .build();
        assertThat(config.endpoints()).containsExactly(expected);
        assertThat(config.endpoints().get(0).chatUrl()).isEqualTo("http://ollama:11434/api/chat");
        assertThat(config.images().root()).isEqualTo("/data/images");
        assertThat(config.images().allowHosts()).containsExactly("minio.internal", "::1");
        assertThat(config.images().allows("[::1]")).isTrue();
    }

    @Test
    void negativeLimitNamesFileEndpointFieldAndValue() {
        assertThatThrownBy(() -> parseEndpointWith("max_concurrency: -1"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("endpoints.yaml: endpoints[0].max_concurrency: must be >= 1, was -1");
    }

    @Test
    void invalidValuesAreReportedPerField() {
        assertThatThrownBy(() -> parseEndpointWith("timeout: 30"))
                .hasMessage(
                        "endpoints.yaml: endpoints[0].timeout: must be a duration such as 500ms,"
                                + " 30s, 2m or 1h, was 30");
        assertThatThrownBy(() -> parseEndpointWith("timeout: 30 seconds"))
                .hasMessage(
                        "endpoints.yaml: endpoints[0].timeout: expected a duration such as"
                                + " 500ms, 30s, 2m or 1h, was '30 seconds'");
        assertThatThrownBy(() -> parseEndpointWith("timeout: 0s"))
                .hasMessage("endpoints.yaml: endpoints[0].timeout: must be > 0, was 0s");
        assertThatThrownBy(() -> parseEndpointWith("max_retries: -2"))
                .hasMessageEndingWith("endpoints[0].max_retries: must be >= 0, was -2");
        assertThatThrownBy(() -> parseEndpointWith("requests_per_minute: 0"))
                .hasMessageEndingWith("endpoints[0].requests_per_minute: must be >= 1, was 0");
        assertThatThrownBy(() -> parseEndpointWith("max_tokens: many"))
                .hasMessageEndingWith(
                        "endpoints[0].max_tokens: must be a whole number, was 'many'");
        assertThatThrownBy(() -> parseEndpointWith("price_per_million_input_tokens: -1.0"))
                .hasMessageEndingWith(
                        "endpoints[0].price_per_million_input_tokens: must be a finite number >= 0, was"
                                + " -1.0");
        assertThatThrownBy(() -> parseEndpointWith("family: llava"))
                .hasMessageEndingWith(
                        "endpoints[0].family: must be one of llama-3.2-vision, qwen2-vl,"
                                + " qwen2.5-vl, generic, was 'llava'");
        assertThatThrownBy(() -> parseEndpointWith("temperature: 3"))
                .hasMessageEndingWith("endpoints[0].temperature: must be in [0.0, 2.0], was 3.0");
    }

    @Test
    void judgesNameConfiguredEndpointsAndTakeTheDocumentedDefaults() {
        EndpointsConfig config =
                EndpointsConfigLoader.parse(
                        MINIMAL + "judges:\n  - endpoint: qwen\n    tasks: [objects, grade]\n",
                        "endpoints.yaml");
        JudgeConfig judge = config.judges().get(0);
        assertThat(judge.name()).isEqualTo("qwen");
        assertThat(judge.tasks()).containsExactly(JudgeTask.OBJECTS, JudgeTask.GRADE);
        assertThat(judge.sampleRate()).isEqualTo(1.0);
        assertThat(judge.maxCallsPerMinute()).isNull();
        assertThat(judge.maxCostPerHour()).isNull();
        assertThat(judge.selfJudging()).isEqualTo(SelfJudging.FORBID);
        assertThat(judge.language()).isEqualTo(PromptLanguage.AUTO);
        assertThat(judge.promptVersion()).isEqualTo("v1");
        assertThat(config.judge("qwen")).contains(judge);
    }

    @Test
    void twoJudgesOfOneNameAreAnError() {
        assertThatThrownBy(
                        () ->
                                EndpointsConfigLoader.parse(
                                        MINIMAL
                                                + "judges:\n"
                                                + "  - {endpoint: qwen, tasks: [grade]}\n"
                                                + "  - {endpoint: qwen, tasks: [objects]}\n",
                                        "endpoints.yaml"))
                .hasMessage("endpoints.yaml: judges[1].name: 'qwen' names an earlier judge too");
    }

    @Test
    void familiesShareALineOfModelsGenericShareNothing() {
        assertThat(ModelFamily.QWEN2_VL.sameFamilyAs(ModelFamily.QWEN2_5_VL)).isTrue();
        assertThat(ModelFamily.LLAMA_3_2_VISION.sameFamilyAs(ModelFamily.LLAMA_3_2_VISION))
                .isTrue();
        assertThat(ModelFamily.QWEN2_VL.sameFamilyAs(ModelFamily.LLAMA_3_2_VISION)).isFalse();
        assertThat(ModelFamily.GENERIC.sameFamilyAs(ModelFamily.GENERIC)).isFalse();
    }

    @Test
    void unknownKeysAreErrorsNotIgnored() {
        assertThatThrownBy(() -> parseEndpointWith("max_concurrrency: 4"))
                .hasMessageStartingWith(
                        "endpoints.yaml: endpoints[0].max_concurrrency: unknown field (known: api_key_env,");
        assertThatThrownBy(
                        () ->
                                EndpointsConfigLoader.parse(
                                        MINIMAL + "image:\n  root: /x\n", "endpoints.yaml"))
                .hasMessage(
                        "endpoints.yaml: image: unknown field (known: endpoints, images, judges)");
        assertThatThrownBy(
                        () ->
                                EndpointsConfigLoader.parse(
                                        MINIMAL + "images:\n  roots: /x\n", "endpoints.yaml"))
                .hasMessage(
                        "endpoints.yaml: images.roots: unknown field (known: allow_hosts, root)");
    }

    @Test
    void missingFieldsAreNamed() {
        assertThatThrownBy(
                        () ->
                                EndpointsConfigLoader.parse(
                                        "endpoints:\n  - protocol: openai\n", "endpoints.yaml"))
                .hasMessage("endpoints.yaml: endpoints[0].name: is required");
        assertThatThrownBy(
                        () ->
                                EndpointsConfigLoader.parse(
                                        """
                                        endpoints:
                                          - name: qwen
                                            protocol: openai
                                            base_url: http://vllm:8000/v1
                                        """,
                                        "endpoints.yaml"))
                .hasMessage("endpoints.yaml: endpoints[0].model: is required");
        assertThatThrownBy(() -> EndpointsConfigLoader.parse("images: {}\n", "endpoints.yaml"))
                .hasMessage("endpoints.yaml: endpoints: must be a non-empty list of endpoints");
    }

    @Test
    void badUrlsAreRefused() {
        assertThatThrownBy(() -> parseWithBaseUrl("vllm:8000/v1"))
                .hasMessageStartingWith(
                        "endpoints.yaml: endpoints[0].base_url: must be an http or https URL");
        assertThatThrownBy(() -> parseWithBaseUrl("ftp://vllm/v1"))
                .hasMessageContaining("endpoints[0].base_url: must be an http or https URL");
        assertThatThrownBy(() -> parseWithBaseUrl("http://user:secret@vllm/v1"))
                .hasMessage(
                        "endpoints.yaml: endpoints[0].base_url: must not contain"
                                + " credentials; use api_key_env");
        assertThatThrownBy(() -> parseWithBaseUrl("http://vllm:8000/v1?x=1"))
                .hasMessageContaining("must not have a query or fragment");
    }

    @Test
    void duplicateNamesAndDuplicateKeysAreRefused() {
        String twice = MINIMAL + MINIMAL.substring(MINIMAL.indexOf("  - name"));
        assertThatThrownBy(() -> EndpointsConfigLoader.parse(twice, "endpoints.yaml"))
                .hasMessage(
                        "endpoints.yaml: endpoints[1].name: 'qwen' names an earlier endpoint too");
        assertThatThrownBy(() -> parseEndpointWith("model: other"))
                .hasMessageStartingWith("endpoints.yaml: not valid YAML: Duplicate field 'model'");
    }

    @Test
    void aKeyPastedIntoApiKeyEnvIsNotEchoed() {
        assertThatThrownBy(() -> parseEndpointWith("api_key_env: sk-live-0123456789abcdef"))
                .hasMessage(
                        "endpoints.yaml: endpoints[0].api_key_env: must be the name of an"
                                + " environment variable (letters, digits, _), not the value"
                                + " itself")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("0123456789abcdef"));
    }

    @Test
    void ollamaCannotUseUrlImageMode() {
        String yaml =
                """
                endpoints:
                  - name: local
                    protocol: ollama
                    base_url: http://ollama:11434
                    model: llama3.2-vision
                    image_mode: url
                """;
        assertThatThrownBy(() -> EndpointsConfigLoader.parse(yaml, "endpoints.yaml"))
                .hasMessage(
                        "endpoints.yaml: endpoints[0].image_mode: ollama cannot fetch"
                                + " image URLs; use inline");
    }

    @Test
    void configSurvivesJavaSerializationAsFlinkShipsIt() throws Exception {
        EndpointsConfig config = EndpointsConfigLoader.parse(MINIMAL, "endpoints.yaml");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(config);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(config);
        }
    }

    @Test
    void loadReportsTheFileName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("my-endpoints.yaml");
        Files.writeString(file, "endpoints: []\n");
        assertThatThrownBy(() -> EndpointsConfigLoader.load(file))
                .hasMessageStartingWith("my-endpoints.yaml: endpoints: must be a non-empty list");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "endpoints-vllm.yaml",
                "endpoints-ollama.yaml",
                "endpoints-together.yaml",
                "endpoints-dashscope.yaml"
            })
    void exampleFilesLoad(String name) throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/examples/" + name).toURI());

        EndpointsConfig config = EndpointsConfigLoader.load(file);

        assertThat(config.endpoints()).isNotEmpty();
        assertThat(config.source()).isEqualTo(name);
    }

    @Test
    void exampleFilesCoverEachServerKind() throws URISyntaxException {
        List<String> urls =
                List.of("vllm", "ollama", "together", "dashscope").stream()
                        .map(kind -> "/examples/endpoints-" + kind + ".yaml")
                        .map(this::load)
                        .flatMap(c -> c.endpoints().stream())
                        .map(e -> e.protocol().yamlName() + " " + e.baseUrl() + " " + e.model())
                        .toList();
        assertThat(urls)
                .contains(
                        "openai http://vllm:8000/v1 meta-llama/Llama-3.2-11B-Vision-Instruct",
                        "ollama http://ollama:11434 llama3.2-vision",
                        "ollama http://ollama:11434 qwen2.5vl",
                        "openai https://api.together.xyz/v1 meta-llama/Llama-3.2-11B-Vision-Instruct-Turbo",
                        "openai https://dashscope.aliyuncs.com/compatible-mode/v1 qwen-vl-max");
    }

    private EndpointsConfig load(String resource) {
        try {
            return EndpointsConfigLoader.load(Path.of(getClass().getResource(resource).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EndpointsConfig parseEndpointWith(String line) {
        return EndpointsConfigLoader.parse(MINIMAL + "    " + line + "\n", "endpoints.yaml");
    }

    private static EndpointsConfig parseWithBaseUrl(String url) {
        return EndpointsConfigLoader.parse(
                MINIMAL.replace("http://vllm:8000/v1/", url), "endpoints.yaml");
    }
}
