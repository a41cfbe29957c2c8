package org.vlmeval.cli;

import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.EndpointsConfigLoader;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.options.Durations;
import org.vlmeval.pipeline.JobOutputs;
import org.vlmeval.pipeline.LabelsOptions;
import org.vlmeval.pipeline.PipelineOptions;
import org.vlmeval.pipeline.VlmEvalJob;
import org.vlmeval.pipeline.WindowSpec;
import org.vlmeval.report.HtmlReport;
import org.vlmeval.sinks.files.JudgeStats;
import org.vlmeval.sinks.files.OutputDirectory;
import org.vlmeval.sinks.files.RunSummary;
import org.vlmeval.sinks.files.SummaryTable;
import org.vlmeval.sinks.store.StoreSink;
import org.vlmeval.sources.JsonLinesInput;
import org.vlmeval.sources.SourceEvent;
import org.vlmeval.store.PostgresStore;
import org.vlmeval.store.StoreException;
import org.vlmeval.store.StoreOptions;

import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code vlm-eval replay}: a bounded run over a corpus, with a summary table at the end. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replays a corpus (a JSONL file or a directory of them) through the streaming job on a"
                    + " local Flink MiniCluster: asks every endpoint, scores the answers, writes"
                    + " answers.jsonl, metrics.csv, summary.json and dead-letters.jsonl to --out"
                    + " (and the PostgreSQL store with --store), then prints a table per model and"
                    + " per category.",
            "Corpus lines may be requests (asked) or recorded responses (re-scored, no call)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the corpus was processed (even if some model calls failed)",
            "1:the job failed",
            "64:usage error",
            "78:unusable configuration (endpoints file, store, corpus path)"
        })
final class ReplayCommand implements Callable<Integer> {

    static final int EXIT_CONFIG = 78;

    @Spec CommandSpec spec;

    @Option(
            names = "--corpus",
            required = true,
            paramLabel = "FILE|DIR",
            description = "JSONL corpus file, or a directory searched for *.jsonl.")
    Path corpus;

    @Option(
            names = "--endpoints",
            paramLabel = "FILE",
            description = "endpoints.yaml; omit to only re-score recorded responses.")
    Path endpoints;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output directory (default: runs/<run-id>).")
    Path out;

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            description = "Run id for every event (default: replay-<UTC timestamp>).")
    String runId;

    @Mixin StoreArgs storeArgs = new StoreArgs();

    @Option(
            names = "--retry-errors",
            description =
                    "Re-running --run-id: ask again the questions whose journalled outcome is an"
                            + " error (client_error, bad_response, image_error), e.g. after fixing"
                            + " an endpoint; their new outcomes replace them in the journal."
                            + " Journalled answers are still reused. Needs --store and --run-id.")
    boolean retryErrors;

    @Option(
            names = "--labels",
            paramLabel = "FILE|DIR",
            description =
                    "Late labels (label.schema.json), a JSONL file or a directory of them: each"
                            + " re-scores its request's answers when the event time reaches its ts"
                            + " (docs/job.md, \"Late labels\").")
    Path labels;

    @Option(
            names = "--labels-ttl",
            paramLabel = "DURATION",
            description =
                    "How long (event time) answers wait for a label and labels for their answers"
                            + " (default: 168h).")
    String labelsTtl;

    @Option(
            names = "--labels-window-lateness",
            paramLabel = "DURATION",
            description =
                    "How long past its end a window can still be corrected by a label"
                            + " (default: 24h).")
    String labelsWindowLateness;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--record",
            paramLabel = "FILE",
            description =
                    "Also write every call's outcome to this recordings file, which a"
                            + " `protocol: recorded` endpoint plays back later without calls.")
    Path record;

    /** A paragraph for the top of the HTML report (the demo's disclaimer); none by default. */
    String reportNote;

    @Option(
            names = "--window",
            paramLabel = "SIZE[/SLIDE]",
            split = ",",
            description = "Window families, e.g. 5m/1m,1h (default: 5m/1m,1h).")
    List<String> windows;

    @Override
    public Integer call() throws Exception {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (parallelism < 1) {
            err.println("replay: --parallelism must be >= 1, was " + parallelism);
            return VlmEval.EXIT_USAGE;
        }
        if (retryErrors && (runId == null || storeArgs.url == null)) {
            err.println(
                    "replay: --retry-errors needs --run-id (the run to complete) and --store (its"
                            + " journal)");
            return VlmEval.EXIT_USAGE;
        }
        String run =
                runId != null
                        ? runId
                        : "replay-"
                                + LocalDateTime.now(ZoneOffset.UTC)
                                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path outDir = out != null ? out : Path.of("runs", run);
        PipelineOptions options;
        StoreOptions store = null;
        Source<SourceEvent, ?, ?> source;
        Source<SourceEvent, ?, ?> labelsSource = null;
        long expected;
        try {
            if (!Files.exists(corpus)) {
                throw new IllegalArgumentException("--corpus: " + corpus + " does not exist");
            }
            EndpointsConfig config =
                    endpoints == null
                            ? EndpointsConfig.none()
                            : EndpointsConfigLoader.load(endpoints);
            PipelineOptions.Builder b = PipelineOptions.builder(config).runId(run);
            if (windows != null && !windows.isEmpty()) {
                try {
                    b.windows(windows.stream().map(WindowSpec::parse).toList());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--window: " + e.getMessage(), e);
                }
            }
            if (labels != null || labelsTtl != null || labelsWindowLateness != null) {
                b.labels(
                        new LabelsOptions(
                                duration("--labels-ttl", labelsTtl),
                                duration("--labels-window-lateness", labelsWindowLateness)));
            }
            store = storeArgs.options();
            // Objects judges keep their lists in the store: an image is paid for once across runs.
            b.judgeStore(store);
            if (store != null && store.journal()) {
                // Re-running a run id pays for no call twice: outcomes are journalled in the store.
                b.journal(store).journalRetryErrors(retryErrors);
            } else if (retryErrors) {
                throw new IllegalArgumentException(
                        "--retry-errors: the store keeps no response journal");
            }
            options = b.build();
            if (store != null) {
                // Connect (and migrate) now: a wrong URL or password is a configuration error,
                // not a job that fails and restarts.
                PostgresStore.open(store).close();
            }
            source =
                    JsonLinesInput.builder()
                            .path(corpus.toString())
                            .build()
                            .source(options.parser());
            if (labels != null) {
                if (!Files.exists(labels)) {
                    throw new IllegalArgumentException("--labels: " + labels + " does not exist");
                }
                labelsSource =
                        JsonLinesInput.builder()
                                .path(labels.toString())
                                .build()
                                .source(options.parser().forLabels());
            }
            expected = countLines(corpus);
        } catch (IllegalArgumentException | IOException | StoreException e) {
            err.println("replay: " + e.getMessage());
            return EXIT_CONFIG;
        }

        StreamExecutionEnvironment env =
                LocalJobRunner.environment(parallelism, Duration.ofSeconds(10));
        StoreOptions storeOptions = store;
        new VlmEvalJob(
                        source,
                        labelsSource,
                        (JobOutputs o) -> {
                            OutputDirectory.attach(
                                    o.answers(), o.metrics(), o.deadLetters(), outDir, "replay-");
                            if (!options.endpoints().judges().isEmpty()) {
                                OutputDirectory.attachJudgements(o.judgements(), outDir, "replay-");
                            }
                            if (storeOptions != null) {
                                StoreSink.attachJobOutputs(o, storeOptions, "replay-");
                                StoreSink.attachAlerts(o.alerts(), storeOptions, "replay-");
                                if (!options.endpoints().judges().isEmpty()) {
                                    StoreSink.attachJudgements(
                                            o.judgements(), storeOptions, "replay-");
                                }
                            }
                        },
                        options)
                .build(env);
        err.println(
                "replay: run "
                        + run
                        + ", "
                        + options.endpoints().endpoints().size()
                        + " endpoint(s), corpus "
                        + corpus
                        + " → "
                        + outDir
                        + (store == null ? "" : " and " + store.jdbcUrl()));
        try {
            new LocalJobRunner(err, System.console() != null)
                    .run(env, "vlm-eval replay " + run, expected);
        } catch (Exception e) {
            err.println("replay: the job failed: " + rootMessage(e));
            return 1;
        }
        List<AnswerRow> rows = OutputDirectory.readAnswers(outDir);
        if (rows.isEmpty()) {
            stdout.println(
                    "No answers: the corpus had no valid events (see "
                            + outDir.resolve("dead-letters.jsonl")
                            + ").");
        } else {
            for (RunSummary summary : RunSummary.byRun(rows).values()) {
                stdout.print(SummaryTable.render(summary));
            }
        }
        // Only this run's judges: a judgements.jsonl left by an earlier run with judges is stale.
        SortedMap<String, JudgeStats> judges =
                options.endpoints().judges().isEmpty()
                        ? new java.util.TreeMap<>()
                        : OutputDirectory.readJudges(outDir);
        if (!judges.isEmpty()) {
            stdout.print("\n" + SummaryTable.judges(judges));
        }
        Path report = outDir.resolve("report.html");
        HtmlReport.write(report, rows, corpus, reportNote, judges);
        if (record != null) {
            RecordingsFile.write(record, rows);
            err.println("replay: " + rows.size() + " recordings written to " + record);
        }
        stdout.println();
        stdout.println("Results: " + outDir.toAbsolutePath());
        stdout.println("Report:  " + report.toAbsolutePath());
        return 0;
    }

    private static Duration duration(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    private static long countLines(Path corpus) throws IOException {
        if (Files.isRegularFile(corpus)) {
            return nonBlankLines(corpus);
        }
        long n = 0;
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path p :
                    (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jsonl"))::iterator) {
                n += nonBlankLines(p);
            }
        }
        return n;
    }

    private static long nonBlankLines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
