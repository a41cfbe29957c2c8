package org.vlmeval.cli;

import org.vlmeval.model.InvalidInputException;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.scoring.reference.AnswerMatch;
import org.vlmeval.scoring.reference.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code vlm-eval measure reference-scores}: agreement of our scorers with scores computed by the
 * reference implementations (lines of {id, question, reference, response, score}).
 */
@Command(
        name = "reference-scores",
        mixinStandardHelpOptions = true,
        description = {
            "Check the scorers against scores from reference implementations.",
            "Input lines: {\"id\", \"question\", \"reference\", \"response\", \"score\"}.",
            "Exit 0 when every line agrees within the tolerance, 1 otherwise."
        })
final class MeasureReferenceScoresCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--file",
            required = true,
            paramLabel = "JSONL",
            description = "The reference scores.")
    Path file;

    @Option(
            names = "--tolerance",
            defaultValue = "0.01",
            description = "Allowed |difference|. Default: ${DEFAULT-VALUE}")
    double tolerance;

    @Option(
            names = "--show",
            defaultValue = "10",
            description = "Disagreements to print. Default: ${DEFAULT-VALUE}")
    int show;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, int[]> byType = new TreeMap<>();
        int shown = 0;
        double worst = 0;
        long start = System.nanoTime();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row;
                Reference reference;
                try {
                    row = JsonCodec.readObject(line);
                    reference = JsonCodec.reference(row.get("reference"));
                } catch (InvalidInputException | RuntimeException e) {
                    out.println("line " + number + ": " + e.getMessage());
                    return 1;
                }
                AnswerMatch match =
                        reference.match(
                                row.get("response").asText(), row.path("question").asText(""));
                double expected = row.get("score").asDouble();
                double diff = Math.abs(match.score() - expected);
                worst = Math.max(worst, diff);
                int[] counts = byType.computeIfAbsent(reference.type(), t -> new int[2]);
                counts[1]++;
                if (diff <= tolerance) {
                    counts[0]++;
                } else if (shown++ < show) {
                    out.printf(
                            Locale.ROOT,
                            "disagree %s: response '%s' ours %.4f reference %.4f (%s)%n",
                            row.path("id").asText("line " + number),
                            row.get("response").asText(),
                            match.score(),
                            expected,
                            match.explanation());
                }
            }
        }
        boolean all = true;
        for (Map.Entry<String, int[]> e : byType.entrySet()) {
            int[] c = e.getValue();
            all &= c[0] == c[1];
            out.printf(
                    Locale.ROOT,
                    "%-8s %d/%d lines agree within %.2f%n",
                    e.getKey(),
                    c[0],
                    c[1],
                    tolerance);
        }
        out.printf(
                Locale.ROOT,
                "largest difference %.4f; %.0f ms%n",
                worst,
                (System.nanoTime() - start) / 1e6);
        return all && !byType.isEmpty() ? 0 : 1;
    }
}
