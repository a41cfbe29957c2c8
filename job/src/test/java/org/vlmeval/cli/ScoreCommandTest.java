package org.vlmeval.cli;

import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.Schemas;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code vlm-eval score} as a user would, on files, and reads what it wrote. */
class ScoreCommandTest {

    @TempDir Path dir;

    private final StringWriter err = new StringWriter();

    private int score(Path input, Path output) {
        CommandLine cli = VlmEval.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute("score", "--input", input.toString(), "--output", output.toString());
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(JsonCodec.MAPPER.readTree(line));
        }
        return out;
    }

    private Path write(String... lines) throws IOException {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return in;
    }

    @Test
    void scoresEnglishAndChineseLinesInInputOrder() throws Exception {
        Path in =
                write(
                        "{\"id\": \"kcal-en\", \"question\": \"How many kcal in 5 pieces?\", \"reference\": {\"type\": \"numeric\", \"value\": 100},"
                                + " \"model\": \"llama-3.2-11b\", \"response\": {\"text\": \"Each piece has 20 kcal, so 5 pieces have 100 kcal.\", \"finish_reason\": \"stop\"}}",
                        "{\"id\": \"fruit-zh\", \"lang\": \"zh\", \"question\": \"篮子里有几种水果？\", \"reference\": {\"type\": \"numeric\", \"value\": 7},"
                                + " \"model\": \"qwen2-vl-7b\", \"response\": {\"text\": \"篮子里有六种水果。\"}}",
                        "{\"id\": \"captcha\", \"question\": \"Select every tile with tomatoes.\", \"reference\": {\"type\": \"set\", \"items\": [\"tomato\"]},"
                                + " \"objects\": [\"tomato\", \"pepper\"], \"model\": \"llama-3.2-90b\","
                                + " \"response\": {\"text\": \"I'm sorry, but I can't help with solving CAPTCHAs.\"}}",
                        "{\"id\": \"grid\", \"question\": \"What vegetables are shown?\", \"objects\": [\"tomato\", \"pepper\"], \"model\": \"qwen2-vl-72b\","
                                + " \"response\": {\"text\": \"The grid shows tomatoes, peppers and an eggplant.\"}}",
                        "{\"id\": \"filtered\", \"question\": \"q\", \"reference\": {\"type\": \"exact\", \"answers\": [\"x\"]},"
                                + " \"model\": \"m\", \"response\": {\"text\": \"\", \"finish_reason\": \"content_filter\"}}");
        Path out = dir.resolve("out.jsonl");

        assertThat(score(in, out)).as(err.toString()).isZero();

        List<JsonNode> lines = readLines(out);
        assertThat(lines)
                .extracting(n -> n.get("id").asText())
                .containsExactly("kcal-en", "fruit-zh", "captcha", "grid", "filtered");
        for (JsonNode line : lines) {
            Schemas.get().validateVerdict(line.get("verdict"));
            assertThat(line.has("response")).isTrue();
        }
        JsonNode kcal = lines.get(0).get("verdict");
        assertThat(kcal.get("correct").asBoolean()).isTrue();
        assertThat(kcal.get("score").asDouble()).isEqualTo(1.0);
        assertThat(kcal.get("hallucination").isNull()).isTrue();
        assertThat(kcal.get("explanation").asText()).contains("100");

        JsonNode fruit = lines.get(1).get("verdict");
        assertThat(fruit.get("correct").asBoolean()).isFalse();
        assertThat(fruit.get("explanation").asText()).contains("read 6");

        JsonNode captcha = lines.get(2).get("verdict");
        assertThat(captcha.get("refusal").asBoolean()).isTrue();
        assertThat(captcha.get("correct").asBoolean()).isFalse();
        assertThat(captcha.get("hallucination").asBoolean()).isFalse();

        JsonNode grid = lines.get(3).get("verdict");
        assertThat(grid.get("correct").isNull()).isTrue();
        assertThat(grid.get("score").isNull()).isTrue();
        assertThat(grid.get("hallucination").asBoolean()).isTrue();
        assertThat(grid.get("hallucinated_objects"))
                .extracting(JsonNode::asText)
                .containsExactly("eggplant");

        JsonNode filtered = lines.get(4).get("verdict");
        assertThat(filtered.get("refusal").asBoolean()).isTrue();
        assertThat(filtered.get("correct").asBoolean()).isFalse();

        assertThat(err.toString()).contains("5 scored, 0 skipped");
    }

    @Test
    void reportsBadLinesWithTheirNumbersSkipsThemAndGoesOn() throws Exception {
        String good =
                "{\"id\": \"ok\", \"question\": \"q\", \"model\": \"m\", \"response\": {\"text\": \"fine\"}}";
        Path in = dir.resolve("in.jsonl");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String line :
                List.of(
                        good,
                        "{not json",
                        "{\"id\": \"a\", \"model\": \"m\", \"response\": {\"text\": \"x\"}}",
                        "{\"id\": \"b\", \"question\": \"q\", \"model\": \"m\"}",
                        "{\"id\": \"c\", \"question\": \"q\", \"reference\": {\"type\": \"bleu\"}, \"model\": \"m\", \"response\": {\"text\": \"x\"}}",
                        "{\"id\": \"d\", \"question\": [\"q\"], \"model\": \"m\", \"response\": {\"text\": \"x\"}}",
                        "",
                        good)) {
            bytes.write(line.getBytes(StandardCharsets.UTF_8));
            bytes.write('\n');
        }
        bytes.write(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});
        bytes.write(good.getBytes(StandardCharsets.UTF_8));
        Files.write(in, bytes.toByteArray());
        Path out = dir.resolve("out.jsonl");

        assertThat(score(in, out)).isEqualTo(2);

        assertThat(readLines(out)).hasSize(3);
        String messages = err.toString();
        assertThat(messages)
                .contains("line 2: invalid JSON")
                .contains("line 3: required property 'question' not found")
                .contains("line 4: required property 'response' not found")
                .contains("line 5: reference.type: does not have a value in the enumeration")
                .contains("line 6: question: array found, string expected")
                .contains("line 9: not valid UTF-8")
                .contains("3 scored, 6 skipped")
                .doesNotContain("line 7")
                .doesNotContain("line 10:");
    }

    @Test
    void aMissingInputFileIsAClearError() {
        assertThat(score(dir.resolve("nope.jsonl"), dir.resolve("out.jsonl"))).isEqualTo(1);
        assertThat(err.toString()).contains("input file not found");
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        CommandLine cli = VlmEval.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("score", "--frobnicate")).isEqualTo(VlmEval.EXIT_USAGE);
        assertThat(err.toString()).contains("Unknown option: '--frobnicate'");
    }
}
