package org.vlmeval.dashboards;

import org.vlmeval.cli.VlmEval;
import org.vlmeval.dashboards.GrafanaSql.Variable;
import org.vlmeval.dashboards.Provisioning.Dashboard;
import org.vlmeval.dashboards.Provisioning.Target;
import org.vlmeval.metrics.Interval;
import org.vlmeval.metrics.Wilson;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.store.PostgresStore;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;
import org.vlmeval.testing.TestPostgres;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every SQL query of the dashboards and alert rules, run as Grafana would run it — variables
 * interpolated and macros expanded ({@link GrafanaSql}), logged in as a member of the read-only
 * role {@code vlm_eval_reader} — against a store filled by two real replays of the job (the CLI's
 * {@code replay} command on a MiniCluster, two simulated model servers). Each query must succeed,
 * return rows, and return the columns its panel reads.
 *
 * <p>The store lives in schema {@code vlm_eval} of a fresh database: the production schema name, so
 * the dashboards' SQL runs verbatim.
 */
class DashboardQueriesITCase {

    static final String READER = "grafana_it";
    static final int QUESTIONS = 240;

    /** A 2×2 PNG, base64. */
    static final String PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==";

    static final String[] CATEGORIES = {"counting", "charts", "ocr"};

    @TempDir static Path dir;

    static String database;
    static String jdbcUrl;
    static Instant now;
    static final List<ModelServer> servers = new ArrayList<>();

    enum Behaviour {
        RIGHT,
        WRONG,
        REFUSE,
        HALLUCINATE,
        FAIL
    }

    @BeforeAll
    static void fillTheStore() throws Exception {
        database = TestPostgres.freshDatabase();
        jdbcUrl = TestPostgres.jdbcUrl(database);
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // Questions spread over the last two hours, so that the alert rules (last 15 minutes, last
        // hour against the 24 hours before) have data on both sides.
        List<String> corpus = new ArrayList<>();
        Map<String, Integer> values = new LinkedHashMap<>();
        Random random = new Random(20261127);
        Instant start = now.minus(Duration.ofHours(2));
        for (int i = 0; i < QUESTIONS; i++) {
            String question = "How many items are in box " + i + "?";
            int value = random.nextInt(1000);
            values.put(question, value);
            String ts = start.plusSeconds(i * 7200L / QUESTIONS).toString();
            String category = i % 10 == 9 ? null : CATEGORIES[i % 3];
            corpus.add(
                    "{\"id\":\"box-"
                            + i
                            + "\",\"ts\":\""
                            + ts
                            + "\""
                            + (category == null ? "" : ",\"category\":\"" + category + "\"")
                            + ",\"lang\":\"en\",\"question\":\""
                            + question
                            + "\""
                            // Every sixth without a reference: graded by the judge.
                            + (i % 6 == 5
                                    ? ""
                                    : ",\"reference\":{\"type\":\"numeric\",\"value\":"
                                            + value
                                            + "}")
                            + (i % 2 == 0
                                    ? ",\"objects\":[\"box\",\"apple\"]"
                                    // The others show an image the objects judge lists.
                                    : ",\"image\":{\"data\":\""
                                            + PNG
                                            + "\",\"mime\":\"image/png\"}")
                            // Some asked twice, for the stability panels.
                            + (i % 8 == 0 ? ",\"repeats\":2" : "")
                            + "}");
        }
        Path corpusFile = dir.resolve("corpus.jsonl");
        Files.write(corpusFile, corpus, StandardCharsets.UTF_8);

        // model-a is mostly right; model-b refuses, hallucinates and fails more often.
        double[][] mix = {{0.6, 0.15, 0.1, 0.05, 0.1}, {0.35, 0.2, 0.2, 0.1, 0.15}};
        StringBuilder endpoints = new StringBuilder("endpoints:\n");
        for (int m = 0; m < 2; m++) {
            double[] p = mix[m];
            long seed = 7 + m;
            ModelServer server =
                    new ModelServer(
                            q -> {
                                if (q.contains("<<<ANSWER")) {
                                    return grade(q, values);
                                }
                                if (q.contains("List every object visible")) {
                                    return Reply.answer("{\"objects\": [\"box\", \"apple\"]}")
                                            .tokens(900, 10);
                                }
                                int v = values.get(q);
                                Random r = new Random(seed * 31 + q.hashCode());
                                return switch (pick(p, r.nextDouble())) {
                                    case RIGHT ->
                                            Reply.answer("There are " + v + " items.")
                                                    .tokens(500, 7);
                                    case WRONG ->
                                            Reply.answer("There are " + (v + 1) + " items.")
                                                    .tokens(500, 7);
                                    case REFUSE ->
                                            Reply.answer(
                                                            "I'm sorry, but I can't help with that"
                                                                    + " request.")
                                                    .tokens(500, 12);
                                    case HALLUCINATE ->
                                            Reply.answer(
                                                            "There are "
                                                                    + v
                                                                    + " items in the box, next to a"
                                                                    + " dog.")
                                                    .tokens(500, 14);
                                    case FAIL -> Reply.status(500);
                                };
                            });
            servers.add(server);
            String name = m == 0 ? "model-a" : "model-b";
            endpoints
                    .append("  - name: ")
                    .append(name)
                    .append('\n')
                    .append("    protocol: openai\n")
                    .append("    base_url: ")
                    .append(server.openAiBaseUrl())
                    .append('\n')
                    .append("    model: ")
                    .append(name)
                    .append("-v1\n")
                    .append("    max_concurrency: 8\n")
                    .append("    max_retries: 0\n")
                    .append("    circuit_failure_threshold: 100000\n")
                    .append("    price_per_million_input_tokens: 2.0\n")
                    .append("    price_per_million_output_tokens: 10.0\n");
        }
        // model-a also grades model-b's answers to the questions without a reference.
        endpoints.append("judges:\n  - endpoint: model-a\n    tasks: [grade, objects]\n");
        Path endpointsFile = dir.resolve("endpoints.yaml");
        Files.writeString(endpointsFile, endpoints.toString());

        for (String run : List.of("r1", "r2")) {
            int exit =
                    VlmEval.run(
                            "replay",
                            "--corpus",
                            corpusFile.toString(),
                            "--endpoints",
                            endpointsFile.toString(),
                            "--store",
                            jdbcUrl,
                            "--store-user",
                            TestPostgres.SUPERUSER,
                            "--store-schema",
                            "vlm_eval",
                            "--out",
                            dir.resolve("out-" + run).toString(),
                            "--run-id",
                            run,
                            "--window",
                            "1m");
            assertThat(exit).as("replay " + run).isZero();
        }
        TestPostgres.execute(
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
                        + READER
                        + "') THEN CREATE ROLE "
                        + READER
                        + " LOGIN; END IF; END $$");
        TestPostgres.execute("GRANT vlm_eval_reader TO " + READER);
        // An alert as DetectShifts writes it (AlertsITCase plants real shifts; 240 questions over
        // two hours are too few for one), for the alerts panel's query.
        try (Connection c = admin();
                Statement st = c.createStatement()) {
            Instant fired = now.minus(Duration.ofMinutes(30));
            // The dashboard's run variable picks either run: one alert in each.
            for (String run : List.of("r1", "r2")) {
                st.execute(
                        "INSERT INTO vlm_eval.alert_events (alert_id, state, run, model, category,"
                                + " metric, window_start, window_end, window_rate, window_trials,"
                                + " baseline_rate, baseline_trials, p_value) VALUES ('"
                                + run
                                + "/model-b/*/accuracy/"
                                + fired
                                + "', 'firing', '"
                                + run
                                + "', 'model-b', '*', 'accuracy', '"
                                + fired.minus(Duration.ofMinutes(5))
                                + "', '"
                                + fired
                                + "', 0.2, 40, 0.6, 400, 1e-6)");
            }
        }
    }

    private static Behaviour pick(double[] p, double x) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i];
            if (x < sum) {
                return Behaviour.values()[i];
            }
        }
        return Behaviour.values()[p.length - 1];
    }

    /** model-a as a grade judge: the answer is correct when it states the box's value. */
    static Reply grade(String prompt, Map<String, Integer> values) {
        for (Map.Entry<String, Integer> e : values.entrySet()) {
            if (prompt.contains(e.getKey())) {
                String answer = prompt.substring(prompt.indexOf("<<<ANSWER"));
                boolean right = answer.contains("There are " + e.getValue() + " items");
                return Reply.answer(
                                "{\"verdict\": \""
                                        + (right ? "correct" : "incorrect")
                                        + "\", \"rationale\": \"counted\"}")
                        .tokens(300, 12);
            }
        }
        return Reply.answer("no idea");
    }

    @AfterAll
    static void stopServers() {
        servers.forEach(ModelServer::close);
    }

    /** A connection as Grafana's user: a member of vlm_eval_reader, no more. */
    private static Connection reader() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, READER, null);
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, TestPostgres.SUPERUSER, null);
    }

    /** A query's result: column name → JDBC type, and the rows. */
    record Result(Map<String, Integer> columns, List<Map<String, Object>> rows) {}

    private static Result query(String sql) throws SQLException {
        try (Connection c = reader();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, Integer> columns = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.put(md.getColumnLabel(i), md.getColumnType(i));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return new Result(columns, rows);
        }
    }

    /**
     * The dashboard's variables, resolved in order the way Grafana does on load: each query
     * variable's SQL run with the variables before it, then all its values selected (multi-value
     * and include-all variables) or the first one.
     */
    private static Map<String, Variable> resolve(Dashboard d) throws SQLException {
        Map<String, Variable> vars = new LinkedHashMap<>();
        for (JsonNode v : d.json().path("templating").path("list")) {
            String name = v.path("name").asText();
            String sql =
                    new GrafanaSql(vars, now.minus(Duration.ofHours(6)), now, Duration.ofMinutes(1))
                            .expand(v.path("query").asText());
            Result r = query(sql);
            assertThat(r.rows()).as(d + " variable $" + name + ": " + sql).isNotEmpty();
            String valueColumn =
                    r.columns().containsKey("__value")
                            ? "__value"
                            : r.columns().keySet().iterator().next();
            List<String> values =
                    r.rows().stream().map(row -> String.valueOf(row.get(valueColumn))).toList();
            boolean multi = v.path("multi").asBoolean() || v.path("includeAll").asBoolean();
            vars.put(name, new Variable(name, multi ? values : List.of(values.get(0)), multi));
        }
        return vars;
    }

    @Test
    void variablesOfEveryStoreDashboardHaveValues() throws Exception {
        for (Dashboard d : Provisioning.dashboards()) {
            if (!Provisioning.usesStore(d)) {
                continue;
            }
            Map<String, Variable> vars = resolve(d);
            assertThat(vars).containsKeys("run", "model", "category");
            if (d.uid().equals("vlm-eval-replay-runs")) {
                assertThat(vars.get("run").values()).containsExactlyInAnyOrder("r1", "r2");
            } else {
                assertThat(vars.get("run").values()).hasSize(1).isSubsetOf("r1", "r2");
            }
            assertThat(vars.get("model").values()).containsExactlyInAnyOrder("model-a", "model-b");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPanelQueryRunsAndReturnsWhatItsPanelReads() throws Exception {
        Map<String, Map<String, Variable>> variables = new LinkedHashMap<>();
        for (Dashboard d : Provisioning.dashboards()) {
            if (Provisioning.usesStore(d)) {
                variables.put(d.uid(), resolve(d));
            }
        }
        List<Target> targets =
                Provisioning.targets().stream()
                        .filter(t -> Provisioning.STORE_UID.equals(t.datasourceUid()))
                        .toList();
        assertThat(targets).hasSizeGreaterThan(20);
        return targets.stream()
                .map(
                        t ->
                                DynamicTest.dynamicTest(
                                        t.toString(),
                                        () -> {
                                            GrafanaSql grafana =
                                                    new GrafanaSql(
                                                            variables.get(t.dashboard().uid()),
                                                            now.minus(Duration.ofHours(6)),
                                                            now.plusSeconds(60),
                                                            Duration.ofMinutes(1));
                                            String sql =
                                                    grafana.expand(
                                                            t.target().path("rawSql").asText());
                                            Result r = query(sql);
                                            assertThat(r.rows()).as("rows of " + sql).isNotEmpty();
                                            checkColumns(t, r, sql);
                                        }));
    }

    private static void checkColumns(Target t, Result r, String sql) {
        JsonNode panel = t.panel();
        String type = panel.path("type").asText();
        String format = t.target().path("format").asText();
        Set<String> columns = r.columns().keySet();
        if (format.equals("time_series")) {
            assertThat(columns).as(sql).contains("time");
            long numeric =
                    r.columns().entrySet().stream()
                            .filter(e -> !e.getKey().equals("time") && isNumeric(e.getValue()))
                            .count();
            assertThat(numeric).as("value columns of " + sql).isPositive();
            if (columns.contains("metric")) {
                assertThat(r.columns().get("metric")).isIn(Types.VARCHAR, Types.OTHER);
            }
            // Some value is not null: a panel of nothing but gaps says nothing.
            assertThat(
                            r.rows().stream()
                                    .anyMatch(
                                            row ->
                                                    row.entrySet().stream()
                                                            .anyMatch(
                                                                    e ->
                                                                            !e.getKey()
                                                                                            .equals(
                                                                                                    "time")
                                                                                    && e.getValue()
                                                                                            instanceof
                                                                                            Number)))
                    .as(sql)
                    .isTrue();
        }
        if (type.equals("timeseries") || type.equals("heatmap")) {
            assertThat(format).as(t.toString()).isEqualTo("time_series");
        }
        for (JsonNode tr : panel.path("transformations")) {
            JsonNode options = tr.path("options");
            switch (tr.path("id").asText()) {
                case "organize" -> {
                    options.path("renameByName")
                            .fieldNames()
                            .forEachRemaining(
                                    c -> assertThat(columns).as(t + " organize").contains(c));
                    options.path("indexByName")
                            .fieldNames()
                            .forEachRemaining(
                                    c -> assertThat(columns).as(t + " organize").contains(c));
                }
                case "groupingToMatrix" -> {
                    assertThat(columns)
                            .as(t + " groupingToMatrix")
                            .contains(
                                    options.path("rowField").asText(),
                                    options.path("columnField").asText(),
                                    options.path("valueField").asText());
                    assertThat(
                                    r.rows().stream()
                                            .anyMatch(
                                                    row ->
                                                            row.get(
                                                                            options.path(
                                                                                            "valueField")
                                                                                    .asText())
                                                                    != null))
                            .as(t + ": some value")
                            .isTrue();
                }
                default -> throw new AssertionError(t + ": unchecked transformation " + tr);
            }
        }
        for (JsonNode o : panel.path("fieldConfig").path("overrides")) {
            if (o.path("matcher").path("id").asText().equals("byName")) {
                assertThat(columns)
                        .as(t + " override")
                        .contains(o.path("matcher").path("options").asText());
            }
        }
        if (type.equals("stat")) {
            String fields = panel.path("options").path("reduceOptions").path("fields").asText();
            if (fields.startsWith("/^") && fields.endsWith("$/")) {
                String field = fields.substring(2, fields.length() - 2);
                assertThat(columns).as(t.toString()).contains(field);
                assertThat(isNumeric(r.columns().get(field))).isTrue();
            }
            String display =
                    panel.path("fieldConfig").path("defaults").path("displayName").asText("");
            if (display.contains("${__data.fields.")) {
                String field =
                        display.substring(display.indexOf("fields.") + 7, display.indexOf('}'));
                assertThat(columns).as(t + " display name").contains(field);
            }
        }
    }

    private static boolean isNumeric(int type) {
        return switch (type) {
            case Types.BIGINT,
                    Types.INTEGER,
                    Types.SMALLINT,
                    Types.DOUBLE,
                    Types.REAL,
                    Types.FLOAT,
                    Types.NUMERIC,
                    Types.DECIMAL ->
                    true;
            default -> false;
        };
    }

    @TestFactory
    Stream<DynamicTest> everyAlertQueryRunsAndReturnsASeriesPerRunAndModel() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode rule : Provisioning.alertRules()) {
            for (JsonNode q : rule.path("data")) {
                if (!q.path("datasourceUid").asText().equals(Provisioning.STORE_UID)) {
                    continue;
                }
                String name = rule.path("uid").asText() + " / " + q.path("refId").asText();
                tests.add(
                        DynamicTest.dynamicTest(
                                name,
                                () -> {
                                    Instant from =
                                            now.minusSeconds(
                                                    q.path("relativeTimeRange")
                                                            .path("from")
                                                            .asLong());
                                    Instant to =
                                            now.plusSeconds(60)
                                                    .minusSeconds(
                                                            q.path("relativeTimeRange")
                                                                    .path("to")
                                                                    .asLong());
                                    String sql =
                                            new GrafanaSql(
                                                            Map.of(),
                                                            from,
                                                            to,
                                                            Duration.ofMinutes(1))
                                                    .expand(
                                                            q.path("model")
                                                                    .path("rawSql")
                                                                    .asText());
                                    Result r = query(sql);
                                    assertThat(r.rows()).as(sql).isNotEmpty();
                                    assertThat(r.columns()).as(sql).containsKey("time");
                                    assertThat(
                                                    r.columns().entrySet().stream()
                                                            .filter(
                                                                    e ->
                                                                            !e.getKey()
                                                                                            .equals(
                                                                                                    "time")
                                                                                    && isNumeric(
                                                                                            e
                                                                                                    .getValue())))
                                            .as(sql)
                                            .hasSize(1);
                                    if (r.columns().containsKey("metric")) {
                                        Set<Object> series = new TreeSet<>();
                                        r.rows().forEach(row -> series.add(row.get("metric")));
                                        assertThat(series)
                                                .as(sql)
                                                .contains("r1/model-a", "r1/model-b", "r2/model-b");
                                    }
                                }));
            }
        }
        assertThat(tests).hasSize(4);
        return tests.stream();
    }

    @Test
    void theReaderRoleReadsTablesAndViewsButCannotWrite() throws Exception {
        List<String> relations =
                List.of(
                        "answers",
                        "window_metrics",
                        "flyway_schema_history",
                        "runs",
                        "latest_window_metrics",
                        "leaderboard",
                        "category_comparison",
                        "worst_cases");
        try (Connection c = reader();
                Statement st = c.createStatement()) {
            for (String rel : relations) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM vlm_eval." + rel)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(rel).isPositive();
                }
            }
            for (String write :
                    List.of(
                            "INSERT INTO vlm_eval.answers (run, request_id, endpoint, model, event_time,"
                                    + " question, latency_ms, attempts, late) VALUES ('x', 'x', 'x', 'x',"
                                    + " now(), 'q', 1, 1, false)",
                            "UPDATE vlm_eval.window_metrics SET errors = 0",
                            "DELETE FROM vlm_eval.answers",
                            "DELETE FROM vlm_eval.worst_cases",
                            "TRUNCATE vlm_eval.answers",
                            "CREATE TABLE vlm_eval.mine (x int)",
                            "DROP VIEW vlm_eval.leaderboard")) {
                assertThatThrownBy(() -> st.execute(write))
                        .as(write)
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).isIn("42501", "42809"));
            }
        }
        Result count = query("SELECT count(*) AS n FROM vlm_eval.answers");
        // Two runs, two models, every eighth question asked twice.
        assertThat(((Number) count.rows().get(0).get("n")).longValue())
                .isEqualTo(4L * (QUESTIONS + QUESTIONS / 8));
    }

    @Test
    void theLeaderboardAgreesWithTheReplaySummaryAndWilson() throws Exception {
        for (String run : List.of("r1", "r2")) {
            JsonNode summary =
                    JsonCodec.MAPPER.readTree(
                            dir.resolve("out-" + run).resolve("summary.json").toFile());
            Result r =
                    query(
                            "SELECT * FROM vlm_eval.leaderboard WHERE run = '"
                                    + run
                                    + "' ORDER BY model");
            assertThat(r.rows())
                    .extracting(row -> row.get("model"))
                    .containsExactly("model-a", "model-b");
            for (Map<String, Object> row : r.rows()) {
                JsonNode m = summary.path("models").path((String) row.get("model"));
                assertThat(((Number) row.get("requests")).longValue())
                        .isEqualTo(m.path("requests").asLong());
                assertThat(((Number) row.get("errors")).longValue())
                        .isEqualTo(m.path("errors").asLong());
                assertThat(((Number) row.get("correct")).longValue())
                        .isEqualTo(m.path("correct").asLong());
                assertThat(((Number) row.get("refusals")).longValue())
                        .isEqualTo(m.path("refusals").asLong());
                assertThat(((Number) row.get("hallucinations")).longValue()).isPositive();
                assertThat((Double) row.get("cost"))
                        .isCloseTo(m.path("cost").asDouble(), within(1e-9));
                long correct = ((Number) row.get("correct")).longValue();
                long scored = ((Number) row.get("scored")).longValue();
                Interval wilson = Wilson.interval95(correct, scored);
                assertThat((Double) row.get("accuracy_low")).isCloseTo(wilson.low(), within(1e-12));
                assertThat((Double) row.get("accuracy_high"))
                        .isCloseTo(wilson.high(), within(1e-12));
                assertThat((Double) row.get("cost_per_correct"))
                        .isCloseTo((Double) row.get("cost") / correct, within(1e-12));
            }
            // The stability view counts what the summary counts (Java and SQL, one definition).
            Result stability =
                    query(
                            "SELECT * FROM vlm_eval.stability WHERE category = '*' AND run = '"
                                    + run
                                    + "' ORDER BY model");
            assertThat(stability.rows()).hasSize(2);
            for (Map<String, Object> row : stability.rows()) {
                JsonNode m = summary.path("models").path((String) row.get("model"));
                assertThat(m.path("repeated_events").asLong()).isPositive();
                assertThat(((Number) row.get("repeated_events")).longValue())
                        .isEqualTo(m.path("repeated_events").asLong());
                assertThat(((Number) row.get("stable_events")).longValue())
                        .isEqualTo(m.path("stable_events").asLong());
            }
        }
        // The SQL Wilson bounds agree with the window rows the job computed in Java.
        Result w =
                query(
                        "SELECT correct, scored, accuracy_low, accuracy_high,"
                                + " vlm_eval.wilson_low(correct, scored) AS l, vlm_eval.wilson_high(correct, scored) AS h"
                                + " FROM vlm_eval.window_metrics WHERE scored > 0");
        assertThat(w.rows()).isNotEmpty();
        for (Map<String, Object> row : w.rows()) {
            assertThat((Double) row.get("l"))
                    .isCloseTo((Double) row.get("accuracy_low"), within(1e-12));
            assertThat((Double) row.get("h"))
                    .isCloseTo((Double) row.get("accuracy_high"), within(1e-12));
        }
        assertThat(query("SELECT vlm_eval.wilson_low(0, 0) AS l").rows().get(0).get("l")).isNull();
        // Categories add up to the run, and the worst cases are exactly the bad answers.
        Result sums =
                query(
                        "SELECT run, model, sum(requests) AS requests FROM vlm_eval.category_comparison"
                                + " GROUP BY run, model ORDER BY 1, 2");
        Result board = query("SELECT run, model, requests FROM vlm_eval.leaderboard ORDER BY 1, 2");
        assertThat(sums.rows().toString()).isEqualTo(board.rows().toString());
        Result worst =
                query(
                        "SELECT verdict, count(*) AS n FROM vlm_eval.worst_cases GROUP BY 1 ORDER BY 1");
        assertThat(worst.rows())
                .extracting(row -> row.get("verdict"))
                .containsExactly("error", "hallucination", "refusal", "wrong");
        Result bad =
                query(
                        "SELECT count(*) AS n FROM vlm_eval.answers"
                                + " WHERE error_kind IS NOT NULL OR NOT correct OR refusal OR hallucination");
        long worstTotal =
                worst.rows().stream().mapToLong(row -> ((Number) row.get("n")).longValue()).sum();
        assertThat(worstTotal).isEqualTo(((Number) bad.rows().get(0).get("n")).longValue());
    }

    @Test
    void migratingAnotherSchemaReusesTheRoleAndIsANoOpTheSecondTime() throws Exception {
        String schema = TestPostgres.freshSchema();
        PostgresStore.open(TestPostgres.options(jdbcUrl, schema).build()).close();
        PostgresStore.open(TestPostgres.options(jdbcUrl, schema).build()).close();
        assertThat(TestPostgres.rowsIn(database, schema, "flyway_schema_history"))
                .extracting(row -> row.get("version"))
                .containsExactlyInAnyOrder(null, "1", "2", "3", "4", "5", "6", "7", "8", "9");
        try (Connection c = admin()) {
            try (Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery(
                                    "SELECT has_table_privilege('vlm_eval_reader', '"
                                            + schema
                                            + ".leaderboard', 'SELECT'),"
                                            + " has_table_privilege('vlm_eval_reader', '"
                                            + schema
                                            + ".answers', 'INSERT'),"
                                            + " has_schema_privilege('vlm_eval_reader', '"
                                            + schema
                                            + "', 'USAGE'),"
                                            + " (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'vlm_eval_reader')")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
                assertThat(rs.getBoolean(2)).isFalse();
                assertThat(rs.getBoolean(3)).isTrue();
                assertThat(rs.getBoolean(4)).as("NOLOGIN").isFalse();
            }
            // Default privileges: a table the migrating user adds later is readable too.
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + schema + ".later (x int)");
                try (ResultSet rs =
                        st.executeQuery(
                                "SELECT has_table_privilege('vlm_eval_reader', '"
                                        + schema
                                        + ".later', 'SELECT')")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).isTrue();
                }
            }
        }
    }
}
