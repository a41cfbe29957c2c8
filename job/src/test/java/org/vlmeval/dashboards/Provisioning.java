package org.vlmeval.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Grafana provisioning files of {@code dashboards/} (the repository's, found from the job
 * module as {@code ../dashboards}), parsed.
 */
final class Provisioning {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The uid of the provisioned PostgreSQL data source. */
    static final String STORE_UID = "vlm-eval-pg";

    /** A dashboard JSON file. */
    record Dashboard(Path file, JsonNode json) {
        String uid() {
            return json.path("uid").asText();
        }

        @Override
        public String toString() {
            return file.getFileName().toString();
        }
    }

    /** One query of one panel. */
    record Target(Dashboard dashboard, JsonNode panel, JsonNode target) {
        String datasourceUid() {
            JsonNode ds =
                    target.has("datasource") ? target.get("datasource") : panel.get("datasource");
            return ds == null ? null : ds.path("uid").asText(null);
        }

        @Override
        public String toString() {
            return dashboard
                    + " / "
                    + panel.path("title").asText()
                    + " / "
                    + target.path("refId").asText();
        }
    }

    private Provisioning() {}

    static Path root() {
        Path root = Path.of("..", "dashboards").toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("dashboards"))) {
            throw new IllegalStateException("no dashboards/dashboards under " + root);
        }
        return root;
    }

    static List<Path> files(String directory, String suffix) {
        try (Stream<Path> files = Files.walk(root().resolve(directory))) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            String name = file.getFileName().toString();
            return (name.endsWith(".json") ? JSON : YAML).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    static List<Dashboard> dashboards() {
        return files("dashboards", ".json").stream().map(f -> new Dashboard(f, read(f))).toList();
    }

    /** Every data source of datasources/*.yaml. */
    static List<JsonNode> datasources() {
        List<JsonNode> all = new ArrayList<>();
        for (Path f : files("datasources", ".yaml")) {
            read(f).path("datasources").forEach(all::add);
        }
        return all;
    }

    /** Every alert rule of alerting/*.yaml. */
    static List<JsonNode> alertRules() {
        List<JsonNode> rules = new ArrayList<>();
        for (Path f : files("alerting", ".yaml")) {
            for (JsonNode group : read(f).path("groups")) {
                group.path("rules").forEach(rules::add);
            }
        }
        return rules;
    }

    /** The panels of a dashboard, those inside rows included, rows excluded. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            if (p.path("type").asText().equals("row")) {
                p.path("panels").forEach(panels::add);
            } else {
                panels.add(p);
            }
        }
        return panels;
    }

    static List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (Dashboard d : dashboards()) {
            for (JsonNode p : panels(d.json())) {
                for (JsonNode t : p.path("targets")) {
                    targets.add(new Target(d, p, t));
                }
            }
        }
        return targets;
    }

    static boolean usesStore(Dashboard d) {
        return d.json().toString().contains("\"uid\":\"" + STORE_UID + "\"");
    }
}
