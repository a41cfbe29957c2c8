package org.vlmeval.sinks.files;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.testing.FlinkCluster;
import org.vlmeval.testing.Rows;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The three file sinks in a bounded job on a real MiniCluster. */
class OutputDirectorySinkITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkCluster.extension();

    static final AnswerRow B_Q2 =
            Rows.answer()
                    .run("r1")
                    .requestId("q2")
                    .endpoint("b")
                    .category("chart")
                    .correct(false)
                    .latencyMs(90)
                    .tokens(4, 2)
                    .cost(0.5)
                    .build();
    static final AnswerRow A_Q1 =
            Rows.answer()
                    .run("r1")
                    .requestId("q1")
                    .endpoint("a")
                    .category("chart")
                    .correct(true)
                    .latencyMs(100)
                    .tokens(10, 5)
                    .cost(0.25)
                    .build();
    static final AnswerRow A_Q10 =
            Rows.answer()
                    .run("r1")
                    .requestId("q10")
                    .endpoint("a")
                    .category(null)
                    .error("timeout")
                    .latencyMs(3000)
                    .build();
    static final AnswerRow A_Q2 =
            Rows.answer()
                    .run("r1")
                    .requestId("q2")
                    .endpoint("a")
                    .category("chart")
                    .refusal(true)
                    .hallucination(false)
                    .latencyMs(200)
                    .tokens(8, 1)
                    .cost(null)
                    .build();

    /** Out of key order, each row sent twice as a restarted job would. */
    static final List<AnswerRow> ANSWERS = List.of(B_Q2, A_Q1, A_Q10, B_Q2, A_Q2, A_Q1);

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    static final WindowMetricsRow W_A_1 = window("*", 1);
    static final WindowMetricsRow W_A_0 = window("*", 0);
    static final WindowMetricsRow W_A_CHART = window("chart", 0);
    static final List<WindowMetricsRow> METRICS = List.of(W_A_1, W_A_CHART, W_A_0, W_A_1);

    static final DeadLetter DL_10 = deadLetter("in.jsonl:10", "{\"id\": \"x\",");
    static final DeadLetter DL_9 = deadLetter("in.jsonl:9", "not json, \"at all\"");
    static final List<DeadLetter> DEAD_LETTERS = List.of(DL_10, DL_9, DL_10);

    /** A window of endpoint a in run r1, with the numbers of {@code cells} below. */
    static WindowMetricsRow window(String category, int minute) {
        return Rows.window()
                .run("r1")
                .model("a")
                .category(category)
                .start(T0.plusSeconds(60L * minute))
                .size(Duration.ofMinutes(5))
                .kind(WindowMetricsRow.SLIDING)
                .counts(2, 1, 1)
                .errorsByKind(Map.of("timeout", 1L))
                .accuracy(1, 1, 1.0, 0.5, 1.0, 1.0)
                .refusals(0, 0.0, 0.0, 0.75)
                .hallucinations(0, 0, null, null, null)
                .latencyMs(120L, 900L, 900L)
                .tokens(10, 4)
                .cost(0.5)
                .late(0)
                .build();
    }

    static DeadLetter deadLetter(String position, String payload) {
        return new DeadLetter(
                DeadLetter.INVALID_JSON,
                "invalid JSON: unexpected end",
                position,
                T0,
                payload,
                payload.length());
    }

    @Test
    void writesDeduplicatedSortedFiles(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("out");
        runReplay(dir);

        // q1 < q10 < q2 in string order; endpoint a before b.
        assertThat(lines(dir.resolve("answers.jsonl")))
                .containsExactly(json(A_Q1), json(A_Q10), json(A_Q2), json(B_Q2));
        assertThat(Files.readString(dir.resolve("summary.json")))
                .isEqualTo(
                        JsonText.pretty(RunSummary.of(List.of(A_Q1, A_Q10, A_Q2, B_Q2)).toJson()));
        String metrics = Files.readString(dir.resolve("metrics.csv"));
        assertThat(metrics.lines().findFirst().orElseThrow())
                .isEqualTo(String.join(",", WindowMetricsRow.COLUMNS));
        String cells =
                ",sliding,2,1,1,\"{\"\"timeout\"\":1}\",1,1,1.0,0.5,1.0,1.0,0,0.0,0.0,0.75,0,0,,,,120,900,900,10,4,0.5,0,0,0,,,,0,0,,,";
        assertThat(metrics.lines().skip(1))
                .containsExactly(
                        "r1,a,*,2026-03-01T10:00:00Z,2026-03-01T10:05:00Z" + cells,
                        "r1,a,*,2026-03-01T10:01:00Z,2026-03-01T10:06:00Z" + cells,
                        "r1,a,chart,2026-03-01T10:00:00Z,2026-03-01T10:05:00Z" + cells);
        // Position order: line 9 before line 10.
        assertThat(Files.readString(dir.resolve("dead-letters.jsonl")))
                .isEqualTo(
                        "{\"reason\":\"invalid_json\",\"detail\":\"invalid JSON: unexpected end\","
                                + "\"position\":\"in.jsonl:9\",\"received_at\":\"2026-03-01T10:00:00Z\","
                                + "\"payload_bytes\":18,\"payload\":\"not json, \\\"at all\\\"\"}\n"
                                + "{\"reason\":\"invalid_json\",\"detail\":\"invalid JSON: unexpected end\","
                                + "\"position\":\"in.jsonl:10\",\"received_at\":\"2026-03-01T10:00:00Z\","
                                + "\"payload_bytes\":11,\"payload\":\"{\\\"id\\\": \\\"x\\\",\"}\n");
        // No temporary files left behind.
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "answers.jsonl", "summary.json", "metrics.csv", "dead-letters.jsonl");
        }
    }

    @Test
    void reRunningTheReplayGivesIdenticalBytes(@TempDir Path tmp) throws Exception {
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        runReplay(first);
        runReplay(second);

        for (String file :
                List.of("answers.jsonl", "summary.json", "metrics.csv", "dead-letters.jsonl")) {
            assertThat(Files.readAllBytes(second.resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
    }

    /** The bounded job: sources at parallelism 1, a parallelism-2 stage, then the sinks. */
    private static void runReplay(Path dir) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        OutputDirectory.attach(
                spread(env.fromData(ANSWERS)),
                spread(env.fromData(METRICS)),
                spread(env.fromData(DEAD_LETTERS)),
                dir,
                "test-");
        env.execute("output-directory-test");
    }

    /** Rows reach the parallelism-1 sinks from two upstream subtasks, in no fixed order. */
    private static <T> DataStream<T> spread(DataStream<T> in) {
        return in.rebalance().filter(x -> true).setParallelism(2);
    }

    private static String json(AnswerRow row) throws Exception {
        return JsonText.compact(row);
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file);
    }
}
