package org.vlmeval.endpoints.config;

import org.vlmeval.options.Check;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A whole endpoints file: its endpoints (names unique) and the image sources they may use.
 *
 * @param source the file name used in error messages, e.g. {@code endpoints.yaml}
 */
public record EndpointsConfig(String source, List<EndpointConfig> endpoints, ImagesConfig images)
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
    }

    /** No endpoints: a job that only re-scores recorded answers. */
    public static EndpointsConfig none() {
        return new EndpointsConfig("none", List.of(), null);
    }

    public Optional<EndpointConfig> endpoint(String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
