package org.vlmeval.endpoints;

import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.EndpointsConfigLoader;
import org.vlmeval.options.ConfigException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordedEndpointTest {

    static final String YAML =
            "endpoints:\n"
                    + "  - name: a\n"
                    + "    protocol: recorded\n"
                    + "    model: model-a\n"
                    + "    recordings: rec.jsonl\n"
                    + "    price_per_million_input_tokens: 1.0\n"
                    + "    price_per_million_output_tokens: 2.0\n";

    @Test
    void answersFromTheRecordingsWithoutNetwork(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("rec.jsonl"),
                "{\"request_id\":\"q1\",\"endpoint\":\"a\",\"text\":\"Seven.\",\"finish_reason\":\"stop\","
                        + "\"latency_ms\":1830,\"input_tokens\":1290,\"output_tokens\":9}\n"
                        + "{\"request_id\":\"q1\",\"endpoint\":\"b\",\"text\":\"Other endpoint.\"}\n"
                        + "\n"
                        + "{\"request_id\":\"q2\",\"endpoint\":\"a\",\"error_kind\":\"timeout\","
                        + "\"error_message\":\"deadline\",\"latency_ms\":60000}\n");
        Files.writeString(dir.resolve("endpoints.yaml"), YAML);
        EndpointsConfig config = EndpointsConfigLoader.load(dir.resolve("endpoints.yaml"));
        assertThat(config.endpoints().get(0).recordings())
                .isEqualTo(dir.resolve("rec.jsonl").toString());
        try (EndpointClients clients = EndpointClients.create(config, Map.of())) {
            EndpointClient a = clients.client("a");
            ModelAnswer q1 = a.ask(new ModelQuestion("q1", null, "How many?")).get();
            assertThat(q1.text()).isEqualTo("Seven.");
            assertThat(q1.finishReason()).isEqualTo("stop");
            assertThat(q1.latencyMs()).isEqualTo(1830);
            assertThat(q1.inputTokens()).isEqualTo(1290);
            assertThat(q1.cost(config.endpoints().get(0))).isEqualTo((1290 * 1.0 + 9 * 2.0) / 1e6);
            ModelAnswer q2 = a.ask(new ModelQuestion("q2", null, "?")).get();
            assertThat(q2.error().kind()).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(q2.error().message()).isEqualTo("deadline");
            ModelAnswer missing = a.ask(new ModelQuestion("q3", null, "?")).get();
            assertThat(missing.error().kind()).isEqualTo(ErrorKind.NOT_RECORDED);
            assertThat(missing.attempts()).isZero();
        }
    }

    @Test
    void configurationErrorsNameTheFieldOrLine(@TempDir Path dir) throws Exception {
        assertThatThrownBy(
                        () ->
                                EndpointsConfigLoader.parse(
                                        "endpoints:\n  - {name: a, protocol: recorded, model: m}\n",
                                        "e.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("e.yaml: endpoints[0].recordings: is required");
        assertThatThrownBy(
                        () ->
                                EndpointsConfigLoader.parse(
                                        "endpoints:\n  - {name: a, protocol: openai, model: m,"
                                                + " base_url: 'http://h/v1', recordings: r.jsonl}\n",
                                        "e.yaml"))
                .hasMessageContaining("only protocol 'recorded' reads recordings");
        Files.writeString(dir.resolve("endpoints.yaml"), YAML);
        // The recordings are read when the configuration is loaded, not when the job runs.
        assertThatThrownBy(() -> EndpointsConfigLoader.load(dir.resolve("endpoints.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("endpoints.yaml: endpoints[0].recordings: cannot read");
        Files.writeString(dir.resolve("rec.jsonl"), "{\"endpoint\":\"a\",\"text\":\"x\"}\n");
        assertThatThrownBy(() -> EndpointsConfigLoader.load(dir.resolve("endpoints.yaml")))
                .hasMessageContaining("rec.jsonl line 1: request_id is missing");
    }
}
