package org.vlmeval.sinks.files;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.RowJson;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.testing.FlinkCluster;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vlmeval.sinks.files.TestRows.answered;
import static org.vlmeval.sinks.files.TestRows.deadLetter;
import static org.vlmeval.sinks.files.TestRows.errored;
import static org.vlmeval.sinks.files.TestRows.window;

/** The three file sinks in a bounded job on a real MiniCluster. */
class OutputDirectorySinkITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkCluster.extension();

    static final AnswerRow B_Q2 =
            answered("r1", "q2", "b", "chart", false, false, null, 90, 4, 2, 0.5);
    static final AnswerRow A_Q1 =
            answered("r1", "q1", "a", "chart", true, false, null, 100, 10, 5, 0.25);
    static final AnswerRow A_Q10 = errored("r1", "q10", "a", null, "timeout", 3000);
    static final AnswerRow A_Q2 =
            answered("r1", "q2", "a", "chart", null, true, false, 200, 8, 1, null);

    /** Out of key order, each row sent twice as a restarted job would. */
    static final List<AnswerRow> ANSWERS = List.of(B_Q2, A_Q1, A_Q10, B_Q2, A_Q2, A_Q1);

    static final WindowMetricsRow W_A_1 = window("r1", "a", "*", 1);
    static final WindowMetricsRow W_A_0 = window("r1", "a", "*", 0);
    static final WindowMetricsRow W_A_CHART = window("r1", "a", "chart", 0);
    static final List<WindowMetricsRow> METRICS = List.of(W_A_1, W_A_CHART, W_A_0, W_A_1);

    static final DeadLetter DL_10 = deadLetter("in.jsonl:10", "{\"id\": \"x\",");
    static final DeadLetter DL_9 = deadLetter("in.jsonl:9", "not json, \"at all\"");
    static final List<DeadLetter> DEAD_LETTERS = List.of(DL_10, DL_9, DL_10);

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
                .isEqualTo(
                        String.join(
                                ",",
                                RowJson.windowMetrics(W_A_0).properties().stream()
                                        .map(e -> e.getKey())
                                        .toList()));
        String cells =
                ",sliding,2,1,1,\"{\"\"timeout\"\":1}\",1,1,1.0,0.5,1.0,1.0,0,0.0,0.0,0.75,0,0,,,,120,900,900,10,4,0.5,0";
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
        return JsonText.compact(RowJson.answer(row));
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file);
    }
}
