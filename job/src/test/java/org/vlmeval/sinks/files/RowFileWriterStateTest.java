package org.vlmeval.sinks.files;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.testing.Rows;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The writers' rows survive a checkpoint and restore, through Flink's own sink writer operator and
 * state backend.
 */
class RowFileWriterStateTest {

    static final AnswerRow Q1 =
            Rows.answer()
                    .run("r")
                    .requestId("q1")
                    .endpoint("a")
                    .category("c")
                    .correct(true)
                    .latencyMs(10)
                    .tokens(1, 1)
                    .cost(0.1)
                    .build();
    static final AnswerRow Q2_FIRST =
            Rows.answer()
                    .run("r")
                    .requestId("q2")
                    .endpoint("a")
                    .category("c")
                    .error("timeout")
                    .latencyMs(3000)
                    .build();
    static final AnswerRow Q2_RETRIED =
            Rows.answer()
                    .run("r")
                    .requestId("q2")
                    .endpoint("a")
                    .category("c")
                    .correct(false)
                    .latencyMs(20)
                    .tokens(2, 2)
                    .cost(0.2)
                    .build();
    static final AnswerRow Q3 =
            Rows.answer()
                    .run("r")
                    .requestId("q3")
                    .endpoint("a")
                    .category(null)
                    .refusal(true)
                    .hallucination(true)
                    .latencyMs(30)
                    .tokens(3, 3)
                    .cost(null)
                    .build();

    @Test
    void restoredWriterKeepsTheCheckpointedRows(@TempDir Path tmp) throws Exception {
        Path before = tmp.resolve("before");
        Path after = tmp.resolve("after");

        OperatorSubtaskState checkpoint;
        try (var harness = harness(before)) {
            harness.open();
            harness.processElement(Q2_FIRST, 0);
            harness.processElement(Q1, 0);
            harness.prepareSnapshotPreBarrier(1); // Flink flushes the writer here
            checkpoint = harness.snapshot(1, 1);
        }
        assertThat(Files.readAllLines(before.resolve("answers.jsonl")))
                .containsExactly(json(Q1), json(Q2_FIRST));

        // Restore into another directory: everything in it must come from the checkpoint.
        try (var harness = harness(after)) {
            harness.initializeState(checkpoint);
            harness.open();
            harness.processElement(Q3, 0);
            harness.processElement(Q2_RETRIED, 0); // same key: replaces the errored call
            harness.endInput();
        }
        List<AnswerRow> all = List.of(Q1, Q2_RETRIED, Q3);
        assertThat(Files.readAllLines(after.resolve("answers.jsonl")))
                .containsExactly(json(Q1), json(Q2_RETRIED), json(Q3));
        assertThat(Files.readString(after.resolve("summary.json")))
                .isEqualTo(JsonText.pretty(RunSummary.of(all).toJson()));
    }

    @Test
    void filesAreWrittenAtTheEndEvenWithoutRows(@TempDir Path tmp) throws Exception {
        try (var harness = harness(tmp)) {
            harness.open();
            harness.endInput();
        }
        assertThat(Files.readString(tmp.resolve("answers.jsonl"))).isEmpty();
        assertThat(Files.readString(tmp.resolve("summary.json")))
                .isEqualTo("{\n  \"runs\": { }\n}\n");
    }

    @Test
    void refusesToRunInParallel(@TempDir Path tmp) throws Exception {
        var factory =
                new SinkWriterOperatorFactory<AnswerRow, Void>(
                        new RowFileSink<>(tmp, new AnswersFormat()));
        try (var harness =
                new OneInputStreamOperatorTestHarness<AnswerRow, CommittableMessage<Void>>(
                        factory, 2, 2, 0)) {
            assertThatThrownBy(harness::open)
                    .hasStackTraceContaining("must run with parallelism 1");
        }
    }

    private static OneInputStreamOperatorTestHarness<AnswerRow, CommittableMessage<Void>> harness(
            Path dir) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new SinkWriterOperatorFactory<AnswerRow, Void>(
                        new RowFileSink<>(dir, new AnswersFormat())));
    }

    private static String json(AnswerRow row) throws Exception {
        return JsonText.compact(row);
    }
}
