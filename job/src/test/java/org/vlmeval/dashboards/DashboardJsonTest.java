package org.vlmeval.dashboards;

import org.vlmeval.dashboards.Provisioning.Dashboard;
import org.vlmeval.dashboards.Provisioning.Target;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provisioning files under {@code dashboards/} without Grafana: they parse, uids are unique and
 * stable, every data source is referenced by the uid of a provisioned one, panels are of known
 * types, the store dashboards have their run, model and category variables, and the alert rules
 * refer to what exists. The SQL itself is run by {@link DashboardQueriesITCase}.
 */
class DashboardJsonTest {

    static final Set<String> PANEL_TYPES =
            Set.of(
                    "timeseries",
                    "stat",
                    "table",
                    "barchart",
                    "bargauge",
                    "text",
                    "heatmap",
                    "gauge");

    static final Map<String, String> DASHBOARDS =
            Map.of(
                    "model-overview.json", "vlm-eval-model-overview",
                    "categories.json", "vlm-eval-categories",
                    "replay-runs.json", "vlm-eval-replay-runs",
                    "operations.json", "vlm-eval-operations");

    private static Set<String> datasourceUids() {
        return Provisioning.datasources().stream()
                .map(ds -> ds.path("uid").asText())
                .collect(Collectors.toSet());
    }

    @Test
    void everyFileParsesAndProvisioningFilesAreApiVersion1() {
        for (String dir : List.of("datasources", "dashboards", "alerting")) {
            List<Path> yaml = Provisioning.files(dir, ".yaml");
            assertThat(yaml).as(dir).isNotEmpty();
            for (Path f : yaml) {
                assertThat(Provisioning.read(f).path("apiVersion").asInt())
                        .as(f.toString())
                        .isEqualTo(1);
            }
        }
        assertThat(Provisioning.dashboards())
                .extracting(d -> d.file().getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(DASHBOARDS.keySet());
        JsonNode provider =
                Provisioning.read(Provisioning.root().resolve("dashboards/provider.yaml"));
        assertThat(provider.path("providers")).hasSize(1);
        assertThat(provider.path("providers").get(0).path("type").asText()).isEqualTo("file");
    }

    @Test
    void datasourcesHaveStableUidsAndNoSecretsInTheFiles() {
        List<JsonNode> all = Provisioning.datasources();
        assertThat(all)
                .extracting(ds -> ds.path("uid").asText())
                .containsExactlyInAnyOrder("vlm-eval-pg", "vlm-eval-prometheus");
        JsonNode pg =
                all.stream()
                        .filter(ds -> ds.path("uid").asText().equals("vlm-eval-pg"))
                        .findFirst()
                        .orElseThrow();
        assertThat(pg.path("type").asText()).isEqualTo("grafana-postgresql-datasource");
        assertThat(pg.path("user").asText()).isEqualTo("${VLM_EVAL_GRAFANA_DB_USER}");
        assertThat(pg.path("secureJsonData").path("password").asText())
                .isEqualTo("${VLM_EVAL_GRAFANA_DB_PASSWORD}");
        assertThat(pg.path("jsonData").path("database").asText())
                .startsWith("${VLM_EVAL_GRAFANA_DB_");
        assertThat(pg.path("jsonData").path("postgresVersion").asInt())
                .isGreaterThanOrEqualTo(1000);
        assertThat(pg.path("jsonData").path("timescaledb").isBoolean()).isTrue();
        assertThat(pg.has("password")).as("top-level password").isFalse();
        assertThat(pg.has("database")).as("top-level database (dropped by Grafana 12)").isFalse();
    }

    @Test
    void dashboardUidsAreStableAndUnique() {
        Set<String> seen = new HashSet<>();
        for (Dashboard d : Provisioning.dashboards()) {
            assertThat(d.uid()).as(d.toString()).isEqualTo(DASHBOARDS.get(d.toString()));
            assertThat(d.uid().length())
                    .as("Grafana uids have at most 40 characters")
                    .isLessThanOrEqualTo(40);
            assertThat(seen.add(d.uid())).as("duplicate uid " + d.uid()).isTrue();
            assertThat(d.json().path("title").asText()).isNotBlank();
            assertThat(d.json().path("schemaVersion").asInt())
                    .as(d.toString())
                    .isGreaterThanOrEqualTo(39);
            assertThat(d.json().has("id"))
                    .as(d + ": provisioned dashboards carry no numeric id")
                    .isFalse();
        }
    }

    @Test
    void panelIdsAreUniqueAndPanelsFitTheGrid() {
        for (Dashboard d : Provisioning.dashboards()) {
            List<Integer> idList = new ArrayList<>();
            d.json()
                    .path("panels")
                    .forEach(
                            p -> {
                                idList.add(p.path("id").asInt());
                                p.path("panels").forEach(c -> idList.add(c.path("id").asInt()));
                            });
            assertThat(idList).as(d + " panel ids").doesNotHaveDuplicates();
            for (JsonNode p : Provisioning.panels(d.json())) {
                JsonNode grid = p.path("gridPos");
                assertThat(grid.path("w").asInt()).isPositive();
                assertThat(grid.path("h").asInt()).isPositive();
                assertThat(grid.path("x").asInt() + grid.path("w").asInt())
                        .as(d + " / " + p.path("title") + " fits 24 columns")
                        .isLessThanOrEqualTo(24);
            }
        }
    }

    @Test
    void panelTypesAreKnownAndEveryPanelHasATitleAndQueries() {
        for (Dashboard d : Provisioning.dashboards()) {
            for (JsonNode p : Provisioning.panels(d.json())) {
                String where = d + " / " + p.path("title").asText();
                assertThat(p.path("type").asText()).as(where).isIn(PANEL_TYPES);
                assertThat(p.path("title").asText()).as(where).isNotBlank();
                if (!p.path("type").asText().equals("text")) {
                    assertThat(p.path("targets")).as(where).isNotEmpty();
                }
            }
        }
    }

    @Test
    void everyDatasourceReferenceIsAnObjectWithTheUidOfAProvisionedDatasource() {
        Set<String> uids = datasourceUids();
        for (Dashboard d : Provisioning.dashboards()) {
            walk(
                    d.json(),
                    "",
                    (path, node) -> {
                        String where = d + " " + path;
                        if (path.endsWith(".datasource")) {
                            assertThat(node.isObject())
                                    .as(where + " is an object, not a name")
                                    .isTrue();
                            assertThat(node.path("uid").isTextual()).as(where + ".uid").isTrue();
                            assertThat(node.path("uid").asText()).as(where).isIn(uids);
                        }
                        assertThat(path)
                                .as(where + ": no numeric data source ids")
                                .doesNotEndWith(".datasourceId");
                    });
        }
        // Every query names its data source, or its panel does.
        for (Target t : Provisioning.targets()) {
            assertThat(t.datasourceUid()).as(t.toString()).isIn(uids);
            String uid = t.datasourceUid();
            if (uid.equals(Provisioning.STORE_UID)) {
                assertThat(t.target().path("rawSql").asText()).as(t.toString()).isNotBlank();
                assertThat(t.target().path("format").asText())
                        .as(t.toString())
                        .isIn("table", "time_series");
            } else {
                assertThat(t.target().path("expr").asText()).as(t.toString()).isNotBlank();
            }
        }
    }

    @Test
    void storeDashboardsHaveRunModelAndCategoryVariablesFromTheStore() {
        int store = 0;
        for (Dashboard d : Provisioning.dashboards()) {
            if (!Provisioning.usesStore(d)) {
                continue;
            }
            store++;
            Map<String, JsonNode> vars = new java.util.LinkedHashMap<>();
            d.json()
                    .path("templating")
                    .path("list")
                    .forEach(v -> vars.put(v.path("name").asText(), v));
            assertThat(vars).as(d.toString()).containsKeys("run", "model", "category");
            for (JsonNode v : vars.values()) {
                assertThat(v.path("type").asText()).isEqualTo("query");
                assertThat(v.path("datasource").path("uid").asText())
                        .isEqualTo(Provisioning.STORE_UID);
                assertThat(v.path("query").asText()).contains("vlm_eval.");
            }
            assertThat(vars.get("model").path("multi").asBoolean()).isTrue();
        }
        assertThat(store).isEqualTo(3);
        // Runs are compared side by side: a multi-value variable there.
        Dashboard replay =
                Provisioning.dashboards().stream()
                        .filter(d -> d.uid().equals("vlm-eval-replay-runs"))
                        .findFirst()
                        .orElseThrow();
        replay.json()
                .path("templating")
                .path("list")
                .forEach(
                        v -> {
                            if (v.path("name").asText().equals("run")) {
                                assertThat(v.path("multi").asBoolean()).isTrue();
                            }
                        });
    }

    @Test
    void storeQueriesNameTheSchemaAndQuoteTextVariables() {
        for (Target t : Provisioning.targets()) {
            if (!Provisioning.STORE_UID.equals(t.datasourceUid())) {
                continue;
            }
            String sql = t.target().path("rawSql").asText();
            assertThat(sql).as(t.toString()).contains("FROM vlm_eval.");
            // A text variable is interpolated raw when single-valued: always ${var:sqlstring}.
            for (String var : List.of("run", "model", "category")) {
                assertThat(sql).as(t.toString()).doesNotContainPattern("\\$" + var + "\\b");
            }
        }
    }

    @Test
    void alertRulesReferToProvisionedDatasourcesAndTheirOwnQueries() {
        Set<String> uids = datasourceUids();
        Set<String> dashboards = Set.copyOf(DASHBOARDS.values());
        List<JsonNode> rules = Provisioning.alertRules();
        assertThat(rules)
                .extracting(r -> r.path("uid").asText())
                .doesNotHaveDuplicates()
                .contains(
                        "vlm-eval-refusal-rate-high",
                        "vlm-eval-accuracy-drop",
                        "vlm-eval-error-rate-spike",
                        "vlm-eval-no-data");
        for (JsonNode rule : rules) {
            String where = rule.path("uid").asText();
            assertThat(rule.path("title").asText()).as(where).isNotBlank();
            assertThat(rule.path("noDataState").asText())
                    .as(where)
                    .isIn("OK", "NoData", "Alerting", "KeepLast");
            assertThat(rule.path("execErrState").asText())
                    .as(where)
                    .isIn("OK", "Error", "Alerting", "KeepLast");
            Set<String> refIds = new HashSet<>();
            for (JsonNode q : rule.path("data")) {
                String refId = q.path("refId").asText();
                assertThat(q.path("model").path("refId").asText()).as(where).isEqualTo(refId);
                assertThat(refIds.add(refId)).as(where + " duplicate refId " + refId).isTrue();
                String uid = q.path("datasourceUid").asText();
                if (uid.equals("__expr__")) {
                    assertThat(q.path("model").path("type").asText())
                            .as(where)
                            .isIn("reduce", "threshold", "math");
                    assertThat(refIds)
                            .as(where + ": expression input defined before")
                            .contains(q.path("model").path("expression").asText());
                } else {
                    assertThat(uid).as(where).isIn(uids);
                    assertThat(q.path("relativeTimeRange").path("from").asInt())
                            .as(where)
                            .isPositive();
                    assertThat(q.path("model").path("format").asText())
                            .as(where)
                            .isEqualTo("time_series");
                    assertThat(q.path("model").path("rawSql").asText())
                            .as(where)
                            .contains("FROM vlm_eval.");
                }
            }
            assertThat(refIds).as(where).contains(rule.path("condition").asText());
            String dash = rule.path("annotations").path("__dashboardUid__").asText(null);
            if (dash != null) {
                assertThat(dash).as(where).isIn(dashboards);
            }
        }
    }

    private static void walk(JsonNode node, String path, BiConsumer<String, JsonNode> visit) {
        visit.accept(path, node);
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> walk(e.getValue(), path + "." + e.getKey(), visit));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", visit);
            }
        }
    }
}
