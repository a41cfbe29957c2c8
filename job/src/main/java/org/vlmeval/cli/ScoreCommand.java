package org.vlmeval.cli;

import org.vlmeval.model.InvalidInputException;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.RecordedResponse;
import org.vlmeval.scoring.Scorer;
import org.vlmeval.scoring.Verdict;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vlm-eval score}: re-scores recorded responses without calling any model. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Re-score recorded responses without calling any model.",
            "Input: JSON Lines, each an EvalRequest plus \"model\" and \"response\": {\"text\", \"finish_reason\"}.",
            "Output: the same objects, in input order, each with a \"verdict\" added.",
            "A bad line is reported on stderr with its number and skipped; the run goes on."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every line was scored",
            "1:the input or output could not be opened",
            "2:some lines were skipped",
            "64:usage error"
        })
final class ScoreCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = {"-i", "--input"},
            paramLabel = "FILE",
            defaultValue = "-",
            description =
                    "Recorded responses (JSONL); - reads standard input. Default: ${DEFAULT-VALUE}")
    String input;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            defaultValue = "-",
            description =
                    "Scored responses (JSONL); - writes standard output. Default: ${DEFAULT-VALUE}")
    String output;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        InputStream in;
        try {
            in = "-".equals(input) ? System.in : Files.newInputStream(Path.of(input));
        } catch (NoSuchFileException e) {
            err.println("vlm-eval score: input file not found: " + input);
            return 1;
        } catch (IOException e) {
            err.println("vlm-eval score: cannot read " + input + ": " + e.getMessage());
            return 1;
        }
        OutputStream out;
        try {
            out = "-".equals(output) ? System.out : Files.newOutputStream(Path.of(output));
        } catch (IOException e) {
            err.println("vlm-eval score: cannot write " + output + ": " + e);
            in.close();
            return 1;
        }
        try (InputStream source = new BufferedInputStream(in, 1 << 16);
                Writer sink =
                        new BufferedWriter(
                                new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            Counts counts = score(new Utf8Lines(source), sink, err);
            err.printf("vlm-eval score: %d scored, %d skipped%n", counts.scored, counts.skipped);
            err.flush();
            return counts.skipped == 0 ? 0 : 2;
        }
    }

    static final class Counts {
        long scored;
        long skipped;
    }

    /** Scores every line; bad lines are reported to {@code err} and skipped. */
    static Counts score(Utf8Lines lines, Writer out, PrintWriter err) throws IOException {
        Scorer scorer = Scorer.standard();
        Counts counts = new Counts();
        // One generator for the whole output, as writeValueAsString configures one per line (the
        // mapper's settings), without a separator between root values and without a flush per line.
        ObjectWriter writer =
                JsonCodec.MAPPER.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        try (JsonGenerator json = JsonCodec.MAPPER.createGenerator(out)) {
            json.setRootValueSeparator(null);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            scoreLines(scorer, lines, json, writer, err, counts);
        }
        return counts;
    }

    private static void scoreLines(
            Scorer scorer,
            Utf8Lines lines,
            JsonGenerator json,
            ObjectWriter writer,
            PrintWriter err,
            Counts counts)
            throws IOException {
        while (true) {
            String line;
            try {
                line = lines.next();
            } catch (Utf8Lines.Undecodable e) {
                skip(err, counts, lines.number(), e.getMessage());
                continue;
            }
            if (line == null) {
                return;
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                ObjectNode node = JsonCodec.readObject(line);
                RecordedResponse r = JsonCodec.toRecordedResponse(node);
                Verdict verdict = scorer.score(r.scoringInput());
                node.set("verdict", JsonCodec.MAPPER.valueToTree(verdict));
                writer.writeValue(json, node);
                json.writeRaw('\n');
                counts.scored++;
            } catch (InvalidInputException e) {
                skip(err, counts, lines.number(), e.getMessage());
            } catch (RuntimeException e) {
                // A scorer bug must cost one line, not the run; the message makes it reportable.
                skip(err, counts, lines.number(), "could not be scored (" + e + ")");
            }
        }
    }

    private static void skip(PrintWriter err, Counts counts, long line, String problem) {
        err.println("line " + line + ": " + problem);
        counts.skipped++;
    }
}
