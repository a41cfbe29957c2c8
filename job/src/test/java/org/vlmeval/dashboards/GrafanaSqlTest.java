package org.vlmeval.dashboards;

import org.vlmeval.dashboards.GrafanaSql.Variable;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Grafana interpolation the query tests rely on, checked against Grafana's documented output.
 */
class GrafanaSqlTest {

    private final GrafanaSql grafana =
            new GrafanaSql(
                    Map.of(
                            "run", new Variable("run", List.of("r1", "r'2"), true),
                            "model", new Variable("model", List.of("model-a"), false),
                            "window", new Variable("window", List.of("60"), false)),
                    Instant.parse("2026-11-27T06:00:00.250Z"),
                    Instant.parse("2026-11-27T12:00:00Z"),
                    Duration.ofMinutes(5));

    @Test
    void variablesFollowTheSqlDataSourceRules() {
        assertThat(grafana.expand("run IN ($run)")).isEqualTo("run IN ('r1','r''2')");
        assertThat(grafana.expand("run IN (${run:sqlstring})")).isEqualTo("run IN ('r1','r''2')");
        assertThat(grafana.expand("run IN (${run:csv})")).isEqualTo("run IN (r1,r'2)");
        // A single-value variable is raw unless formatted.
        assertThat(grafana.expand("m = $model")).isEqualTo("m = model-a");
        assertThat(grafana.expand("m = ${model:sqlstring}")).isEqualTo("m = 'model-a'");
        assertThat(grafana.expand("s = $window")).isEqualTo("s = 60");
        assertThatThrownBy(() -> grafana.expand("c IN ($category)"))
                .hasMessageContaining("unknown variable $category");
    }

    @Test
    void macrosExpandAsThePostgresDataSourceDoes() {
        assertThat(grafana.expand("WHERE $__timeFilter(w.\"time\")"))
                .isEqualTo(
                        "WHERE w.\"time\" BETWEEN '2026-11-27T06:00:00Z' AND"
                                + " '2026-11-27T12:00:00Z'");
        assertThat(grafana.expand("SELECT $__timeGroupAlias(\"time\", $__interval), 1"))
                .isEqualTo("SELECT floor(extract(epoch from \"time\")/300)*300 AS \"time\", 1");
        assertThat(grafana.expand("$__timeGroup(time, '1h')"))
                .isEqualTo("floor(extract(epoch from time)/3600)*3600");
        assertThat(grafana.expand("$__timeTo()::timestamptz - interval '1 hour', $__timeFrom()"))
                .isEqualTo(
                        "'2026-11-27T12:00:00Z'::timestamptz - interval '1 hour',"
                                + " '2026-11-27T06:00:00Z'");
        assertThatThrownBy(() -> grafana.expand("$__unixEpochFilter(t)"))
                .hasMessageContaining("unknown macro");
    }
}
