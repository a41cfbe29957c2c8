package org.vlmeval.config;

import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.EndpointsConfigLoader;
import org.vlmeval.options.Check;
import org.vlmeval.options.YamlOptions;
import org.vlmeval.pipeline.PipelineOptions;
import org.vlmeval.sources.JsonLinesInput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Loads {@code job.yaml} (docs/job.md) through the one configuration path ({@link YamlOptions}):
 * every problem is a {@link org.vlmeval.options.ConfigException} naming the file and the YAML path,
 * e.g. {@code job.yaml: sinks.store.batch_size: must be in [1, 10000], was 0}; unknown fields are
 * errors, so a typo cannot silently fall back to a default. Relative paths (the endpoints file,
 * {@code source.files.path}, {@code sinks.output_dir}) resolve against the file's directory.
 */
public final class JobConfigLoader {

    private JobConfigLoader() {}

    public static JobConfig load(Path file) {
        return load(file, System::getenv);
    }

    /**
     * @param env resolves {@code ${env:NAME}} placeholders
     */
    public static JobConfig load(Path file, UnaryOperator<String> env) {
        return resolve(YamlOptions.read(file, env), file.toAbsolutePath().getParent(), env);
    }

    /**
     * @param name the file name for messages
     * @param baseDir the directory relative paths in the file are resolved against
     */
    public static JobConfig parse(String yaml, String name, Path baseDir) {
        return resolve(YamlOptions.parse(yaml, name, System::getenv), baseDir, System::getenv);
    }

    private static JobConfig resolve(YamlOptions yaml, Path baseDir, UnaryOperator<String> env) {
        JobConfig raw = yaml.bind(JobConfig.class);
        EndpointsConfig endpoints =
                raw.endpoints() == null
                        ? EndpointsConfig.none()
                        : EndpointsConfigLoader.load(baseDir.resolve(raw.endpoints()), env);
        PipelineOptions pipeline =
                yaml.at(
                        "",
                        () ->
                                raw.pipeline().toBuilder()
                                        .endpoints(endpoints)
                                        .runId(raw.runId())
                                        .build());
        JsonLinesInput files = raw.filesInput();
        if (files != null) {
            Path path = baseDir.resolve(files.path());
            yaml.at(
                    "source.files",
                    () -> {
                        Check.that(Files.exists(path), "path", path + " does not exist");
                        return path;
                    });
            files = JsonLinesInput.builder().path(path.toString()).build();
        }
        String outputDir =
                raw.outputDir() == null ? null : baseDir.resolve(raw.outputDir()).toString();
        return new JobConfig(
                raw.endpoints(),
                raw.runId(),
                raw.parallelism(),
                raw.checkpointInterval(),
                new JobConfig.SourceSection(raw.kafkaInput(), files),
                pipeline,
                new JobConfig.SinksSection(raw.store(), raw.kafkaOutput(), outputDir));
    }
}
