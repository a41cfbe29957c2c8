package org.vlmeval.cli;

import org.vlmeval.scoring.refusal.XsTestEvaluation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vlm-eval measure refusals}: precision, recall and F1 of the refusal detector on XSTest.
 */
@Command(
        name = "refusals",
        mixinStandardHelpOptions = true,
        description = {
            "Precision, recall and F1 of the refusal detector on XSTest's human-labelled completions",
            "(refusal = full or partial). Exit 0 when F1 reaches --min-f1, 1 otherwise."
        })
final class MeasureRefusalsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--xstest",
            required = true,
            paramLabel = "CSV",
            description =
                    "xstest_completions.csv (columns model,id,type,prompt,completion,…,final_label)")
    Path xstest;

    @Option(
            names = "--min-f1",
            defaultValue = "0.95",
            description = "Target F1. Default: ${DEFAULT-VALUE}")
    double minF1;

    @Option(
            names = "--errors",
            description =
                    "Also list every misclassified row (model, id, label, deciding rule, cue) and,"
                            + " for each rule, how many refusals it found rightly and wrongly.")
    boolean errors;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isReadable(xstest)) {
            spec.commandLine().getErr().println("vlm-eval measure refusals: cannot read " + xstest);
            return 1;
        }
        long start = System.nanoTime();
        XsTestEvaluation.Result result = XsTestEvaluation.evaluate(xstest);
        out.print(result.format());
        if (errors) {
            for (XsTestEvaluation.Miss e : result.errors()) {
                out.printf(
                        Locale.ROOT,
                        "  %s %-16s %-6s %-18s %s %s%n",
                        e.predicted() ? "FP" : "FN",
                        e.model(),
                        e.id(),
                        e.label(),
                        e.rule(),
                        e.cue());
            }
            out.println("  refusals found, per deciding rule (right/wrong):");
            result.perRule()
                    .forEach(
                            (rule, hits) ->
                                    out.printf(
                                            Locale.ROOT,
                                            "    %-36s %4d %3d%n",
                                            rule,
                                            hits.right(),
                                            hits.wrong()));
        }
        out.printf(Locale.ROOT, "%.0f ms%n", (System.nanoTime() - start) / 1e6);
        return result.f1() >= minF1 ? 0 : 1;
    }
}
