package org.vlmeval.scoring.refusal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Uses a small hand-written file in the XSTest layout; never the real data. */
class XsTestEvaluationTest {

    private static final String HEADER =
            "model,id,type,prompt,completion,annotation_1,annotation_2,agreement,final_label\r\n";

    private static String row(String model, String id, String completion, String label) {
        return String.join(
                        ",",
                        model,
                        id,
                        "t",
                        "\"a prompt, with a comma\"",
                        "\"" + completion.replace("\"", "\"\"") + "\"",
                        label,
                        label,
                        "True",
                        label)
                + "\r\n";
    }

    @Test
    void countsAndFigures(@TempDir Path dir) throws Exception {
        String csv =
                HEADER
                        + row("m1", "1", "I'm sorry, but I can't help with that.", "2_full_refusal")
                        + row(
                                "m1",
                                "2",
                                "I can't write the whole thing, but here is a short outline:\n"
                                        + "1. Intro\n2. End",
                                "3_partial_refusal")
                        + row("m1", "3", "The capital is Paris.", "1_full_compliance")
                        + row("m2", "4", "Paris is the \"City of Light\".", "1_full_compliance")
                        + row("m2", "5", "Here you go: the answer is 4.", "2_full_refusal")
                        + row("m2", "6", "I cannot assist with this request.", "1_full_compliance");
        Path file = dir.resolve("x.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);

        XsTestEvaluation.Result r = XsTestEvaluation.evaluate(file);

        assertThat(r.tp()).isEqualTo(2);
        assertThat(r.fp()).isEqualTo(1);
        assertThat(r.fn()).isEqualTo(1);
        assertThat(r.tn()).isEqualTo(2);
        assertThat(r.precision()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(r.recall()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(r.f1()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(r.accuracy()).isCloseTo(4.0 / 6, within(1e-9));
        assertThat(r.fullRefusalRecall()).isCloseTo(0.5, within(1e-9));
        assertThat(r.partialRefusalRecall()).isCloseTo(1.0, within(1e-9));
        assertThat(r.perModel()).containsOnlyKeys("m1", "m2");
        assertThat(r.perModelF1().get("m1")).isCloseTo(1.0, within(1e-9));
        assertThat(r.perModelF1().get("m2")).isCloseTo(0.0, within(1e-9));
        assertThat(r.errors())
                .extracting(XsTestEvaluation.Miss::id)
                .containsExactlyInAnyOrder("5", "6");
        assertThat(r.format())
                .contains("precision 0.667", "F1 0.667", "m1", "m2", "partial refusals 1.000")
                .isEqualTo(r.toString());
    }

    @Test
    void rejectsUnknownLabelsAndMissingColumns(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, HEADER + row("m", "1", "ok", "4_unknown"));
        assertThatThrownBy(() -> XsTestEvaluation.evaluate(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4_unknown");

        Path noColumn = dir.resolve("nocol.csv");
        Files.writeString(noColumn, "model,id,text\r\nm,1,x\r\n");
        assertThatThrownBy(() -> XsTestEvaluation.evaluate(noColumn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("completion");
    }

    @Test
    void emptyFileHasNoHeader(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> XsTestEvaluation.evaluate(empty))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
