package org.vlmeval.endpoints;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.ImagesConfig;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.images.ImageFormat;
import org.vlmeval.testing.Servers;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeTest {

    @Test
    void probesEveryEndpointAndReportsOneRowEach() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(
                    Servers.dispatcher(
                            r ->
                                    r.getUrl().encodedPath().equals("/api/chat")
                                            ? Servers.ollamaAnswer("Red and blue.")
                                            : Servers.openAiAnswer(
                                                    "I see a red square and a blue circle on a white background, nothing else at all.")));
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            String root = "http://127.0.0.1:" + server.getPort();
            EndpointsConfig config =
                    new EndpointsConfig(
                            "endpoints.yaml",
                            List.of(
                                    EndpointConfig.builder(
                                                    "vllm-llama",
                                                    Protocol.OPENAI,
                                                    root + "/v1",
                                                    "llama")
                                            .apiKeyEnv("KEY")
                                            .build(),
                                    EndpointConfig.builder(
                                                    "ollama-qwen",
                                                    Protocol.OLLAMA,
                                                    root,
                                                    "qwen2.5vl")
                                            .build(),
                                    EndpointConfig.builder(
                                                    "dead",
                                                    Protocol.OPENAI,
                                                    "http://127.0.0.1:" + closedPort() + "/v1",
                                                    "x")
                                            .maxRetries(0)
                                            .build()),
                            ImagesConfig.DEFAULT);

            List<ProbeRow> rows = Probe.run(config, Map.of("KEY", "k"), Duration.ofSeconds(20));

            assertThat(rows)
                    .extracting(ProbeRow::endpoint)
                    .containsExactly("vllm-llama", "ollama-qwen", "dead");
            assertThat(rows.get(0))
                    .isEqualTo(
                            new ProbeRow(
                                    "vllm-llama",
                                    "openai",
                                    "llama",
                                    "ok",
                                    rows.get(0).latencyMs(),
                                    12,
                                    5,
                                    "I see a red square and a blue circle on a white backgroun..."));
            assertThat(rows.get(0).detail()).hasSize(60);
            assertThat(rows.get(1).detail()).isEqualTo("Red and blue.");
            assertThat(rows.get(2).status()).isEqualTo("connect_failed");
            assertThat(rows.get(2).detail())
                    .startsWith("connection failed: java.net.ConnectException");
            assertThat(server.takeRequest().getBody().utf8()).contains(Probe.QUESTION);

            String table = Probe.format(rows);
            List<String> lines = table.lines().toList();
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0))
                    .startsWith(
                            "ENDPOINT     PROTOCOL  MODEL      STATUS          LATENCY_MS  TOKENS_IN  TOKENS_OUT  ANSWER_OR_ERROR");
            assertThat(lines.get(1)).contains("  ok  ").contains(" 12 ").contains(" 5 ");
            assertThat(lines.get(3)).startsWith("dead         openai    x          connect_failed");
            int answerColumn = lines.get(0).indexOf("ANSWER_OR_ERROR");
            assertThat(lines.get(2).substring(answerColumn)).isEqualTo("Red and blue.");
        }
    }

    @Test
    void endpointsSilentPastTheProbeTimeoutAreReportedAsTimeouts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(
                    Servers.dispatcher(
                            r -> {
                                try {
                                    release.await(10, TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                return Servers.openAiAnswer("late");
                            }));
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            EndpointsConfig config =
                    new EndpointsConfig(
                            "endpoints.yaml",
                            List.of(
                                    EndpointConfig.builder(
                                                    "slow",
                                                    Protocol.OPENAI,
                                                    "http://127.0.0.1:" + server.getPort() + "/v1",
                                                    "m")
                                            .build()),
                            ImagesConfig.DEFAULT);

            List<ProbeRow> rows = Probe.run(config, Map.of(), Duration.ofMillis(300));
            release.countDown();

            assertThat(rows)
                    .containsExactly(
                            new ProbeRow(
                                    "slow",
                                    "openai",
                                    "m",
                                    "timeout",
                                    null,
                                    null,
                                    null,
                                    "no answer within the probe's 300 ms"));
        }
    }

    @Test
    void builtInImageIsA64PixelPng() throws Exception {
        byte[] png = Probe.testImage();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(ImageFormat.detect(png)).isEqualTo(ImageFormat.PNG);
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(64);
        assertThat(image.getRGB(10, 10)).isEqualTo(0xffff0000);
        assertThat(image.getRGB(45, 45)).isEqualTo(0xff0000ff);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
