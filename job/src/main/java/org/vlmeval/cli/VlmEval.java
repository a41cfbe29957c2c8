package org.vlmeval.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code vlm-eval} command line. */
@Command(
        name = "vlm-eval",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Streaming evaluation of vision-language models on Apache Flink.",
        subcommands = {
            ScoreCommand.class,
            ProbeCommand.class,
            DemoCommand.class,
            ReplayCommand.class,
            CompareCommand.class,
            JournalCommand.class,
            RunCommand.class,
            MeasureCommand.class,
            CalibrateCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:failure (I/O error, or a measurement below its target)",
            "2:some input lines were skipped (score)",
            "3:a significant regression (compare)",
            "64:usage error (bad options)",
            "78:unusable configuration (probe, replay, run, journal, compare, calibrate)"
        })
public final class VlmEval {

    /** Exit code for unusable command-line options, as sysexits.h names it. */
    public static final int EXIT_USAGE = 64;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line without exiting; tests call this. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Picocli exits with 2 on bad options by default; 2 already means "lines skipped" here. */
    private static void useUsageExitCode(CommandLine cli) {
        cli.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
        cli.getSubcommands().values().forEach(VlmEval::useUsageExitCode);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VlmEval());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        useUsageExitCode(cli);
        return cli;
    }
}
