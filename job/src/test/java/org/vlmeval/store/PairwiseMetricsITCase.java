package org.vlmeval.store;

import org.vlmeval.metrics.Difference;
import org.vlmeval.metrics.Holm;
import org.vlmeval.metrics.McNemar;
import org.vlmeval.metrics.PairedDifference;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.testing.PlantedRuns;
import org.vlmeval.testing.Rows;
import org.vlmeval.testing.TestPostgres;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The store's paired comparisons (V6: {@code mcnemar_p}, {@code paired_difference}, {@code
 * pairwise_in}, view {@code pairwise_metrics}) against the Java statistics and an independent exact
 * computation, on planted runs written through {@link PostgresStore}.
 */
class PairwiseMetricsITCase {

    private String schema;

    @BeforeEach
    void freshSchema() {
        schema = TestPostgres.freshSchema();
        PostgresStore.open(TestPostgres.options(schema).build()).close();
    }

    private List<Object[]> query(String sql, Object... args) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = TestPostgres.admin();
                PreparedStatement ps = c.prepareStatement(sql.replace("S.", schema + "."))) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    @Test
    void mcNemarInSqlIsTheExactBinomialTail() throws Exception {
        long[][] cases = {
            {0, 0},
            {3, 3},
            {0, 1},
            {1, 0},
            {6, 26},
            {26, 6},
            {1, 9},
            {40, 60},
            {0, 50},
            {120, 180},
            {4_000, 4_300},
            {49_000, 51_000}
        };
        for (long[] bc : cases) {
            double sql = (Double) query("SELECT S.mcnemar_p(?, ?)", bc[0], bc[1]).get(0)[0];
            double java = McNemar.exactP(bc[0], bc[1]);
            assertThat(sql)
                    .as("b=%d c=%d", bc[0], bc[1])
                    .isCloseTo(java, within(1e-12 + 1e-9 * java));
            if (bc[0] + bc[1] <= 1_000) {
                double exact =
                        PlantedRuns.exactMcNemar(
                                (int) Math.min(bc[0], bc[1]), (int) (bc[0] + bc[1]));
                assertThat(sql).isCloseTo(exact, within(1e-12 + 1e-9 * exact));
            }
        }
    }

    @Test
    void pairedDifferenceInSqlIsNewcombesMethod10AsInJava() throws Exception {
        SplittableRandom random = new SplittableRandom(14);
        for (int t = 0; t < 200; t++) {
            long a = random.nextInt(60);
            long b = random.nextInt(25);
            long c = random.nextInt(25);
            long d = random.nextInt(60);
            Object[] row =
                    query(
                                    "SELECT (x).estimate, (x).low, (x).high FROM (SELECT S.paired_difference(?, ?, ?, ?) AS x) q",
                                    a,
                                    b,
                                    c,
                                    d)
                            .get(0);
            Difference java = PairedDifference.interval(a, b, c, d, 1.959963984540054);
            if (java == null) {
                assertThat(row[0]).isNull();
                continue;
            }
            String table = a + "," + b + "," + c + "," + d;
            assertThat((Double) row[0]).as(table).isCloseTo(java.estimate(), within(1e-12));
            assertThat((Double) row[1]).as(table).isCloseTo(java.low(), within(1e-9));
            assertThat((Double) row[2]).as(table).isCloseTo(java.high(), within(1e-9));
        }
    }

    /** Three endpoints on the planted 400 requests; qwen is 5 points worse than llama. */
    private void plant() {
        Map<String, IntPredicate> endpoints =
                Map.of(
                        "llama", PlantedRuns.BASELINE,
                        "qwen", PlantedRuns.FIVE_POINTS_WORSE,
                        "pixtral", i -> i % 3 != 0);
        List<AnswerRow> rows = new ArrayList<>();
        endpoints.forEach(
                (endpoint, correct) -> {
                    for (int i = 0; i < PlantedRuns.EVENTS; i++) {
                        rows.add(
                                Rows.answer()
                                        .run("planted")
                                        .endpoint(endpoint)
                                        .requestId(Rows.requestId(i))
                                        .category(i % 2 == 0 ? "chart" : "ocr")
                                        .correct(correct.test(i))
                                        .refusal(endpoint.equals("pixtral") && i % 20 == 0)
                                        .build());
                    }
                    // A repeated sample that must not count: the opposite answer.
                    rows.add(
                            Rows.answer()
                                    .run("planted")
                                    .endpoint(endpoint)
                                    .requestId(Rows.requestId(0))
                                    .category("chart")
                                    .sample(1)
                                    .correct(!correct.test(0))
                                    .build());
                });
        try (PostgresStore store = PostgresStore.open(TestPostgres.options(schema).build())) {
            store.upsertAnswers(rows);
        }
    }

    @Test
    void thePlantedRegressionHasItsExactPValueAndHolmOverThePairs() throws Exception {
        plant();
        List<Object[]> rows =
                query(
                        "SELECT model_a, model_b, events, both_yes, a_only, b_only, neither,"
                                + " difference, difference_low, difference_high, p_value, p_holm"
                                + " FROM S.pairwise_metrics WHERE run = 'planted' AND category = '*'"
                                + " AND measure = 'accuracy' ORDER BY model_a, model_b");
        assertThat(rows)
                .extracting(r -> r[0] + " vs " + r[1])
                .containsExactly("llama vs pixtral", "llama vs qwen", "pixtral vs qwen");
        Object[] llamaQwen = rows.get(1);
        assertThat(((Number) llamaQwen[2]).longValue()).isEqualTo(PlantedRuns.EVENTS);
        assertThat(((Number) llamaQwen[4]).longValue()).as("llama right, qwen wrong").isEqualTo(26);
        assertThat(((Number) llamaQwen[5]).longValue()).as("qwen right, llama wrong").isEqualTo(6);
        assertThat((Double) llamaQwen[7]).isCloseTo(0.05, within(1e-12));
        double exact = PlantedRuns.exactMcNemar(6, 32);
        assertThat((Double) llamaQwen[10]).isCloseTo(exact, within(1e-9 * exact));
        Difference interval =
                PairedDifference.interval(
                        ((Number) llamaQwen[3]).longValue(),
                        26,
                        6,
                        ((Number) llamaQwen[6]).longValue(),
                        1.959963984540054);
        assertThat((Double) llamaQwen[8]).isCloseTo(interval.low(), within(1e-9));
        assertThat((Double) llamaQwen[9]).isCloseTo(interval.high(), within(1e-9));

        double[] p = rows.stream().mapToDouble(r -> (Double) r[10]).toArray();
        double[] holm = Holm.adjust(p);
        for (int i = 0; i < rows.size(); i++) {
            assertThat((Double) rows.get(i)[11]).isCloseTo(holm[i], within(1e-12));
        }

        // Per category the pairs are tested again, on half the events each.
        List<Object[]> chart =
                query(
                        "SELECT events FROM S.pairwise_metrics WHERE run = 'planted'"
                                + " AND category = 'chart' AND measure = 'accuracy'");
        assertThat(chart)
                .hasSize(3)
                .allSatisfy(r -> assertThat(((Number) r[0]).longValue()).isEqualTo(200));
        // Refusals are compared too: pixtral refuses every 20th, the others never.
        List<Object[]> refusals =
                query(
                        "SELECT model_a, model_b, a_only, b_only FROM S.pairwise_metrics"
                                + " WHERE run = 'planted' AND category = '*' AND measure = 'refusal_rate'"
                                + " AND 'pixtral' IN (model_a, model_b) ORDER BY model_a, model_b");
        assertThat(refusals).hasSize(2);
        assertThat(
                        ((Number) refusals.get(0)[3]).longValue()
                                + ((Number) refusals.get(0)[2]).longValue())
                .isEqualTo(PlantedRuns.EVENTS / 20);
        // The time-range function restricts to the events in the range.
        List<Object[]> none =
                query("SELECT count(*) FROM S.pairwise_in('2000-01-01', '2000-01-02')");
        assertThat(((Number) none.get(0)[0]).longValue()).isZero();
    }
}
