package org.vlmeval.pipeline;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.Protocol;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PerSubtaskLimitsTest {

    @Test
    void concurrencyAndRateLimitsAreTheEndpointsTotalsSplitOverTheSubtasks() {
        EndpointConfig e =
                EndpointConfig.builder("e", Protocol.OPENAI, "http://h/v1", "m")
                        .maxConcurrency(5)
                        .requestsPerMinute(60)
                        .tokensPerMinute(100_001)
                        .build();
        EndpointConfig share = CallEndpoint.perSubtask(e, 2);
        assertThat(share.maxConcurrency()).isEqualTo(3);
        assertThat(share.requestsPerMinute()).isEqualTo(30);
        assertThat(share.tokensPerMinute()).isEqualTo(50_001);
        assertThat(CallEndpoint.perSubtask(e, 1)).isSameAs(e);
        EndpointConfig tiny =
                EndpointConfig.builder("t", Protocol.OPENAI, "http://h/v1", "m")
                        .maxConcurrency(1)
                        .requestsPerMinute(1)
                        .build();
        assertThat(CallEndpoint.perSubtask(tiny, 4).maxConcurrency()).isEqualTo(1);
        assertThat(CallEndpoint.perSubtask(tiny, 4).requestsPerMinute()).isEqualTo(1);
        assertThat(CallEndpoint.perSubtask(tiny, 4).tokensPerMinute()).isNull();
    }

    @Test
    void windowFamiliesOfOneSizeAreRejectedTheirRowsWouldCollide() {
        PipelineOptions.Builder b =
                PipelineOptions.builder(new EndpointsConfig("none", List.of(), null));
        assertThatThrownBy(
                        () ->
                                b.windows(
                                                List.of(
                                                        WindowSpec.DEFAULT_SLIDING,
                                                        WindowSpec.tumbling(Duration.ofMinutes(5))))
                                        .build())
                .hasMessage(
                        "windows[1]: sliding-5m-1m and tumbling-5m have the same size; their windows would share rows");
    }
}
