package org.vlmeval.store;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.scoring.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rows for the store's tests. */
final class StoreFixtures {

    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private StoreFixtures() {}

    /** An answered row; request ids are zero-padded so that key order is index order. */
    static AnswerRow answer(String run, int i) {
        Verdict verdict =
                new Verdict(
                        i % 3 == 0 ? null : i % 2 == 0,
                        i % 3 == 0 ? null : (i % 2 == 0 ? 1.0 : 0.25),
                        i % 7 == 0,
                        i % 5 == 0 ? null : i % 4 == 0,
                        i % 5 != 0 && i % 4 == 0 ? List.of("cat", "umbrella") : List.of(),
                        "extracted \"" + i + "\" from the answer");
        return AnswerRow.answered(
                run,
                String.format("r%05d", i),
                "qwen-vl",
                "Qwen/Qwen2.5-VL-7B-Instruct",
                i % 2 == 0 ? "chart" : "ocr",
                "en",
                T0.plusMillis(1_000L * i + 123).plusNanos(456_000),
                "How many bars are above 10? (" + i + ")",
                "There are " + i + " bars.",
                "stop",
                verdict,
                800 + i,
                1200 + i,
                15 + i % 10,
                0.0001 * i,
                1 + i % 3,
                i % 11 == 0);
    }

    static AnswerRow errored(String run, int i) {
        return AnswerRow.errored(
                run,
                String.format("r%05d", i),
                "qwen-vl",
                "Qwen/Qwen2.5-VL-7B-Instruct",
                null,
                null,
                T0.plusSeconds(i),
                "What is shown?",
                "timeout",
                "no response within 30 s",
                30_000,
                3,
                false);
    }

    static List<AnswerRow> answers(String run, int from, int to) {
        List<AnswerRow> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(i % 9 == 4 ? errored(run, i) : answer(run, i));
        }
        return rows;
    }

    /** A window row; window i is [T0 + i min, T0 + i min + 5 min). */
    static WindowMetricsRow window(String run, String category, int i) {
        long errors = i % 4;
        return new WindowMetricsRow(
                run,
                "qwen-vl",
                category,
                T0.plusSeconds(60L * i),
                T0.plusSeconds(60L * i + 300),
                WindowMetricsRow.SLIDING,
                100 + errors,
                100,
                errors,
                errors == 0 ? Map.of() : Map.of("timeout", errors - 1, "server_error", 1L),
                80,
                60,
                0.75,
                0.645,
                0.83,
                0.8,
                5,
                0.05,
                0.021,
                0.112,
                40,
                6,
                0.15,
                0.07,
                0.29,
                900L + i,
                2500L + i,
                4100L + i,
                120_000 + i,
                3_000,
                0.42,
                i % 3);
    }
}
