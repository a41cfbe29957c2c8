package org.vlmeval.store;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.scoring.Verdict;
import org.vlmeval.testing.Rows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Row series for the store's tests, built with {@link Rows}: values that vary with i. */
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
        return qwen(run, i)
                .category(i % 2 == 0 ? "chart" : "ocr")
                .lang("en")
                .eventTime(T0.plusMillis(1_000L * i + 123).plusNanos(456_000))
                .question("How many bars are above 10? (" + i + ")")
                .responseText("There are " + i + " bars.")
                .verdict(verdict)
                .latencyMs(800 + i)
                .tokens(1200 + i, 15 + i % 10)
                .cost(0.0001 * i)
                .attempts(1 + i % 3)
                .late(i % 11 == 0)
                .build();
    }

    static AnswerRow errored(String run, int i) {
        return qwen(run, i)
                .category(null)
                .lang(null)
                .eventTime(T0.plusSeconds(i))
                .question("What is shown?")
                .error("timeout", "no response within 30 s")
                .latencyMs(30_000)
                .attempts(3)
                .build();
    }

    private static Rows.AnswerBuilder qwen(String run, int i) {
        return Rows.answer()
                .run(run)
                .requestId(String.format("r%05d", i))
                .endpoint("qwen-vl")
                .model("Qwen/Qwen2.5-VL-7B-Instruct")
                .finishReason("stop");
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
        return Rows.window()
                .run(run)
                .model("qwen-vl")
                .category(category)
                .start(T0.plusSeconds(60L * i))
                .end(T0.plusSeconds(60L * i + 300))
                .kind(WindowMetricsRow.SLIDING)
                .counts(100 + errors, 100, errors)
                .errorsByKind(
                        errors == 0 ? Map.of() : Map.of("timeout", errors - 1, "server_error", 1L))
                .accuracy(80, 60, 0.75, 0.645, 0.83, 0.8)
                .refusals(5, 0.05, 0.021, 0.112)
                .hallucinations(40, 6, 0.15, 0.07, 0.29)
                .latencyMs(900L + i, 2500L + i, 4100L + i)
                .tokens(120_000 + i, 3_000)
                .cost(0.42)
                .late(i % 3)
                .build();
    }
}
