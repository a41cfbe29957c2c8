package org.vlmeval.endpoints.config;

import org.vlmeval.endpoints.Recordings;
import org.vlmeval.options.Check;
import org.vlmeval.options.YamlOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads an endpoints file (connectors/README.md lists every option):
 *
 * <pre>
 * images:                    # optional, shared by all endpoints
 *   root: /data/images       # where `path` images live; without it path images are refused
 *   allow_hosts: [minio]     # image URL hosts allowed although private/loopback
 * endpoints:
 *   - name: llama-11b        # unique
 *     protocol: openai       # openai | ollama | recorded
 *     base_url: http://vllm:8000/v1
 *     model: meta-llama/Llama-3.2-11B-Vision-Instruct
 * judges:                    # optional: endpoints that judge the others' answers
 *   - endpoint: llama-11b
 *     tasks: [objects, grade]
 * </pre>
 *
 * Bound by {@link YamlOptions}: unknown keys, duplicate keys and invalid values are errors naming
 * the file and the YAML path, e.g. {@code endpoints.yaml: endpoints[1].timeout: must be > 0}.
 */
public final class EndpointsConfigLoader {

    private EndpointsConfigLoader() {}

    /** The file as written: what its YAML binds to before paths are resolved. */
    private record EndpointsFile(
            List<EndpointConfig> endpoints, ImagesConfig images, List<JudgeConfig> judges) {
        EndpointsFile {
            Check.that(
                    endpoints != null && !endpoints.isEmpty(),
                    "endpoints",
                    "must be a non-empty list of endpoints");
        }
    }

    public static EndpointsConfig load(Path file) {
        return load(file, System::getenv);
    }

    public static EndpointsConfig load(Path file, UnaryOperator<String> env) {
        return build(YamlOptions.read(file, env), file.toAbsolutePath().getParent());
    }

    /**
     * @param source the file name for messages
     */
    public static EndpointsConfig parse(String yaml, String source) {
        return parse(yaml, source, null);
    }

    /**
     * @param source the file name for messages
     * @param baseDir the directory relative {@code recordings} paths resolve against, or null to
     *     keep them as written
     */
    public static EndpointsConfig parse(String yaml, String source, Path baseDir) {
        return build(YamlOptions.parse(yaml, source, System::getenv), baseDir);
    }

    private static EndpointsConfig build(YamlOptions options, Path baseDir) {
        EndpointsFile file = options.bind(EndpointsFile.class);
        List<EndpointConfig> endpoints = new ArrayList<>();
        for (int i = 0; i < file.endpoints().size(); i++) {
            EndpointConfig endpoint = file.endpoints().get(i);
            if (endpoint.protocol() == Protocol.RECORDED) {
                String written = endpoint.recordings();
                Path recordings =
                        baseDir == null ? Path.of(written) : baseDir.resolve(written).normalize();
                // Read now: a missing or broken recordings file is a configuration error, not a
                // failure of the running job.
                String name = endpoint.name();
                options.at("endpoints[" + i + "]", () -> Recordings.load(recordings, name));
                endpoint = endpoint.toBuilder().recordings(recordings.toString()).build();
            }
            endpoints.add(endpoint);
        }
        return options.at(
                "",
                () -> new EndpointsConfig(options.file(), endpoints, file.images(), file.judges()));
    }
}
