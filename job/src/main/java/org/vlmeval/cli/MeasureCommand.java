package org.vlmeval.cli;

import picocli.CommandLine.Command;

/** {@code vlm-eval measure}: quality measurements of the scoring core on external data sets. */
@Command(
        name = "measure",
        mixinStandardHelpOptions = true,
        description = "Measure the scoring core against labelled data kept outside the project.",
        subcommands = {
            MeasureRefusalsCommand.class,
            MeasureReferenceScoresCommand.class,
            MeasureAnswersCommand.class
        })
final class MeasureCommand {}
