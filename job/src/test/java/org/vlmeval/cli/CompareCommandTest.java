package org.vlmeval.cli;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.sinks.files.OutputDirectory;
import org.vlmeval.testing.PlantedRuns;
import org.vlmeval.testing.Rows;

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
import java.util.Random;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code vlm-eval compare} over run directories written exactly as replay writes them ({@link
 * OutputDirectory#writeAnswers}), with planted differences.
 */
class CompareCommandTest {

    @TempDir Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int compare(String... args) {
        CommandLine cli = VlmEval.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "compare";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    private int compare(Path baseline, Path candidate, String... options) {
        List<String> args = new ArrayList<>();
        args.addAll(
                List.of("--baseline", baseline.toString(), "--candidate", candidate.toString()));
        args.addAll(List.of(options));
        return compare(args.toArray(String[]::new));
    }

    /** A run directory as replay writes it (see {@link PlantedRuns#run}). */
    private Path run(String name, IntPredicate correct) throws Exception {
        Path dir = tmp.resolve(name);
        OutputDirectory.writeAnswers(dir, PlantedRuns.run(name, correct));
        return dir;
    }

    private JsonNode json() throws Exception {
        return JsonCodec.MAPPER.readTree(out.toString());
    }

    private static JsonNode row(JsonNode doc, String category, String measure) {
        for (JsonNode r : doc.get("rows")) {
            if (r.get("category").asText().equals(category)
                    && r.get("measure").asText().equals(measure)) {
                return r;
            }
        }
        throw new AssertionError("no row " + category + "/" + measure + " in " + doc);
    }

    @Test
    void aPlantedFivePointRegressionFailsTheGateWithTheExactPValue() throws Exception {
        Path base = run("base", PlantedRuns.BASELINE);
        Path cand = run("cand", PlantedRuns.FIVE_POINTS_WORSE);

        int exit = compare(base, cand, "--json");

        assertThat(exit).as(err.toString()).isEqualTo(3);
        JsonNode doc = json();
        JsonNode overall = row(doc, "*", "accuracy");
        assertThat(overall.get("test").asText()).isEqualTo("paired");
        assertThat(overall.get("baseline_successes").asLong()).isEqualTo(320);
        assertThat(overall.get("candidate_successes").asLong()).isEqualTo(300);
        assertThat(overall.get("paired").get("candidate_only").asLong()).isEqualTo(6);
        assertThat(overall.get("paired").get("baseline_only").asLong()).isEqualTo(26);
        assertThat(overall.get("delta").asDouble()).isCloseTo(-0.05, within(1e-12));
        double exact = PlantedRuns.exactMcNemar(6, 32);
        assertThat(overall.get("p").asDouble()).isCloseTo(exact, within(exact * 1e-12));
        assertThat(overall.get("delta_high").asDouble()).isNegative();
        assertThat(overall.get("regression").asBoolean()).isTrue();
        assertThat(doc.get("regressions"))
                .extracting(JsonNode::asText)
                .contains("llama/*/accuracy");
        // Refusals did not change: tested (p = 1), never a regression.
        assertThat(row(doc, "*", "refusal_rate").get("p").asDouble()).isEqualTo(1.0);
    }

    @Test
    void theTextTableNamesTheRegressionAndTheMarkdownSummarisesIt() throws Exception {
        Path base = run("base", i -> i % 5 != 0);
        Path cand = run("cand", i -> i % 5 != 0 && !(i % 5 == 1 && i < 100));
        Path md = tmp.resolve("pr.md");

        int exit = compare(base, cand, "--markdown", md.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(out.toString())
                .contains("Significant regression beyond 2 points at alpha = 0.05")
                .contains("llama/*/accuracy -5.0 points")
                .contains("REGRESSION")
                .contains("paired 400 (+0/-20)");
        String summary = Files.readString(md, StandardCharsets.UTF_8);
        assertThat(summary)
                .startsWith("### vlm-eval compare")
                .contains("**Regression.**")
                .contains("- llama/*/accuracy -5.0 points")
                .contains("| llama | * | accuracy | 80.0% (320/400) | 75.0% (300/400) |");
    }

    @Test
    void aDropWithinMaxDropOrAnImprovementPasses() throws Exception {
        Path base = run("base", i -> i % 5 != 0);
        Path worse = run("worse", i -> i % 5 != 0 && !(i % 5 == 1 && i < 100));
        Path better = run("better", i -> i % 5 != 0 || i < 100);

        assertThat(compare(base, worse, "--max-drop", "6")).isZero();
        out.getBuffer().setLength(0);
        assertThat(compare(base, better, "--json")).isZero();
        JsonNode overall = row(json(), "*", "accuracy");
        assertThat(overall.get("significant").asBoolean()).isTrue();
        assertThat(overall.get("delta").asDouble()).isCloseTo(0.05, within(1e-12));
        assertThat(overall.get("regression").asBoolean()).isFalse();
    }

    @Test
    void twoRunsOfTheSameStochasticModelPassOverSeveralSeeds() throws Exception {
        // Correct with probability 0.7, independently per event and run; the gate must not fire.
        for (int seed = 1; seed <= 5; seed++) {
            Random a = new Random(seed);
            Random b = new Random(1000 + seed);
            Path base = run("same-a-" + seed, i -> a.nextDouble() < 0.7);
            Path cand = run("same-b-" + seed, i -> b.nextDouble() < 0.7);
            out.getBuffer().setLength(0);
            int exit = compare(base, cand, "--json");
            assertThat(exit).as("seed %d: %s", seed, out).isZero();
            assertThat(row(json(), "*", "accuracy").get("test").asText()).isEqualTo("paired");
        }
        // The same check sees a model 15 points worse (8 points is within the noise of 400
        // independent draws after Holm: this is a gate on stable differences, not a detector of
        // small ones).
        Random a = new Random(99);
        Random b = new Random(1099);
        Path base = run("power-a", i -> a.nextDouble() < 0.7);
        Path cand = run("power-b", i -> b.nextDouble() < 0.55);
        assertThat(compare(base, cand)).isEqualTo(3);
    }

    @Test
    void runsWithoutCommonEventsAreComparedUnpaired() throws Exception {
        Path base = run("base", i -> i % 5 != 0); // 320/400
        List<AnswerRow> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(
                    Rows.answer()
                            .run("other")
                            .requestId("other-" + i)
                            .correct(i % 3 != 0) // 200/300
                            .build());
        }
        Path cand = tmp.resolve("other");
        OutputDirectory.writeAnswers(cand, rows);

        int exit = compare(base, cand, "--json");

        assertThat(exit).isEqualTo(3);
        JsonNode overall = row(json(), "*", "accuracy");
        assertThat(overall.get("test").asText()).isEqualTo("unpaired");
        // Pearson's chi-square of [[200, 100], [320, 80]] without correction, 1 degree of freedom:
        // P(chi2 > x) = erfc(sqrt(x / 2)), here by the series of the normal tail's complement.
        double n = 700;
        double chi2 = n * Math.pow(200.0 * 80 - 100.0 * 320, 2) / (300.0 * 400 * 520 * 180);
        assertThat(overall.get("p").asDouble())
                .isCloseTo(upperNormalTwoSided(Math.sqrt(chi2)), within(1e-9));
    }

    /** P(|Z| > z) by integrating the normal density with Simpson's rule: independent of erfc. */
    private static double upperNormalTwoSided(double z) {
        int steps = 200_000;
        double h = z / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double x = i * h;
            double f = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
            sum += (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2) * f;
        }
        return 1 - 2 * (sum * h / 3);
    }

    /** A run where refusals and hallucinations happen where the predicates say. */
    private Path behaviour(String name, IntPredicate refuses, IntPredicate hallucinates)
            throws Exception {
        List<AnswerRow> rows = new ArrayList<>();
        for (int i = 0; i < PlantedRuns.EVENTS; i++) {
            Rows.AnswerBuilder b =
                    Rows.answer()
                            .run(name)
                            .requestId(Rows.requestId(i))
                            .correct(true)
                            .refusal(refuses.test(i));
            rows.add((hallucinates.test(i) ? b.hallucinated("cat") : b.hallucinated()).build());
        }
        Path dir = tmp.resolve(name);
        OutputDirectory.writeAnswers(dir, rows);
        return dir;
    }

    @Test
    void moreRefusalsOrHallucinationsAreRegressionsFewerAreNot() throws Exception {
        Path base = behaviour("calm", i -> i < 8, i -> i < 12);
        Path refusing = behaviour("refusing", i -> i < 40, i -> i < 12);
        Path dreaming = behaviour("dreaming", i -> i < 8, i -> i < 44);

        assertThat(compare(base, refusing, "--json")).isEqualTo(3);
        assertThat(json().get("regressions"))
                .extracting(JsonNode::asText)
                .containsExactly("llama/*/refusal_rate", "llama/chart/refusal_rate");
        out.getBuffer().setLength(0);
        assertThat(compare(base, dreaming, "--json")).isEqualTo(3);
        assertThat(json().get("regressions"))
                .extracting(JsonNode::asText)
                .containsExactly("llama/*/hallucination_rate", "llama/chart/hallucination_rate");
        // The other way round the rates fell: better, not a regression.
        out.getBuffer().setLength(0);
        assertThat(compare(refusing, base, "--json")).isZero();
        assertThat(row(json(), "*", "refusal_rate").get("significant").asBoolean()).isTrue();
    }

    @Test
    void usageErrorsAndUnreadableRuns() throws Exception {
        Path base = run("base", i -> true);
        assertThat(compare("--baseline", base.toString())).isEqualTo(64);
        assertThat(compare("--baseline", base.toString(), "--candidate", "no-such-run"))
                .isEqualTo(64);
        assertThat(err.toString()).contains("no-such-run is not a directory").contains("--store");
        assertThat(compare(base, base, "--alpha", "1.5")).isEqualTo(64);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(compare(base, empty)).isEqualTo(1);
        assertThat(err.toString()).contains("is not a replay output directory");
    }

    @Test
    void htmlPageShowsTheRegressionAsARedBarAndTheTable() throws Exception {
        Path base = run("base", PlantedRuns.BASELINE);
        Path cand = run("cand", PlantedRuns.FIVE_POINTS_WORSE);
        Path page = tmp.resolve("compare.html");

        assertThat(compare(base, cand, "--html", page.toString())).isEqualTo(3);

        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html)
                .contains("Content-Security-Policy")
                .contains("<p class=\"verdict fail\">Significant regression")
                .contains("<figure class=\"chart deltas\">")
                .contains("<g class=\"row regression\" data-name=\"llama — accuracy\"")
                .contains("data-value=\"-0.050000\"")
                .contains("<table class=\"comparison\">")
                .doesNotContain("src=\"http", "href=\"http");
        // Every comparison row is in the table (one more <tr for the header).
        out.getBuffer().setLength(0);
        compare(base, cand, "--json");
        assertThat(html.split("<tr", -1).length - 2).isEqualTo(json().get("rows").size());
    }

    @Test
    void aCandidateEndpointUnderANewNameIsComparedAsTheBaselines() throws Exception {
        Path base = run("base", PlantedRuns.BASELINE);
        Path cand = tmp.resolve("cand");
        List<AnswerRow> renamed = new ArrayList<>();
        for (int i = 0; i < PlantedRuns.EVENTS; i++) {
            renamed.add(
                    Rows.answer()
                            .run("cand")
                            .endpoint("llama-v2")
                            .requestId(Rows.requestId(i))
                            .category(i % 2 == 0 ? "chart" : "ocr")
                            .correct(PlantedRuns.FIVE_POINTS_WORSE.test(i))
                            .build());
        }
        OutputDirectory.writeAnswers(cand, renamed);

        assertThat(compare(base, cand, "--json")).as("two endpoints, nothing paired").isZero();
        out.getBuffer().setLength(0);
        assertThat(compare(base, cand, "--json", "--as", "llama-v2=llama")).isEqualTo(3);
        JsonNode overall = row(json(), "*", "accuracy");
        assertThat(overall.get("model").asText()).isEqualTo("llama");
        assertThat(overall.get("test").asText()).isEqualToIgnoringCase("paired");
    }
}
