package org.vlmeval.config;

import org.vlmeval.endpoints.config.EndpointsConfigLoader;
import org.vlmeval.options.ConfigException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The option tables of docs/job.md and connectors/README.md against the code: every option the
 * loaders know is documented and every documented one exists; a documented default written out
 * gives the same configuration as leaving it out; a value of the wrong type for any option, and a
 * value out of range for the constrained ones, is reported under the option's YAML path.
 */
class DocumentedOptionsTest {

    private static final Path JOB_DOC = Path.of("../docs/job.md");
    private static final Path ENDPOINTS_DOC = Path.of("../connectors/README.md");
    private static final Pattern ROW =
            Pattern.compile("^\\| `([a-z_.\\[\\]]+)` \\| (.*?) \\| .*\\|$");
    private static final Pattern LITERAL = Pattern.compile("^`([^`]*)`$");
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir static Path dir;

    /** A documented option: its YAML path and its default as written, or null for none. */
    record Option(String path, String defaultValue) {
        @Override
        public String toString() {
            return path;
        }
    }

    @BeforeAll
    static void files() throws IOException {
        Files.writeString(dir.resolve("c.jsonl"), "{}\n");
    }

    static List<Option> documented(Path doc) throws IOException {
        List<Option> options = new ArrayList<>();
        for (String line : Files.readAllLines(doc)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                Matcher literal = LITERAL.matcher(m.group(2).trim());
                options.add(new Option(m.group(1), literal.matches() ? literal.group(1) : null));
            }
        }
        return options;
    }

    static Stream<Option> jobOptions() throws IOException {
        return documented(JOB_DOC).stream();
    }

    static Stream<Option> endpointOptions() throws IOException {
        return documented(ENDPOINTS_DOC).stream();
    }

    // ---- the documents list exactly the options the loaders know ------------------------

    @Test
    void jobDocListsEveryOptionOfJobYaml() throws IOException {
        Set<String> known = new TreeSet<>();
        for (String section :
                List.of(
                        "",
                        "source.kafka",
                        "source.files",
                        "pipeline",
                        "pipeline.alerts",
                        "pipeline.labels",
                        "sinks",
                        "sinks.store",
                        "sinks.kafka")) {
            for (String name : knownFields(() -> loadJob(jobBase(section, "zz_unknown", 1)))) {
                String path = section.isEmpty() ? name : section + "." + name;
                if (!Set.of(
                                "source",
                                "sinks",
                                "pipeline",
                                "pipeline.alerts",
                                "pipeline.labels",
                                "sinks.store",
                                "sinks.kafka")
                        .contains(path)) {
                    known.add(path);
                }
            }
        }
        assertThat(new TreeSet<>(documented(JOB_DOC).stream().map(Option::path).toList()))
                .isEqualTo(known);
    }

    @Test
    void connectorsDocListsEveryOptionOfEndpointsYaml() throws IOException {
        Set<String> known = new TreeSet<>();
        for (String name : knownFields(() -> loadEndpoints(endpointsBase("images", "zz", 1)))) {
            known.add("images." + name);
        }
        for (String name :
                knownFields(() -> loadEndpoints(endpointsBase("endpoints[0]", "zz", 1)))) {
            known.add("endpoints[]." + name);
        }
        for (String name : knownFields(() -> loadEndpoints(endpointsBase("judges[0]", "zz", 1)))) {
            known.add("judges[]." + name);
        }
        assertThat(new TreeSet<>(documented(ENDPOINTS_DOC).stream().map(Option::path).toList()))
                .isEqualTo(known);
    }

    // ---- documented defaults are the code's ---------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobOptions")
    void aJobDefaultWrittenOutChangesNothing(Option option) throws IOException {
        if (option.defaultValue() == null) {
            return;
        }
        JsonNode value = YAML.readTree(option.defaultValue());
        String section = parent(option.path());
        assertThat(loadJob(jobBase(section, leaf(option.path()), value)).toString())
                .isEqualTo(loadJob(jobBase(section, null, null)).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpointOptions")
    void anEndpointsDefaultWrittenOutChangesNothing(Option option) throws IOException {
        if (option.defaultValue() == null) {
            return;
        }
        JsonNode value = YAML.readTree(option.defaultValue());
        String section = parent(option.path()).replace("[]", "[0]");
        assertThat(loadEndpoints(endpointsBase(section, leaf(option.path()), value)).toString())
                .isEqualTo(loadEndpoints(endpointsBase(section, null, null)).toString());
    }

    // ---- a bad value of every option names its path -------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobOptions")
    void aValueOfTheWrongTypeNamesTheJobOption(Option option) {
        String section = parent(option.path());
        assertThatThrownBy(() -> loadJob(jobBase(section, leaf(option.path()), wrongType(option))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("job.yaml: " + option.path() + ": ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpointOptions")
    void aValueOfTheWrongTypeNamesTheEndpointsOption(Option option) {
        String path = option.path().replace("[]", "[0]");
        assertThatThrownBy(
                        () ->
                                loadEndpoints(
                                        endpointsBase(parent(path), leaf(path), wrongType(option))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("endpoints.yaml: " + path + ": ");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "checkpoint_interval | 5ms | must be at least 10ms",
                "parallelism | 0 | must be >= 1, was 0",
                "run_id | '\" \"' | must not be blank",
                "source.kafka.bootstrap_servers | broker | each server must be host:port",
                "source.kafka.topic | 'bad topic' | is not a valid topic name",
                "source.kafka.group_id | '\"\"' | must not be blank",
                "source.kafka.starting_offsets | newest | must be earliest, latest, committed",
                "source.kafka.properties | '{group.id: x}' | is set by its own option",
                "source.files.path | missing.jsonl | does not exist",
                "pipeline.windows | '[5m/2m]' | must be a multiple of slide",
                "pipeline.max_out_of_orderness | 1 parsec | expected a duration",
                "pipeline.idleness | 0s | must be > 0",
                "pipeline.dedup_ttl | 7d | expected a duration",
                "pipeline.max_event_bytes | 0 | must be in [1, ",
                "pipeline.max_event_bytes | 3 furlongs | expected a size",
                "pipeline.alerts.window | 1500ms | must be a whole number of seconds",
                "pipeline.alerts.baseline_windows | 0 | must be in [1, 1000], was 0",
                "pipeline.alerts.alpha | 0.7 | must be in (0, 0.5), was 0.7",
                "pipeline.alerts.min_delta | 1.5 | must be in [0, 1)",
                "pipeline.alerts.min_window_trials | 0 | must be >= 1, was 0",
                "pipeline.labels.ttl | 0s | must be positive",
                "pipeline.labels.window_lateness | 1 parsec | expected a duration",
                "source.kafka.labels_topic | 'bad topic' | is not a valid topic name",
                "source.kafka.labels_topic | t | labels need a topic of their own",
                "sinks.store.jdbc_url | 'jdbc:mysql://x' | must start with jdbc:postgresql:",
                "sinks.store.password_env | 'not a name' | must be the name of an environment",
                "sinks.store.schema | 'Bad-Schema' | must match",
                "sinks.store.batch_size | 0 | must be in [1, 10000], was 0",
                "sinks.store.outage_tolerance | 6m | must be at most 5m",
                "sinks.store.connect_timeout | 0s | must be > 0",
                "sinks.store.max_retry_backoff | 1ms | must be >= retry_backoff",
                "sinks.kafka.delivery_guarantee | at-most-once | must be at-least-once or exactly-once",
                "sinks.kafka.answers_topic | '\" \"' | must not be blank",
                "sinks.kafka.journal_topic | 'bad topic' | is not a valid topic name",
                "sinks.kafka.alerts_topic | '\" \"' | must not be blank",
            })
    void aValueOutOfRangeNamesTheJobOption(String path, String value, String problem)
            throws IOException {
        String section = parent(path);
        JsonNode node = YAML.readTree(value);
        assertThatThrownBy(() -> loadJob(jobBase(section, leaf(path), node)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("job.yaml: " + path)
                .hasMessageContaining(problem);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "name | '\" \"' | must not be blank",
                "protocol | grpc | must be one of openai, ollama, recorded",
                "base_url | 'ftp://x' | must be an http or https URL",
                "api_key_env | 'sk-123 456' | must be the name of an environment variable",
                "max_concurrency | 0 | must be >= 1",
                "timeout | 0s | must be > 0",
                "max_retries | -1 | must be >= 0",
                "retry_max_delay | 1ms | must be >= retry_base_delay",
                "circuit_failure_threshold | 0 | must be >= 1",
                "requests_per_minute | 0 | must be >= 1",
                "temperature | 2.5 | must be in [0.0, 2.0]",
                "max_tokens | 0 | must be >= 1",
                "max_image_bytes | 0 | must be >= 1",
                "max_image_pixels | 0 | must be >= 1",
                "price_per_million_input_tokens | -1.0 | must be a finite number >= 0",
                "recordings | r.jsonl | only protocol 'recorded' reads recordings",
            })
    void aValueOutOfRangeNamesTheEndpointsOption(String field, String value, String problem)
            throws IOException {
        JsonNode node = YAML.readTree(value);
        assertThatThrownBy(() -> loadEndpoints(endpointsBase("endpoints[0]", field, node)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("endpoints.yaml: endpoints[0]." + field + ": ")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "endpoint | nobody | is not an endpoint of this file (known: qwen)",
                "name | '\" \"' | must not be blank",
                "tasks | '[]' | must list objects and/or grade",
                "tasks | '[grade, grade]' | lists a task twice",
                "sample_rate | 1.5 | must be in [0.0, 1.0]",
                "max_calls_per_minute | 0 | must be >= 1",
                "max_cost_per_hour | 1.0 | needs both prices of endpoint",
                "self_judging | sometimes | must be one of forbid, forbid_endpoint, allow",
                "language | fr | must be one of en, zh, auto",
                "prompt_version | '\"1\"' | must be v followed by a number",
            })
    void aValueOutOfRangeNamesTheJudgeOption(String field, String value, String problem)
            throws IOException {
        JsonNode node = YAML.readTree(value);
        assertThatThrownBy(() -> loadEndpoints(endpointsBase("judges[0]", field, node)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("endpoints.yaml: judges[0]." + field + ": ")
                .hasMessageContaining(problem);
    }

    // ---- helpers ------------------------------------------------------------------------

    /** A value no option takes: a mapping, or for the mapping-typed options a list. */
    private static JsonNode wrongType(Option option) {
        if (option.path().endsWith("properties")) {
            return JsonNodeFactory.instance.arrayNode().add(1);
        }
        return JsonNodeFactory.instance.objectNode().put("x", 1);
    }

    /**
     * A valid job.yaml with every sink, a Kafka source (a files source for {@code source.files.*}),
     * and {@code field} set to {@code value} in {@code section} when not null.
     */
    private static String jobBase(String section, String field, Object value) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (section.startsWith("source.files")) {
            root.putObject("source").putObject("files").put("path", "c.jsonl");
        } else {
            root.putObject("source")
                    .putObject("kafka")
                    .put("bootstrap_servers", "k:9092")
                    .put("topic", "t");
        }
        ObjectNode sinks = root.putObject("sinks");
        sinks.put("output_dir", "out");
        sinks.putObject("store").put("jdbc_url", "jdbc:postgresql://db:5432/x");
        sinks.putObject("kafka").put("bootstrap_servers", "k:9092").put("answers_topic", "a");
        if (field != null) {
            ObjectNode target = section(root, section);
            target.set(field, YAML.valueToTree(value));
            if (section.equals("source.kafka") && field.equals("topics")) {
                target.remove("topic");
            }
        }
        return yaml(root);
    }

    private static String endpointsBase(String section, String field, Object value) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putObject("images");
        ArrayNode endpoints = root.putArray("endpoints");
        endpoints
                .addObject()
                .put("name", "qwen")
                .put("protocol", "openai")
                .put("base_url", "http://vllm:8000/v1")
                .put("model", "Qwen/Qwen2.5-VL-7B-Instruct");
        ArrayNode judges = root.putArray("judges");
        ObjectNode judge = judges.addObject().put("endpoint", "qwen");
        judge.putArray("tasks").add("grade");
        if (field != null) {
            ObjectNode target =
                    switch (section) {
                        case "endpoints[0]" -> (ObjectNode) endpoints.get(0);
                        case "judges[0]" -> judge;
                        default -> section(root, section);
                    };
            target.set(field, YAML.valueToTree(value));
        }
        return yaml(root);
    }

    private static String yaml(ObjectNode root) {
        try {
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode section(ObjectNode root, String path) {
        ObjectNode node = root;
        if (!path.isEmpty()) {
            for (String part : path.split("\\.")) {
                node = node.has(part) ? (ObjectNode) node.get(part) : node.putObject(part);
            }
        }
        return node;
    }

    private static JobConfig loadJob(String yaml) {
        return JobConfigLoader.parse(yaml, "job.yaml", dir);
    }

    private static Object loadEndpoints(String yaml) {
        return EndpointsConfigLoader.parse(yaml, "endpoints.yaml", dir);
    }

    /** The field names an unknown-field error lists for a section. */
    private static List<String> knownFields(Runnable load) {
        try {
            load.run();
        } catch (ConfigException e) {
            Matcher m = Pattern.compile("unknown field \\(known: (.*)\\)$").matcher(e.getMessage());
            assertThat(m.find()).as(e.getMessage()).isTrue();
            return List.of(m.group(1).split(", "));
        }
        throw new AssertionError("an unknown field was accepted");
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
