package org.vlmeval.cli;

import org.vlmeval.compare.Comparison;
import org.vlmeval.compare.ComparisonJson;
import org.vlmeval.compare.ComparisonMarkdown;
import org.vlmeval.compare.ComparisonText;
import org.vlmeval.compare.RunComparison;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.report.ComparisonHtml;
import org.vlmeval.sinks.files.OutputDirectory;
import org.vlmeval.store.PostgresStore;
import org.vlmeval.store.StoreException;
import org.vlmeval.store.StoreOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code vlm-eval compare}: is the candidate run worse than the baseline? A gate for CI (exit 3 on
 * a significant regression); the statistics live in {@code org.vlmeval.compare} and {@code
 * org.vlmeval.metrics}, see docs/compare.md.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares two runs — replay output directories (answers.jsonl) or run ids in the store"
                    + " — per model and category: accuracy, refusal and hallucination rates, the"
                    + " difference with its confidence interval, and a test: paired (exact"
                    + " McNemar, Newcombe's interval) on the events both runs answered, unpaired"
                    + " otherwise; p-values corrected by Holm across the rows.",
            "Exits 3 when a rate got significantly worse by more than --max-drop points."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no significant regression beyond --max-drop",
            "1:a run cannot be read (missing answers.jsonl, unreadable file, no such run)",
            "3:a significant regression beyond --max-drop (the rows are named)",
            "64:usage error",
            "78:unusable store (unreachable, wrong credentials)"
        })
final class CompareCommand implements Callable<Integer> {

    /** Exit code of a failed gate: distinct from failures (1) and usage errors (64). */
    static final int EXIT_REGRESSION = 3;

    @Spec CommandSpec spec;

    /** Where the store password's variable is read; tests replace it. */
    Function<String, String> environment = System::getenv;

    @Option(
            names = "--baseline",
            required = true,
            paramLabel = "DIR|RUN",
            description = "The reference run: a replay output directory, or a run id (--store).")
    String baseline;

    @Option(
            names = "--candidate",
            required = true,
            paramLabel = "DIR|RUN",
            description = "The run under test, likewise.")
    String candidate;

    @Mixin StoreArgs storeArgs = new StoreArgs();

    @Option(
            names = "--max-drop",
            paramLabel = "POINTS",
            defaultValue = "2",
            description =
                    "Allowed worsening in percentage points (accuracy down, refusal or"
                            + " hallucination up) (default: ${DEFAULT-VALUE}).")
    double maxDrop;

    @Option(
            names = "--alpha",
            paramLabel = "A",
            defaultValue = "0.05",
            description =
                    "Significance level after Holm's correction; intervals are at 1 - A"
                            + " (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--json", description = "Print JSON instead of the table.")
    boolean json;

    @Option(
            names = "--markdown",
            paramLabel = "FILE",
            description = "Also write a markdown summary for a pull request to FILE.")
    Path markdown;

    @Option(
            names = "--as",
            paramLabel = "CANDIDATE=BASELINE",
            description =
                    "Compare the candidate's endpoint CANDIDATE with the baseline's BASELINE (a new"
                            + " model version under a new name); repeatable.")
    Map<String, String> renames = new LinkedHashMap<>();

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description =
                    "Also write the comparison as an HTML page (a chart of the differences with"
                            + " their intervals, and the table; no network) to FILE.")
    Path html;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(alpha > 0 && alpha < 1)) {
            err.println("compare: --alpha must be in (0, 1), was " + alpha);
            return VlmEval.EXIT_USAGE;
        }
        if (!(maxDrop >= 0 && maxDrop <= 100)) {
            err.println("compare: --max-drop must be in [0, 100] points, was " + maxDrop);
            return VlmEval.EXIT_USAGE;
        }
        StoreOptions store;
        try {
            StoreOptions.Builder b = storeArgs.builder();
            // Reading needs no migration, and the read-only role (vlm_eval_reader) may not run one.
            store = b == null ? null : b.migrate(false).build();
        } catch (IllegalArgumentException e) {
            err.println("compare: " + e.getMessage());
            return VlmEval.EXIT_USAGE;
        }
        for (String ref : List.of(baseline, candidate)) {
            if (!Files.isDirectory(Path.of(ref)) && store == null) {
                err.println(
                        "compare: "
                                + ref
                                + " is not a directory; to read run "
                                + ref
                                + " from the store, give --store");
                return VlmEval.EXIT_USAGE;
            }
        }
        Comparison comparison;
        try (RunReader runs = new RunReader(store, environment)) {
            List<AnswerRow> base = runs.read(baseline);
            List<AnswerRow> cand = runs.read(candidate);
            comparison =
                    new RunComparison(alpha, maxDrop)
                            .compare(baseline, base, candidate, cand, renames);
        } catch (StoreException | IllegalStateException e) {
            err.println("compare: the store is unusable: " + e.getMessage());
            return ReplayCommand.EXIT_CONFIG;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            err.println("compare: " + e.getMessage());
            return 1;
        }
        out.print(json ? ComparisonJson.render(comparison) : ComparisonText.render(comparison));
        out.flush();
        if (markdown != null) {
            try {
                Files.writeString(
                        markdown, ComparisonMarkdown.render(comparison), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("compare: cannot write " + markdown + ": " + e);
                return 1;
            }
        }
        if (html != null) {
            try {
                ComparisonHtml.write(html, comparison);
            } catch (UncheckedIOException e) {
                err.println("compare: " + e.getMessage());
                return 1;
            }
        }
        return comparison.regressions().isEmpty() ? 0 : EXIT_REGRESSION;
    }

    /** Reads a run from a replay directory, or by id from the store (opened once, if needed). */
    static final class RunReader implements AutoCloseable {
        private final StoreOptions options;
        private final Function<String, String> environment;
        private PostgresStore store;

        RunReader(StoreOptions options, Function<String, String> environment) {
            this.options = options;
            this.environment = environment;
        }

        List<AnswerRow> read(String ref) throws IOException {
            Path dir = Path.of(ref);
            List<AnswerRow> rows;
            if (Files.isDirectory(dir)) {
                try {
                    rows = OutputDirectory.readAnswers(dir);
                } catch (NoSuchFileException e) {
                    throw new IOException(
                            "no " + e.getFile() + ": " + dir + " is not a replay output directory");
                }
            } else {
                if (store == null) {
                    store = PostgresStore.open(options, environment);
                }
                rows = store.answersOfRun(ref);
                if (rows.isEmpty()) {
                    throw new IOException("the store has no answers of run " + ref);
                }
            }
            TreeSet<String> runs = new TreeSet<>();
            rows.forEach(r -> runs.add(r.run()));
            if (runs.size() > 1) {
                throw new IOException(
                        ref + " holds " + runs.size() + " runs " + runs + ": compare takes one");
            }
            return rows;
        }

        @Override
        public void close() {
            if (store != null) {
                store.close();
            }
        }
    }
}
