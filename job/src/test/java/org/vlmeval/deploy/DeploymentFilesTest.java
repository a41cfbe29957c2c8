package org.vlmeval.deploy;

import org.vlmeval.config.JobConfig;
import org.vlmeval.config.JobConfigLoader;

import org.apache.flink.client.cli.CliFrontendParser;
import org.apache.flink.runtime.entrypoint.parser.CommandLineOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static checks of the deployment files (docker/, deploy/k8s/): no Docker engine or Kubernetes
 * cluster is needed. The job module's working directory is {@code job/}, so the repository root is
 * {@code ..}.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCKER = ROOT.resolve("docker");
    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR:?message}} ... but not {@code $${...}}.
     */
    private static final Pattern VARIABLE =
            Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])[^}]*)?}");

    /**
     * compose.yaml uses anchors, aliases and merge keys ({@code <<: *flink}), which Jackson's YAML
     * parser leaves unresolved; SnakeYAML (underneath jackson-dataformat-yaml) resolves them as
     * Compose does, and Jackson turns the result into a tree.
     */
    private static JsonNode compose() throws IOException {
        try (Reader reader =
                Files.newBufferedReader(DOCKER.resolve("compose.yaml"), StandardCharsets.UTF_8)) {
            Object model = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return YAML.valueToTree(model);
        }
    }

    private static Map<String, JsonNode> services() throws IOException {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        compose().get("services").properties().forEach(e -> services.put(e.getKey(), e.getValue()));
        return services;
    }

    private static Set<String> profiles(JsonNode service) {
        Set<String> profiles = new HashSet<>();
        if (service.has("profiles")) {
            service.get("profiles").forEach(p -> profiles.add(p.asText()));
        }
        return profiles;
    }

    /** Target names of a service's depends_on, in short (list) or long (map) form. */
    private static Map<String, String> dependsOn(JsonNode service) {
        Map<String, String> targets = new LinkedHashMap<>();
        JsonNode d = service.get("depends_on");
        if (d == null) {
            return targets;
        }
        if (d.isArray()) {
            d.forEach(t -> targets.put(t.asText(), "service_started"));
        } else {
            d.properties()
                    .forEach(
                            e ->
                                    targets.put(
                                            e.getKey(),
                                            e.getValue()
                                                    .path("condition")
                                                    .asText("service_started")));
        }
        return targets;
    }

    /** The host side of a short-syntax volume, or null for a named volume. */
    private static String bindSource(String volume) {
        String source = volume.split(":", 2)[0];
        return source.startsWith(".") || source.startsWith("/") ? source : null;
    }

    @Test
    void composeParsesAndEveryServiceHasAnImageOrABuild() throws IOException {
        Map<String, JsonNode> services = services();
        assertThat(services)
                .containsKeys(
                        "kafka",
                        "kafka-init",
                        "postgres",
                        "jobmanager",
                        "taskmanager",
                        "prometheus",
                        "grafana",
                        "seed",
                        "ollama",
                        "ollama-pull",
                        "vllm");
        services.forEach(
                (name, s) ->
                        assertThat(s.has("image") || s.has("build"))
                                .as("service %s has an image or a build", name)
                                .isTrue());
    }

    @Test
    void dependenciesExistAreHealthCheckedAndNeverCrossIntoAnInactiveProfile() throws IOException {
        Map<String, JsonNode> services = services();
        services.forEach(
                (name, s) ->
                        dependsOn(s)
                                .forEach(
                                        (target, condition) -> {
                                            assertThat(services)
                                                    .as("%s depends on %s", name, target)
                                                    .containsKey(target);
                                            JsonNode t = services.get(target);
                                            assertThat(condition)
                                                    .isIn(
                                                            "service_started",
                                                            "service_healthy",
                                                            "service_completed_successfully");
                                            if (condition.equals("service_healthy")) {
                                                assertThat(t.has("healthcheck"))
                                                        .as(
                                                                "%s waits for %s to be healthy",
                                                                name, target)
                                                        .isTrue();
                                            }
                                            // Compose refuses a dependency on a service whose
                                            // profile is not active.
                                            Set<String> targetProfiles = profiles(t);
                                            if (!targetProfiles.isEmpty()) {
                                                assertThat(profiles(s))
                                                        .as(
                                                                "%s depends on profile-only %s",
                                                                name, target)
                                                        .isNotEmpty()
                                                        .isSubsetOf(targetProfiles);
                                            }
                                        }));
        assertThat(dependsOn(services.get("jobmanager")))
                .containsEntry("postgres", "service_healthy")
                .containsEntry("kafka-init", "service_completed_successfully");
        assertThat(dependsOn(services.get("grafana"))).containsEntry("postgres", "service_healthy");
    }

    @Test
    void referencedPathsExist() throws IOException {
        Map<String, JsonNode> services = services();
        List<String> missing = new ArrayList<>();
        services.forEach(
                (name, s) -> {
                    for (JsonNode v : s.path("volumes")) {
                        String source =
                                v.isTextual()
                                        ? bindSource(v.asText())
                                        : v.path("type").asText().equals("bind")
                                                ? v.path("source").asText()
                                                : null;
                        if (source != null && !Files.exists(DOCKER.resolve(source))) {
                            missing.add(name + " volume " + source);
                        }
                    }
                    JsonNode build = s.get("build");
                    if (build != null) {
                        Path context =
                                DOCKER.resolve(
                                        build.isTextual()
                                                ? build.asText()
                                                : build.path("context").asText("."));
                        if (!Files.isDirectory(context)) {
                            missing.add(name + " build context " + context);
                        }
                        String dockerfile = build.path("dockerfile").asText("Dockerfile");
                        if (!Files.isRegularFile(context.resolve(dockerfile))) {
                            missing.add(name + " dockerfile " + dockerfile);
                        }
                    }
                    JsonNode envFile = s.get("env_file");
                    if (envFile != null) {
                        List<JsonNode> files = new ArrayList<>();
                        if (envFile.isArray()) {
                            envFile.forEach(files::add);
                        } else {
                            files.add(envFile);
                        }
                        for (JsonNode f : files) {
                            String path = f.isTextual() ? f.asText() : f.path("path").asText();
                            boolean required = f.isTextual() || f.path("required").asBoolean(true);
                            if (required && !Files.exists(DOCKER.resolve(path))) {
                                missing.add(name + " env_file " + path);
                            }
                        }
                    }
                });
        assertThat(missing).isEmpty();
        assertThat(
                        services.get("grafana").get("volumes").toString()
                                + services.get("postgres").get("volumes").toString())
                .contains("../dashboards:/etc/grafana/provisioning")
                .contains("./postgres/init:/docker-entrypoint-initdb.d");
    }

    @Test
    void dockerfileCopySourcesExistInTheBuildContext() throws IOException {
        JsonNode build = services().get("jobmanager").get("build");
        Path context = DOCKER.resolve(build.path("context").asText()).normalize();
        List<String> lines =
                joinContinuations(
                        Files.readAllLines(
                                context.resolve(build.path("dockerfile").asText()),
                                StandardCharsets.UTF_8));
        List<String> sources = new ArrayList<>();
        for (String line : lines) {
            String l = line.strip();
            if (!l.regionMatches(true, 0, "COPY ", 0, 5)
                    && !l.regionMatches(true, 0, "ADD ", 0, 4)) {
                continue;
            }
            List<String> words = new ArrayList<>(List.of(l.split("\\s+")));
            words.remove(0);
            if (words.stream().anyMatch(w -> w.startsWith("--from="))) {
                continue;
            }
            words.removeIf(w -> w.startsWith("--"));
            sources.addAll(words.subList(0, words.size() - 1));
        }
        assertThat(sources).contains("pom.xml", "job/src", "docker/job.yaml");
        assertThat(sources)
                .allSatisfy(
                        s ->
                                assertThat(context.resolve(s))
                                        .as("COPY source %s in %s", s, context)
                                        .exists());
        String dockerfile = String.join("\n", lines);
        assertThat(dockerfile)
                .contains("FROM ${FLINK_IMAGE}")
                .contains("ARG FLINK_IMAGE=flink:2.2-java17")
                .contains("/opt/flink/usrlib/vlm-eval-cluster.jar");
    }

    private static List<String> joinContinuations(List<String> lines) {
        List<String> joined = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                joined.add(current.append(line).toString());
                current.setLength(0);
            }
        }
        return joined;
    }

    @Test
    void publishedHostPortsAreUnique() throws IOException {
        Map<String, String> seen = new HashMap<>();
        services()
                .forEach(
                        (name, s) -> {
                            for (JsonNode p : s.path("ports")) {
                                String spec = p.asText();
                                // [ip:]host:container, with ${VAR:-default} already in it
                                String resolved = resolveDefaults(spec);
                                String[] parts = resolved.split(":");
                                assertThat(parts.length).as(spec).isGreaterThanOrEqualTo(2);
                                String host = parts[parts.length - 2];
                                String previous = seen.put(host, name);
                                assertThat(previous)
                                        .as(
                                                "host port %s of %s already used by %s",
                                                host, name, previous)
                                        .isNull();
                            }
                        });
        assertThat(seen).containsKeys("8081", "3000", "9090", "5432", "9094");
    }

    /** Replaces {@code ${VAR:-default}} by the default, as compose does without a .env value. */
    private static String resolveDefaults(String text) {
        Matcher m = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*:-([^}]*)}").matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
    }

    @Test
    void prometheusScrapesTheFlinkReporterPort() throws IOException {
        Map<String, JsonNode> services = services();
        String properties =
                services.get("jobmanager").path("environment").path("FLINK_PROPERTIES").asText();
        assertThat(properties)
                .isEqualTo(
                        services.get("taskmanager")
                                .path("environment")
                                .path("FLINK_PROPERTIES")
                                .asText());
        Map<String, String> flink = new LinkedHashMap<>();
        for (String line : properties.split("\n")) {
            if (!line.isBlank()) {
                String[] kv = line.split(":", 2);
                flink.put(kv[0].strip(), kv[1].strip());
            }
        }
        assertThat(flink)
                .containsEntry(
                        "metrics.reporter.prom.factory.class",
                        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
                .containsEntry("env.java.opts.all", "--add-opens=java.base/java.util=ALL-UNNAMED")
                .containsKey("execution.checkpointing.dir");
        String port = flink.get("metrics.reporter.prom.port");
        assertThat(port).matches("\\d+");

        JsonNode prometheus = YAML.readTree(DOCKER.resolve("prometheus.yml").toFile());
        Set<String> scraped = new TreeSet<>();
        for (JsonNode job : prometheus.get("scrape_configs")) {
            String name = job.get("job_name").asText();
            if (!name.startsWith("flink")) {
                continue;
            }
            for (JsonNode sc : job.path("static_configs")) {
                for (JsonNode target : sc.get("targets")) {
                    scraped.add(target.asText());
                }
            }
            for (JsonNode dns : job.path("dns_sd_configs")) {
                for (JsonNode host : dns.get("names")) {
                    scraped.add(host.asText() + ":" + dns.get("port").asText());
                }
            }
        }
        assertThat(scraped).containsExactly("jobmanager:" + port, "taskmanager:" + port);
        scraped.forEach(t -> assertThat(services).containsKey(t.split(":")[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"job.yaml", "job-vllm.yaml", "job-hosted.yaml"})
    void stackJobConfigsLoadWithTheRealLoader(String file) {
        JobConfig config = JobConfigLoader.load(DOCKER.resolve(file));
        assertThat(config.parallelism()).isEqualTo(2);
        assertThat(config.pipeline().endpoints().endpoints()).isNotEmpty();
        assertThat(config.store()).isNotNull();
        assertThat(config.kafkaInput()).isNotNull();
    }

    @Test
    void everyJobConfigTheImageShipsIsMountedAndSelectable() throws IOException {
        String compose = Files.readString(DOCKER.resolve("compose.yaml"), StandardCharsets.UTF_8);
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"), StandardCharsets.UTF_8);
        String env = Files.readString(DOCKER.resolve(".env.example"), StandardCharsets.UTF_8);
        for (String f :
                List.of(
                        "job.yaml",
                        "endpoints.yaml",
                        "job-vllm.yaml",
                        "endpoints-vllm.yaml",
                        "job-hosted.yaml",
                        "endpoints-hosted.yaml")) {
            assertThat(compose).contains("./" + f + ":/opt/vlm-eval/conf/" + f + ":ro");
            assertThat(dockerfile).contains("docker/" + f);
        }
        assertThat(env).contains("VLM_EVAL_JOB_CONFIG=job.yaml");
    }

    /**
     * The JobManager's arguments go through Flink's entrypoint parser (commons-cli with partial
     * matching) before the job sees them: {@code --config} alone would be read as the entrypoint's
     * {@code --configDir}. This parses the compose command the way
     * StandaloneApplicationClusterConfigurationParserFactory does (same options, same parser).
     */
    @Test
    void jobArgumentsReachTheJobThroughTheEntrypointParser() throws Exception {
        JsonNode command = services().get("jobmanager").get("command");
        List<String> args = new ArrayList<>();
        command.forEach(a -> args.add(resolveDefaults(a.asText())));
        assertThat(args.get(0)).isEqualTo("standalone-job");
        // standalone-job.sh prepends --configDir
        List<String> entrypointArgs = new ArrayList<>(List.of("--configDir", "/opt/flink/conf"));
        entrypointArgs.addAll(args.subList(1, args.size()));

        Options options = new Options();
        options.addOption(CommandLineOptions.CONFIG_DIR_OPTION);
        options.addOption(CommandLineOptions.DYNAMIC_PROPERTY_OPTION);
        // The container module's own options (flink-container is not on the test classpath).
        options.addOption(Option.builder("r").longOpt("webui-port").hasArg(true).build());
        options.addOption(Option.builder("h").longOpt("host").hasArg(true).build());
        options.addOption(Option.builder("j").longOpt("job-classname").hasArg(true).build());
        options.addOption(Option.builder("jid").longOpt("job-id").hasArg(true).build());
        options.addOption(Option.builder("jarfile").longOpt("jar-file").hasArg(true).build());
        options.addOption(CliFrontendParser.SAVEPOINT_PATH_OPTION);
        options.addOption(CliFrontendParser.SAVEPOINT_ALLOW_NON_RESTORED_OPTION);
        CommandLine parsed =
                new DefaultParser().parse(options, entrypointArgs.toArray(String[]::new), true);

        assertThat(parsed.getOptionValue("j")).isEqualTo("org.vlmeval.StreamingJob");
        assertThat(parsed.getOptionValues("c")).containsExactly("/opt/flink/conf");
        assertThat(parsed.getArgs()).containsExactly("--config", "/opt/vlm-eval/conf/job.yaml");

        // Without the `--` the job would never see its configuration.
        List<String> withoutSeparator = new ArrayList<>(entrypointArgs);
        withoutSeparator.remove("--");
        CommandLine broken =
                new DefaultParser().parse(options, withoutSeparator.toArray(String[]::new), true);
        assertThat(broken.getArgs()).isEmpty();
    }

    @Test
    void envExampleDefinesEveryVariableComposeNeedsWithoutADefault() throws IOException {
        String compose = Files.readString(DOCKER.resolve("compose.yaml"), StandardCharsets.UTF_8);
        Set<String> required = new LinkedHashSet<>();
        Set<String> all = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(compose);
        while (m.find()) {
            all.add(m.group(1));
            String modifier = m.group(2);
            if (modifier == null || modifier.startsWith(":?") || modifier.equals("?")) {
                required.add(m.group(1));
            }
        }
        Set<String> defined = new LinkedHashSet<>();
        for (String line :
                Files.readAllLines(DOCKER.resolve(".env.example"), StandardCharsets.UTF_8)) {
            Matcher d = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=").matcher(line);
            if (d.find()) {
                defined.add(d.group(1));
            }
        }
        assertThat(required).contains("POSTGRES_PASSWORD", "VLM_EVAL_PG_PASSWORD");
        assertThat(defined).containsAll(required);
        // Every variable the stack reads is at least documented in the example.
        assertThat(defined).containsAll(all);
    }

    @Test
    void flinkDeploymentRunsTheJobInApplicationMode() throws IOException {
        Path dir = ROOT.resolve("deploy/k8s");
        JsonNode fd = YAML.readTree(dir.resolve("flinkdeployment.yaml").toFile());
        assertThat(fd.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(fd.path("kind").asText()).isEqualTo("FlinkDeployment");
        JsonNode job = fd.path("spec").path("job");
        assertThat(job.path("jarURI").asText())
                .isEqualTo("local:///opt/flink/usrlib/vlm-eval-cluster.jar");
        assertThat(job.path("entryClass").asText()).isEqualTo("org.vlmeval.StreamingJob");
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        List<String> args = new ArrayList<>();
        job.path("args").forEach(a -> args.add(a.asText()));
        assertThat(args).hasSize(2).startsWith("--config");

        JsonNode conf = fd.path("spec").path("flinkConfiguration");
        assertThat(conf.path("execution.checkpointing.dir").asText()).startsWith("s3://");
        assertThat(conf.path("execution.checkpointing.savepoint-dir").asText()).startsWith("s3://");
        assertThat(conf.path("metrics.reporter.prom.factory.class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        String reporterPort = conf.path("metrics.reporter.prom.port").asText();
        JsonNode pod = fd.path("spec").path("podTemplate");
        assertThat(pod.path("metadata").path("annotations").path("prometheus.io/port").asText())
                .isEqualTo(reporterPort);
        JsonNode container = pod.path("spec").path("containers").get(0);
        assertThat(container.toString()).contains("ENABLE_BUILT_IN_PLUGINS", "flink-s3-fs-");

        // The --config path is the mounted ConfigMap's job.yaml, and that job.yaml loads.
        JsonNode mount = container.path("volumeMounts").get(0);
        assertThat(args.get(1)).isEqualTo(mount.path("mountPath").asText() + "/job.yaml");
        JsonNode configMap = YAML.readTree(dir.resolve("config.yaml").toFile());
        assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(configMap.path("metadata").path("name").asText())
                .isEqualTo(
                        pod.path("spec")
                                .path("volumes")
                                .get(0)
                                .path("configMap")
                                .path("name")
                                .asText());
        Path tmp = Files.createTempDirectory("vlm-eval-k8s");
        try {
            for (String key : List.of("job.yaml", "endpoints.yaml")) {
                Files.writeString(tmp.resolve(key), configMap.path("data").path(key).asText());
            }
            JobConfig config = JobConfigLoader.load(tmp.resolve("job.yaml"));
            assertThat(config.parallelism()).isEqualTo(job.path("parallelism").asInt());
        } finally {
            for (String key : List.of("job.yaml", "endpoints.yaml")) {
                Files.deleteIfExists(tmp.resolve(key));
            }
            Files.deleteIfExists(tmp);
        }
        JsonNode secret = YAML.readTree(dir.resolve("secret.example.yaml").toFile());
        assertThat(secret.path("kind").asText()).isEqualTo("Secret");
        assertThat(container.path("envFrom").get(0).path("secretRef").path("name").asText())
                .isEqualTo(secret.path("metadata").path("name").asText());
    }
}
