package org.vlmeval.sinks.store;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.scoring.Verdict;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Rows for the sink's tests; request ids are zero-padded so that key order is index order. */
final class SinkRows {

    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private SinkRows() {}

    static String requestId(int i) {
        return String.format("r%05d", i);
    }

    static AnswerRow answered(String run, int i) {
        Verdict verdict =
                new Verdict(
                        i % 2 == 0,
                        i % 2 == 0 ? 1.0 : 0.0,
                        false,
                        i % 3 == 0 ? null : i % 5 == 0,
                        i % 3 != 0 && i % 5 == 0 ? List.of("cat") : List.of(),
                        "extracted " + i);
        return AnswerRow.answered(
                run,
                requestId(i),
                "qwen-vl",
                "Qwen/Qwen2.5-VL-7B-Instruct",
                i % 2 == 0 ? "chart" : "ocr",
                "en",
                T0.plusMillis(1_000L * i),
                "How many bars? (" + i + ")",
                "There are " + i + " bars.",
                "stop",
                verdict,
                800 + i,
                1200,
                15,
                0.0001 * i,
                1,
                false);
    }

    static AnswerRow errored(String run, int i) {
        return AnswerRow.errored(
                run,
                requestId(i),
                "qwen-vl",
                "Qwen/Qwen2.5-VL-7B-Instruct",
                null,
                null,
                T0.plusMillis(1_000L * i),
                "How many bars? (" + i + ")",
                "timeout",
                "no response within 30 s",
                30_000,
                3,
                false);
    }

    /** Window i is [T0 + i min, T0 + i min + 5 min) with {@code requests} answered requests. */
    static WindowMetricsRow window(String run, int i, long requests) {
        return window(run, T0.plusSeconds(60L * i), requests);
    }

    static WindowMetricsRow window(String run, Instant start, long requests) {
        return new WindowMetricsRow(
                run,
                "qwen-vl",
                WindowMetricsRow.ALL_CATEGORIES,
                start,
                start.plusSeconds(300),
                WindowMetricsRow.SLIDING,
                requests,
                requests,
                0,
                Map.of(),
                0,
                0,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                null,
                0,
                0,
                null,
                null,
                null,
                900L,
                2500L,
                4100L,
                1200 * requests,
                15 * requests,
                0.001 * requests,
                0);
    }
}
