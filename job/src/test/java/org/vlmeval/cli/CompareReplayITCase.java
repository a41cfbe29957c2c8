package org.vlmeval.cli;

import org.vlmeval.model.JsonCodec;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;
import org.vlmeval.testing.PlantedRuns;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code vlm-eval compare} over two real {@code vlm-eval replay} runs of one corpus against model
 * servers with planted behaviour: the candidate's server answers 5 points worse (the planted
 * regression of {@link PlantedRuns}), and compare must find exactly that, with the exact p-value.
 */
class CompareReplayITCase {

    private static final Pattern BOX = Pattern.compile("box (\\d+)\\?");

    @TempDir Path dir;

    /** 400 counting questions; the answer to box i is i + 3 items. */
    private Path corpus() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < PlantedRuns.EVENTS; i++) {
            lines.add(
                    "{\"id\":\""
                            + String.format("r%05d", i)
                            + "\",\"ts\":\"2026-03-01T10:00:00Z\",\"category\":\""
                            + (i % 2 == 0 ? "chart" : "ocr")
                            + "\",\"question\":\"How many items are in box "
                            + i
                            + "?\",\"reference\":{\"type\":\"numeric\",\"value\":"
                            + (i + 3)
                            + "}}");
        }
        Path file = dir.resolve("corpus.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** Replays the corpus against a server that is right on box i exactly when right(i). */
    private Path replay(Path corpus, String run, IntPredicate right) throws Exception {
        try (ModelServer server =
                new ModelServer(
                        q -> {
                            Matcher m = BOX.matcher(q);
                            if (!m.find()) {
                                return Reply.status(400);
                            }
                            int i = Integer.parseInt(m.group(1));
                            int said = right.test(i) ? i + 3 : i + 4;
                            return Reply.answer("There are " + said + " items.");
                        })) {
            Path endpoints = dir.resolve(run + "-endpoints.yaml");
            Files.writeString(
                    endpoints,
                    "endpoints:\n"
                            + "  - name: llama\n"
                            + "    protocol: openai\n"
                            + "    base_url: "
                            + server.openAiBaseUrl()
                            + "\n    model: llama\n"
                            + "    max_concurrency: 16\n");
            Path out = dir.resolve(run);
            int exit =
                    VlmEval.run(
                            "replay",
                            "--corpus",
                            corpus.toString(),
                            "--endpoints",
                            endpoints.toString(),
                            "--out",
                            out.toString(),
                            "--run-id",
                            run,
                            "--window",
                            "1h");
            assertThat(exit).isZero();
            return out;
        }
    }

    @Test
    void aPlantedRegressionBetweenTwoReplaysIsFoundWithItsExactPValue() throws Exception {
        Path corpus = corpus();
        Path base = replay(corpus, "base", PlantedRuns.BASELINE);
        Path cand = replay(corpus, "cand", PlantedRuns.FIVE_POINTS_WORSE);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = VlmEval.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit =
                cli.execute(
                        "compare",
                        "--baseline",
                        base.toString(),
                        "--candidate",
                        cand.toString(),
                        "--json");

        assertThat(exit).as(err.toString()).isEqualTo(3);
        JsonNode doc = JsonCodec.MAPPER.readTree(out.toString());
        assertThat(doc.get("regressions"))
                .extracting(JsonNode::asText)
                .containsExactly("llama/*/accuracy");
        JsonNode overall = doc.get("rows").get(0);
        assertThat(overall.get("category").asText()).isEqualTo("*");
        assertThat(overall.get("measure").asText()).isEqualTo("accuracy");
        assertThat(overall.get("paired").get("both").asLong()).isEqualTo(294);
        assertThat(overall.get("paired").get("candidate_only").asLong()).isEqualTo(6);
        assertThat(overall.get("paired").get("baseline_only").asLong()).isEqualTo(26);
        assertThat(overall.get("paired").get("neither").asLong()).isEqualTo(74);
        double exact = PlantedRuns.exactMcNemar(6, 32);
        assertThat(overall.get("p").asDouble()).isCloseTo(exact, within(exact * 1e-12));
    }
}
