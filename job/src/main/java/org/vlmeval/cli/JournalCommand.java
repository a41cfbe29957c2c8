package org.vlmeval.cli;

import org.vlmeval.journal.PostgresJournal;
import org.vlmeval.options.Durations;
import org.vlmeval.store.StoreException;
import org.vlmeval.store.StoreOptions;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code vlm-eval journal}: maintenance of the response journal in the store. */
@Command(
        name = "journal",
        mixinStandardHelpOptions = true,
        description = "Maintains the response journal (table response_journal of the store).",
        subcommands = {JournalCommand.Prune.class, CommandLine.HelpCommand.class})
final class JournalCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return VlmEval.EXIT_USAGE;
    }

    /** {@code vlm-eval journal prune}: deletes a run's journal rows, or the old ones. */
    @Command(
            name = "prune",
            mixinStandardHelpOptions = true,
            description = {
                "Deletes response journal rows, those of one run (--run) or those journalled"
                        + " longer ago than --older-than, and prints how many. A deleted outcome"
                        + " is asked (and paid for) again when its run is re-run."
            },
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:rows deleted (or counted, with --dry-run; possibly none)",
                "64:usage error",
                "78:unusable store (unreachable, wrong credentials, migration failed)"
            })
    static final class Prune implements Callable<Integer> {

        @Spec CommandSpec spec;

        /** Where the store password's variable is read; tests replace it. */
        Function<String, String> environment = System::getenv;

        @Mixin StoreArgs storeArgs = new StoreArgs();

        @ArgGroup(exclusive = true, multiplicity = "1")
        Selection selection;

        static final class Selection {
            @Option(
                    names = "--run",
                    paramLabel = "RUN_ID",
                    description = "Delete the rows of this run.")
            String run;

            @Option(
                    names = "--older-than",
                    paramLabel = "DURATION",
                    converter = DurationConverter.class,
                    description =
                            "Delete rows journalled longer ago than this: a whole number and"
                                    + " ms, s, m or h, e.g. 720h (30 days).")
            Duration olderThan;
        }

        @Option(names = "--dry-run", description = "Only count the rows that would be deleted.")
        boolean dryRun;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (storeArgs.url == null) {
                err.println("journal prune: --store is required");
                return VlmEval.EXIT_USAGE;
            }
            if (selection.run != null && selection.run.isBlank()) {
                err.println("journal prune: --run must not be blank");
                return VlmEval.EXIT_USAGE;
            }
            if (selection.olderThan != null && selection.olderThan.isNegative()) {
                err.println("journal prune: --older-than must not be negative");
                return VlmEval.EXIT_USAGE;
            }
            StoreOptions store;
            try {
                store = storeArgs.options();
            } catch (IllegalArgumentException e) {
                err.println("journal prune: " + e.getMessage());
                return ReplayCommand.EXIT_CONFIG;
            }
            long rows;
            try {
                rows =
                        PostgresJournal.prune(
                                store, environment, selection.run, selection.olderThan, dryRun);
            } catch (StoreException | IllegalStateException e) {
                err.println("journal prune: " + e.getMessage());
                return ReplayCommand.EXIT_CONFIG;
            } catch (SQLException e) {
                err.println(
                        "journal prune: failed [SQLState "
                                + e.getSQLState()
                                + "]: "
                                + e.getMessage());
                return ReplayCommand.EXIT_CONFIG;
            }
            out.println(
                    (dryRun ? "would delete " : "deleted ")
                            + rows
                            + " journal row(s)"
                            + (selection.run == null ? "" : " of run " + selection.run)
                            + (selection.olderThan == null
                                    ? ""
                                    : " journalled more than " + selection.olderThan + " ago"));
            return 0;
        }
    }

    /** Picocli converter: a duration as in the configuration files, {@code 720h}, {@code 90m}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
