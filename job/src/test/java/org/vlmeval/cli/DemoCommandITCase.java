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
            List.of("answers.jsonl", "metrics.csv", "summary.json", "report.html");

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
            // 48 cases, two of them asked three times ("repeats": 3): 52 calls, 48 answers.
            assertThat(model.get("requests").asLong()).isEqualTo(52);
            assertThat(model.get("answered").asLong()).isEqualTo(48);
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
        assertThat(TestPostgres.count(schema, "answers")).isEqualTo(4L * 52);
    }
}
