package org.vlmeval.endpoints.config;

import org.vlmeval.options.Check;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A whole endpoints file: its endpoints (names unique), the image sources they may use, and the
 * endpoints named judges.
 *
 * @param source the file name used in error messages, e.g. {@code endpoints.yaml}
 * @param judges judges (names unique), each naming one of {@code endpoints}; empty when none
 */
public record EndpointsConfig(
        String source,
        List<EndpointConfig> endpoints,
        ImagesConfig images,
        List<JudgeConfig> judges)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public EndpointsConfig {
        source = source == null ? "endpoints" : source;
        endpoints = List.copyOf(endpoints);
        images = images == null ? ImagesConfig.DEFAULT : images;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < endpoints.size(); i++) {
            String name = endpoints.get(i).name();
            Check.that(
                    names.add(name),
                    "endpoints[" + i + "].name",
                    "'" + name + "' names an earlier endpoint too");
        }
        judges = judges == null ? List.of() : List.copyOf(judges);
        Set<String> judgeNames = new HashSet<>();
        for (int i = 0; i < judges.size(); i++) {
            JudgeConfig judge = judges.get(i);
            String where = "judges[" + i + "].";
            Check.that(
                    judgeNames.add(judge.name()),
                    where + "name",
                    "'" + judge.name() + "' names an earlier judge too");
            Check.that(
                    names.contains(judge.endpoint()),
                    where + "endpoint",
                    "'"
                            + judge.endpoint()
                            + "' is not an endpoint of this file (known: "
                            + String.join(
                                    ", ", endpoints.stream().map(EndpointConfig::name).toList())
                            + ")");
            EndpointConfig endpoint = endpoint(endpoints, judge.endpoint());
            Check.that(
                    judge.maxCostPerHour() == null
                            || (endpoint.pricePerMillionInputTokens() != null
                                    && endpoint.pricePerMillionOutputTokens() != null),
                    where + "max_cost_per_hour",
                    "needs both prices of endpoint '"
                            + judge.endpoint()
                            + "' (price_per_million_input_tokens and"
                            + " price_per_million_output_tokens): without them no cost is known");
        }
    }

    public EndpointsConfig(String source, List<EndpointConfig> endpoints, ImagesConfig images) {
        this(source, endpoints, images, List.of());
    }

    /** No endpoints: a job that only re-scores recorded answers. */
    public static EndpointsConfig none() {
        return new EndpointsConfig("none", List.of(), null);
    }

    public Optional<EndpointConfig> endpoint(String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<JudgeConfig> judge(String name) {
        return judges.stream().filter(j -> j.name().equals(name)).findFirst();
    }

    private static EndpointConfig endpoint(List<EndpointConfig> endpoints, String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }
}
