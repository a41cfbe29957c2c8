package org.vlmeval.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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

    @Option(
            names = "--xstest",
            required = true,
            paramLabel = "CSV",
            description = "xstest_completions.csv")
    Path xstest;

    @Option(
            names = "--min-f1",
            defaultValue = "0.95",
            description = "Target F1. Default: ${DEFAULT-VALUE}")
    double minF1;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("wired after the refusal detector lands");
    }
}
