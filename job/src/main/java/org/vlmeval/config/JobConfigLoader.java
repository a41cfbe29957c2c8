package org.vlmeval.config;

import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.EndpointsConfigLoader;
import org.vlmeval.options.ConfigException;
import org.vlmeval.pipeline.PipelineOptions;
import org.vlmeval.sinks.kafka.KafkaOutput;
import org.vlmeval.sources.JsonLinesInput;
import org.vlmeval.sources.KafkaInput;
import org.vlmeval.store.StoreOptions;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads {@code job.yaml} (documented in docs/job.md). Every problem is a {@link JobConfigException}
 * naming the file and the field, e.g. {@code job.yaml: sinks.store.jdbc_url: is required}; unknown
 * fields are errors, so a typo cannot silently fall back to a default.
 */
public final class JobConfigLoader {

    private static final ObjectMapper YAML =
            new ObjectMapper(
                    YAMLFactory.builder()
                            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                            .build());

    private JobConfigLoader() {}

    public static JobConfig load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JobConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(yaml, file.getFileName().toString(), dir);
    }

    /**
     * @param name the file name for messages
     * @param baseDir the directory relative paths in the file are resolved against
     */
    public static JobConfig parse(String yaml, String name, Path baseDir) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new JobConfigException(name + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new JobConfigException(name + ": expected a mapping (see docs/job.md)");
        }
        YamlReader top = new YamlReader(root, name + ":");
        try {
            JobConfig config = read(top, name, baseDir);
            top.rejectUnknown();
            return config;
        } catch (ConfigException | JobConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new JobConfigException(name + ": " + e.getMessage(), e);
        }
    }

    private static JobConfig read(YamlReader top, String name, Path baseDir) {
        String endpointsFile = top.string("endpoints");
        EndpointsConfig endpoints =
                endpointsFile == null
                        ? new EndpointsConfig("none", List.of(), null)
                        : EndpointsConfigLoader.load(baseDir.resolve(endpointsFile));
        PipelineOptions.Builder pipeline = PipelineOptions.builder(endpoints);
        pipeline.runId(top.string("run_id"));
        YamlReader p = top.section("pipeline");
        if (p != null) {
            JsonNode windows = p.raw("windows");
            if (windows != null && !windows.isNull()) {
                if (!windows.isArray()) {
                    throw p.error("windows", "must be a list such as [5m/1m, 1h]");
                }
                List<String> specs = new ArrayList<>();
                windows.forEach(w -> specs.add(w.asText()));
                pipeline.windows(WindowSpecs.parse(specs));
            }
            if (p.has("max_out_of_orderness")) {
                pipeline.maxOutOfOrderness(p.duration("max_out_of_orderness"));
            }
            if (p.has("idleness")) {
                pipeline.idleness(p.duration("idleness"));
            }
            if (p.has("allowed_lateness")) {
                pipeline.allowedLateness(p.duration("allowed_lateness"));
            }
            if (p.has("max_event_bytes")) {
                pipeline.maxEventBytes(p.integer("max_event_bytes"));
            }
            p.rejectUnknown();
        }
        PipelineOptions options = pipeline.build();

        KafkaInput kafkaInput = null;
        JsonLinesInput filesInput = null;
        YamlReader source = top.section("source");
        if (source == null) {
            throw top.error("source", "is required (source.kafka or source.files)");
        }
        YamlReader k = source.section("kafka");
        if (k != null) {
            KafkaInput.Builder b =
                    KafkaInput.builder()
                            .bootstrapServers(k.requiredString("bootstrap_servers"))
                            .maxEventBytes(options.maxEventBytes())
                            .properties(k.stringMap("properties"));
            if (k.has("topics")) {
                if (!k.raw("topics").isArray()) {
                    throw k.error("topics", "must be a list of topic names, e.g. [a, b]");
                }
                List<String> topics = new ArrayList<>();
                k.raw("topics").forEach(t -> topics.add(t.asText()));
                b.topics(topics);
            } else {
                b.topic(k.requiredString("topic"));
            }
            if (k.has("group_id")) {
                b.groupId(k.string("group_id"));
            }
            if (k.has("starting_offsets")) {
                b.startingOffsets(k.string("starting_offsets"));
            }
            if (k.has("bounded")) {
                b.bounded(k.bool("bounded"));
            }
            k.rejectUnknown();
            kafkaInput = b.build();
        }
        YamlReader f = source.section("files");
        if (f != null) {
            Path files = baseDir.resolve(f.requiredString("path"));
            if (!java.nio.file.Files.exists(files)) {
                throw f.error("path", files + " does not exist");
            }
            filesInput =
                    JsonLinesInput.builder()
                            .path(files.toString())
                            .maxEventBytes(options.maxEventBytes())
                            .build();
            f.rejectUnknown();
        }
        source.rejectUnknown();

        StoreOptions store = null;
        KafkaOutput kafkaOutput = null;
        String outputDir = null;
        YamlReader sinks = top.section("sinks");
        if (sinks == null) {
            throw top.error("sinks", "is required (sinks.store, sinks.kafka or sinks.output_dir)");
        }
        YamlReader s = sinks.section("store");
        if (s != null) {
            StoreOptions.Builder b = StoreOptions.builder(s.requiredString("jdbc_url"));
            if (s.has("user")) {
                b.user(s.string("user"));
            }
            if (s.has("password_env")) {
                b.passwordEnv(s.string("password_env"));
            }
            if (s.has("schema")) {
                b.schema(s.string("schema"));
            }
            if (s.has("batch_size")) {
                b.batchSize(s.integer("batch_size"));
            }
            s.rejectUnknown();
            store = b.build();
        }
        YamlReader ko = sinks.section("kafka");
        if (ko != null) {
            KafkaOutput.Builder b =
                    KafkaOutput.builder()
                            .bootstrapServers(ko.requiredString("bootstrap_servers"))
                            .answersTopic(ko.requiredString("answers_topic"))
                            .properties(ko.stringMap("properties"));
            if (ko.has("dead_letters_topic")) {
                b.deadLettersTopic(ko.string("dead_letters_topic"));
            }
            if (ko.has("delivery_guarantee")) {
                b.deliveryGuarantee(ko.string("delivery_guarantee"));
            }
            if (ko.has("transactional_id_prefix")) {
                b.transactionalIdPrefix(ko.string("transactional_id_prefix"));
            }
            ko.rejectUnknown();
            kafkaOutput = b.build();
        }
        if (sinks.has("output_dir")) {
            outputDir = baseDir.resolve(sinks.string("output_dir")).toString();
        } else {
            sinks.raw("output_dir");
        }
        sinks.rejectUnknown();
        return new JobConfig(
                name,
                options,
                kafkaInput,
                filesInput,
                store,
                kafkaOutput,
                outputDir,
                top.duration("checkpoint_interval"),
                top.integer("parallelism"));
    }
}
