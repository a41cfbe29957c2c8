package org.vlmeval.cli;

import org.vlmeval.model.JsonCodec;
import org.vlmeval.testing.TestPostgres;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vlm-eval demo}: the seed corpus against its four recorded endpoints, twice with the same
 * run id — into two output directories and one store — must give identical results.
 */
class DemoCommandITCase {

    static final List<String> FILES =
            List.of(
                    "answers.jsonl",
                    "metrics.csv",
                    "summary.json",
                    "report.html",
                    "judgements.jsonl",
                    "judges.json");

    @Test
    void theDemoRunsAndConvergesWhenRepeatedWithTheSameRunId(@TempDir Path dir) throws Exception {
        System.setProperty("vlmeval.home", "..");
        String schema = TestPostgres.freshSchema();
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        for (Path out : List.of(first, second)) {
            int exit =
                    VlmEval.run(
                            "demo",
                            "--out",
                            out.toString(),
                            "--store",
                            TestPostgres.jdbcUrl(),
                            "--store-user",
                            TestPostgres.SUPERUSER,
                            "--store-schema",
                            schema);
            assertThat(exit).isZero();
        }
        for (String file : FILES) {
            assertThat(Files.readAllBytes(second.resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
        JsonNode summary = JsonCodec.MAPPER.readTree(first.resolve("summary.json").toFile());
        assertThat(summary.get("run").asText()).isEqualTo("demo");
        assertThat(summary.get("models").size()).isEqualTo(4);
        for (JsonNode model : summary.get("models")) {
            // 52 cases, two of them asked three times ("repeats": 3): 56 calls, 52 answers.
            assertThat(model.get("requests").asLong()).isEqualTo(56);
            assertThat(model.get("answered").asLong()).isEqualTo(52);
            assertThat(model.get("errors").asLong()).isZero();
            assertThat(model.get("repeated_events").asLong()).isEqualTo(2);
        }
        // The wavering count: the Llamas agree with themselves on one of the two, the Qwens on
        // both.
        assertThat(summary.get("models").get("llama-3.2-90b-vision").get("stable_events").asLong())
                .isEqualTo(1);
        assertThat(summary.get("models").get("qwen2-vl-72b").get("stable_events").asLong())
                .isEqualTo(2);
        assertThat(summary.get("pairs")).hasSize(6);
        // The behaviours the corpus is built around show in the numbers.
        assertThat(summary.get("models").get("llama-3.2-11b-vision").get("refusals").asLong())
                .isPositive();
        assertThat(summary.get("models").get("qwen2-vl-72b").get("refusals").asLong()).isZero();
        assertThat(Files.readString(first.resolve("report.html")))
                .contains("recordings are illustrative")
                .contains("Answer stability per model")
                .contains("<section class=\"pairwise\">");
        assertThat(TestPostgres.count(schema, "answers")).isEqualTo(4L * 56);
        // The recorded Qwen2-VL 72B judge grades the Llama answers to the five cases without a
        // reference (never the Qwens'); two of those get a label hours later, which replaces the
        // verdict: three judge-graded answers per Llama remain, apart from the 49 scored ones.
        for (String llama : List.of("llama-3.2-11b-vision", "llama-3.2-90b-vision")) {
            JsonNode m = summary.get("models").get(llama);
            assertThat(m.get("scored").asLong()).as(llama).isEqualTo(49);
            assertThat(m.get("judged").asLong()).as(llama).isEqualTo(3);
        }
        assertThat(summary.get("models").get("qwen2-vl-7b").get("judged").asLong()).isZero();
        assertThat(summary.get("models").get("qwen2-vl-7b").get("scored").asLong()).isEqualTo(49);
        JsonNode judge =
                JsonCodec.MAPPER
                        .readTree(first.resolve("judges.json").toFile())
                        .get("judges")
                        .get("qwen2-vl-72b");
        assertThat(judge.get("calls").asLong()).isEqualTo(10);
        assertThat(judge.get("errors_by_kind").size()).isZero();
        assertThat(judge.get("prompt_versions").get(0).asText()).isEqualTo("grade.v1.en");
        assertThat(TestPostgres.count(schema, "judgements")).isEqualTo(10);
        assertThat(Files.readString(first.resolve("report.html")))
                .contains("<section class=\"judged\">")
                .contains("<section class=\"judges\">");
    }
}
