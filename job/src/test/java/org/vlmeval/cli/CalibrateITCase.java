package org.vlmeval.cli;

import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;
import org.vlmeval.testing.TestImages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code vlm-eval calibrate} against simulated judge servers over real HTTP: an OpenAI-compatible
 * one that wraps its JSON in prose, an Ollama one that returns garbage for some answers, and a slow
 * one that misses its deadline once. The corpus is small enough that every figure the command
 * prints is worked out by hand below, from the scripted verdicts and the scorer's truth.
 */
class CalibrateITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-judge-0123456789";

    /**
     * The graded answers: id, the answer (the reference is 7, so the scorer's truth is correct for
     * "7" and incorrect otherwise), and what the scripted judge says.
     */
    private static final String[][] GRADED = {
        {"a1", "There are 7 kinds of fruit.", "correct"},
        {"a2", "7 kinds.", "correct"},
        {"a3", "I count 7 different fruits.", "correct"},
        {"a4", "Seven: 7 kinds.", "incorrect"},
        {"a5", "The basket has 7 kinds.", "unsure"},
        {"a6", "There are 6 kinds of fruit.", "incorrect"},
        {"a7", "6 kinds.", "incorrect"},
        {"a8", "I see 6 kinds.", "correct"},
        {"a9", "5 kinds.", "incorrect"},
        {"a10", "8 kinds.", "incorrect"},
    };

    @TempDir Path dir;

    private final List<ModelServer> servers = new ArrayList<>();
    private StringWriter out;
    private StringWriter err;
    private String imageX;
    private String imageY;
    private String extraLines = "";

    @BeforeEach
    void images() {
        imageX = TestImages.pngBase64(1);
        imageY = TestImages.pngBase64(2);
    }

    @AfterEach
    void stop() {
        servers.forEach(ModelServer::close);
    }

    @Test
    void gradeAgreementOfAJudgeThatWrapsItsJsonInProse() throws IOException {
        ModelServer prose =
                server(
                        (prompt, image) ->
                                Reply.answer(
                                        "Looking at the basket closely, I can see the fruit.\n"
                                                + "My assessment: {\"verdict\": \""
                                                + scripted(prompt)
                                                + "\", \"rationale\": \"counted the kinds\"}\n"
                                                + "Let me know if you need anything else."));
        Path endpoints = endpoints("openai", prose.openAiBaseUrl(), "timeout: 10s");
        int exit = calibrate(endpoints, "--judge", "judge", "--task", "grade", "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode r = JSON.readTree(out.toString());
        // Rows judge, columns truth (a1-a5 are correct, a6-a10 incorrect):
        //   correct   3 1    (a1 a2 a3 | a8)
        //   incorrect 1 4    (a4 | a6 a7 a9 a10)
        //   unsure    1 0    (a5)
        // n = 10, po = 7/10; row shares 4, 5, 1; column shares 5, 5, 0:
        // pe = (4*5 + 5*5 + 1*0) / 100 = 0.45; kappa = (0.7 - 0.45) / 0.55.
        assertConfusion(r, new long[][] {{3, 1}, {1, 4}, {1, 0}});
        assertThat(r.get("judged").asLong()).isEqualTo(10);
        assertThat(r.get("accuracy").asDouble()).isCloseTo(0.7, within(1e-9));
        assertThat(r.get("kappa").asDouble()).isCloseTo((0.7 - 0.45) / 0.55, within(1e-9));
        // Without the unsure a5: [[3, 1], [1, 4]], n = 9, po = 7/9, rows 4, 5, columns 4, 5:
        // pe = (16 + 25) / 81; kappa = (63 - 41) / (81 - 41) = 22/40.
        assertThat(r.get("decided").asLong()).isEqualTo(9);
        assertThat(r.get("kappa_decided").asDouble()).isCloseTo(22.0 / 40, within(1e-9));
        // The judge's own family (qwen2-vl) answered one more: refused, counted, not judged.
        assertThat(r.get("skipped").get("self_judging").asLong()).isEqualTo(1);
        // "free" and the four answers of the objects part have no reference.
        assertThat(r.get("without_reference").asLong()).isEqualTo(5);
        assertThat(r.get("prompt_versions").toString()).isEqualTo("[\"grade.v1.en\"]");
        assertThat(prose.requests()).isEqualTo(10);
        assertThat(out.toString() + err).doesNotContain(KEY);
    }

    @Test
    void garbageRepliesAreJudgeErrorsNotVerdicts() throws IOException {
        ModelServer garbage =
                server(
                        (prompt, image) ->
                                prompt.contains("\n7 kinds.\n") || prompt.contains("\n6 kinds.\n")
                                        ? Reply.answer("<|im_end|> ### ??? verdict pending")
                                        : Reply.answer(
                                                "{\"verdict\": \"" + scripted(prompt) + "\"}"));
        Path endpoints = endpoints("ollama", garbage.ollamaBaseUrl(), "timeout: 10s");
        int exit = calibrate(endpoints, "--judge", "judge", "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode r = JSON.readTree(out.toString());
        // a2 ("7 kinds.") and a7 ("6 kinds.") got garbage: 2 errors, left out of the table.
        //   correct 2 1, incorrect 1 3, unsure 1 0; n = 8, po = 5/8; rows 3, 4, 1; columns 4, 4, 0:
        // pe = (12 + 16 + 0) / 64 = 0.4375; kappa = (0.625 - 0.4375) / 0.5625 = 1/3.
        assertThat(r.get("errors").get("no_json").asLong()).isEqualTo(2);
        assertConfusion(r, new long[][] {{2, 1}, {1, 3}, {1, 0}});
        assertThat(r.get("accuracy").asDouble()).isCloseTo(0.625, within(1e-9));
        assertThat(r.get("kappa").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void aSlowJudgeIsWaitedForAndAMissedDeadlineIsAnError() throws IOException {
        ModelServer slow =
                server(
                        (prompt, image) ->
                                Reply.answer(
                                                "```json\n{\"verdict\": \""
                                                        + scripted(prompt)
                                                        + "\"}\n```")
                                        .after(prompt.contains("I count 7") ? 4_000 : 300));
        Path endpoints = endpoints("openai", slow.openAiBaseUrl(), "timeout: 1500ms");
        long start = System.nanoTime();
        int exit = calibrate(endpoints, "--judge", "judge", "--task", "grade");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(exit).as(err.toString()).isZero();
        // a3 timed out: left out. correct 2 1, incorrect 1 4, unsure 1 0; n = 9, po = 6/9;
        // rows 3, 5, 1; columns 4, 5, 0: pe = (12 + 25) / 81; kappa = (54 - 37) / (81 - 37) =
        // 17/44.
        String text = out.toString();
        System.out.print(text);
        assertThat(text)
                .contains("accuracy 0.667 (6/9)")
                .contains(String.format(java.util.Locale.ROOT, "Cohen's kappa %.3f", 17.0 / 44))
                .contains("1 judge errors (call_failed: 1)")
                .contains("correct              2         1")
                .contains("incorrect            1         4")
                .contains("unsure               1         0");
        assertThat(millis)
                .as("answers arrive in parallel, not one after another")
                .isLessThan(10_000);
    }

    @Test
    void objectListsAgainstTheLabelsAndTheHallucinationRateEachGives() throws IOException {
        ModelServer lister =
                server(
                        (prompt, image) ->
                                Reply.answer(
                                        "Here you go:\n```json\n{\"objects\": "
                                                + (imageX.equals(image)
                                                        ? "[\"apple\", \"banana\", \"table\"]"
                                                        : "[\"dog\", \"sofa\", \"cat\"]")
                                                + "}\n```"));
        Path endpoints = endpoints("openai", lister.openAiBaseUrl(), "timeout: 10s");
        int exit = calibrate(endpoints, "--judge", "judge", "--task", "objects", "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode r = JSON.readTree(out.toString());
        // o1 and o2 share image X (one call, one reuse), o3 shows image Y.
        assertThat(r.get("images").asLong()).isEqualTo(3);
        assertThat(r.get("calls").asLong()).isEqualTo(2);
        assertThat(lister.requests()).isEqualTo(2);
        // X: judge {apple, banana, table} vs labels {apple, banana, basket}: 2 of 3, twice.
        // Y: judge {dog, sofa, cat} vs labels {dog, sofa}: 2 of 3 listed, 2 of 2 labelled.
        assertThat(r.get("precision").asDouble()).isCloseTo(6.0 / 9, within(1e-9));
        assertThat(r.get("recall").asDouble()).isCloseTo(6.0 / 8, within(1e-9));
        // Answers: o1 "an apple and a banana" (none either way); o1 "an apple and a dog" (dog:
        // both); o2 "... and a pear" (pear: both); o3 "a dog and a cat on the sofa" (cat: the
        // labels only, the judge listed a cat). Labels 3/4, judge 2/4.
        // Per answer, rows judge, columns labels: [[2, 0], [1, 1]]; po = 3/4; rows 2, 2;
        // columns 3, 1; pe = (6 + 2) / 16 = 0.5; kappa = 0.5.
        assertThat(r.get("answers").asLong()).isEqualTo(4);
        assertThat(r.get("hallucinations_by_labels").asLong()).isEqualTo(3);
        assertThat(r.get("hallucinations_by_judge").asLong()).isEqualTo(2);
        assertThat(r.get("agreement").asDouble()).isCloseTo(0.75, within(1e-9));
        assertThat(r.get("kappa").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(r.get("prompt_versions").toString()).isEqualTo("[\"objects.v1.en\"]");
    }

    @Test
    void anUnknownJudgeIsAConfigurationError() throws IOException {
        Path endpoints = endpoints("openai", "http://127.0.0.1:9/v1", "timeout: 1s");
        assertThat(calibrate(endpoints, "--judge", "nobody")).isEqualTo(78);
        assertThat(err.toString()).contains("no judge 'nobody' (judges: [judge])");
        assertThat(calibrate(endpoints, "--judge", "judge", "--task", "rank")).isEqualTo(64);
        assertThat(err.toString()).contains("--task: must be grade or objects, was 'rank'");
    }

    @Test
    void badCorpusLinesAreReportedSkippedAndExitTwo() throws IOException {
        ModelServer s = server((prompt, image) -> Reply.answer("{\"verdict\": \"correct\"}"));
        Path endpoints = endpoints("openai", s.openAiBaseUrl(), "timeout: 10s");
        extraLines = "{not json\n{\"id\": \"no-question\"}\n";
        int exit = calibrate(endpoints, "--judge", "judge");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("line 20: invalid JSON")
                .contains("line 21: ")
                .contains("lines read, 2 skipped");
        assertThat(out.toString()).contains("answers: 10 judged");
    }

    // ---- fixtures --------------------------------------------------------------------------

    private ModelServer server(java.util.function.BiFunction<String, String, Reply> script) {
        ModelServer s = new ModelServer(script);
        servers.add(s);
        return s;
    }

    /** The verdict scripted for the answer quoted in a grade prompt. */
    private static String scripted(String prompt) {
        for (String[] g : GRADED) {
            if (prompt.contains("\n" + g[1] + "\n")) {
                return g[2];
            }
        }
        throw new AssertionError("no scripted answer in prompt: " + prompt);
    }

    private Path endpoints(String protocol, String baseUrl, String options) throws IOException {
        String yaml =
                """
                endpoints:
                  - name: qwen2-vl-72b
                    protocol: %s
                    base_url: %s
                    model: Qwen/Qwen2-VL-72B-Instruct
                    family: qwen2-vl
                    api_key_env: JUDGE_KEY
                    max_retries: 0
                    %s
                  - name: qwen2-vl-7b
                    protocol: openai
                    base_url: http://127.0.0.1:9/v1
                    model: Qwen/Qwen2-VL-7B-Instruct
                    family: qwen2-vl
                  - name: llama-3.2-11b-vision
                    protocol: openai
                    base_url: http://127.0.0.1:9/v1
                    model: meta-llama/Llama-3.2-11B-Vision-Instruct
                    family: llama-3.2-vision
                judges:
                  - name: judge
                    endpoint: qwen2-vl-72b
                    tasks: [grade, objects]
                    sample_rate: 0.01
                    max_calls_per_minute: 1
                """
                        .formatted(protocol, baseUrl, options);
        Path file = dir.resolve("endpoints.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private int calibrate(Path endpoints, String... args) throws IOException {
        Path corpus = dir.resolve("labelled.jsonl");
        Files.writeString(corpus, corpus() + extraLines, StandardCharsets.UTF_8);
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = VlmEval.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ((CalibrateCommand) cli.getSubcommands().get("calibrate").getCommand()).environment =
                Map.of("JUDGE_KEY", KEY);
        List<String> all = new ArrayList<>(List.of("calibrate", "--corpus", corpus.toString()));
        all.addAll(List.of("--endpoints", endpoints.toString()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    /**
     * The labelled corpus: the graded answers (recorded responses with a numeric reference), one
     * answer of the judge's own family, one answer without a reference, and requests with labelled
     * objects and their recorded answers.
     */
    private String corpus() {
        StringBuilder out = new StringBuilder();
        for (String[] g : GRADED) {
            out.append(
                            answer(
                                    g[0],
                                    "How many kinds of fruit are in the basket?",
                                    g[1],
                                    "llama-3.2-11b-vision",
                                    7))
                    .append('\n');
        }
        out.append(
                        answer(
                                "own",
                                "How many kinds of fruit are in the basket?",
                                "7",
                                "qwen2-vl-7b",
                                7))
                .append('\n');
        out.append(
                        answer(
                                "free",
                                "Describe the basket.",
                                "A wicker basket.",
                                "llama-3.2-11b-vision",
                                null))
                .append('\n');
        out.append(objects("o1", imageX, "apple", "banana", "basket")).append('\n');
        out.append(objects("o2", imageX, "apple", "banana", "basket")).append('\n');
        out.append(objects("o3", imageY, "dog", "sofa")).append('\n');
        out.append(
                withAnswer(
                        objects("o1", imageX, "apple", "banana", "basket"),
                        "llama-3.2-11b-vision",
                        "An apple and a banana."));
        out.append(
                withAnswer(
                        objects("o1", imageX, "apple", "banana", "basket"),
                        "other-model",
                        "There is an apple and a dog."));
        out.append(
                withAnswer(
                        objects("o2", imageX, "apple", "banana", "basket"),
                        "llama-3.2-11b-vision",
                        "An apple, a banana and a pear."));
        out.append(
                withAnswer(
                        objects("o3", imageY, "dog", "sofa"),
                        "llama-3.2-11b-vision",
                        "A dog and a cat are on the sofa."));
        return out.toString();
    }

    private String answer(
            String id, String question, String text, String model, Integer reference) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("question", question);
        o.putObject("image").put("data", imageX).put("mime", "image/png");
        if (reference != null) {
            o.putObject("reference").put("type", "numeric").put("value", reference);
        }
        o.put("model", model);
        o.putObject("response").put("text", text).put("finish_reason", "stop");
        return o.toString();
    }

    private static String objects(String id, String image, String... labelled) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("question", "What is in the picture?");
        o.putObject("image").put("data", image).put("mime", "image/png");
        o.set("objects", JSON.valueToTree(List.of(labelled)));
        return o.toString();
    }

    private static String withAnswer(String request, String model, String text) {
        try {
            ObjectNode o = (ObjectNode) JSON.readTree(request);
            o.put("model", model);
            o.putObject("response").put("text", text).put("finish_reason", "stop");
            return o + "\n";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertConfusion(JsonNode r, long[][] expected) {
        String[] rows = {"correct", "incorrect", "unsure"};
        for (int i = 0; i < rows.length; i++) {
            JsonNode row = r.get("confusion").get(rows[i]);
            assertThat(new long[] {row.get("correct").asLong(), row.get("incorrect").asLong()})
                    .as(rows[i])
                    .containsExactly(expected[i]);
        }
    }
}
