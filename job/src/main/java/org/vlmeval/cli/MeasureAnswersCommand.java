package org.vlmeval.cli;

import org.vlmeval.model.JsonCodec;
import org.vlmeval.scoring.reference.AnswerMatch;
import org.vlmeval.scoring.reference.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code vlm-eval measure answers}: agreement of our answer scorer with a benchmark's own judgement
 * on published model outputs. The only format so far is {@code chartqa-relaxed}: a JSON array (or
 * JSON lines) of {query, prediction, answer, split}, judged by ChartQA's relaxed accuracy.
 */
@Command(
        name = "answers",
        mixinStandardHelpOptions = true,
        description = {
            "Agreement of the answer scorer with a benchmark's own judgement of published outputs.",
            "--format chartqa-relaxed: JSON array or lines of {query, prediction, answer, split},",
            "judged by ChartQA's relaxed accuracy (5%% on numbers, else case-insensitive equality)."
        })
final class MeasureAnswersCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--file", required = true, paramLabel = "JSON", description = "The outputs.")
    Path file;

    @Option(
            names = "--format",
            defaultValue = "chartqa-relaxed",
            description = "Input format and benchmark judgement. Default: ${DEFAULT-VALUE}")
    String format;

    @Option(
            names = "--show",
            defaultValue = "10",
            description = "Disagreements to print. Default: ${DEFAULT-VALUE}")
    int show;

    /** Per group: lines, benchmark correct, ours correct, agreeing. */
    private static final class Tally {
        int lines;
        int theirs;
        int ours;
        int agree;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!format.equals("chartqa-relaxed")) {
            spec.commandLine().getErr().println("unknown --format " + format);
            return 2;
        }
        Map<String, Tally> groups = new TreeMap<>();
        Tally all = new Tally();
        int shown = 0;
        long start = System.nanoTime();
        for (JsonNode row : rows(file)) {
            String target = row.path("answer").asText();
            String prediction = row.path("prediction").asText();
            boolean theirs = ChartQaRelaxed.correct(target, prediction);
            Reference reference = ChartQaRelaxed.reference(target);
            AnswerMatch ours = reference.match(prediction, row.path("query").asText(""));
            for (Tally t :
                    List.of(
                            all,
                            groups.computeIfAbsent(
                                    row.path("split").asText("all"), k -> new Tally()))) {
                t.lines++;
                t.theirs += theirs ? 1 : 0;
                t.ours += ours.correct() ? 1 : 0;
                t.agree += theirs == ours.correct() ? 1 : 0;
            }
            if (theirs != ours.correct() && shown++ < show) {
                out.printf(
                        Locale.ROOT,
                        "disagree: q '%s' answer '%s' prediction '%s' benchmark %s ours %s (%s)%n",
                        row.path("query").asText(),
                        target,
                        prediction,
                        theirs,
                        ours.correct(),
                        ours.explanation());
            }
        }
        for (Map.Entry<String, Tally> e : groups.entrySet()) {
            print(out, e.getKey(), e.getValue());
        }
        print(out, "all", all);
        out.printf(Locale.ROOT, "%.0f ms%n", (System.nanoTime() - start) / 1e6);
        return all.lines > 0 ? 0 : 1;
    }

    private static void print(PrintWriter out, String name, Tally t) {
        out.printf(
                Locale.ROOT,
                "%-16s %5d lines  agreement %.4f (%d)  benchmark accuracy %.2f  ours %.2f%n",
                name,
                t.lines,
                t.agree / (double) t.lines,
                t.agree,
                100.0 * t.theirs / t.lines,
                100.0 * t.ours / t.lines);
    }

    private static List<JsonNode> rows(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        List<JsonNode> out = new ArrayList<>();
        if (text.startsWith("[")) {
            JsonCodec.MAPPER.readTree(text).forEach(out::add);
        } else {
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    out.add(JsonCodec.MAPPER.readTree(line));
                }
            }
        }
        return out;
    }
}
