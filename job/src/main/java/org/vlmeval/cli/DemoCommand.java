package org.vlmeval.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vlm-eval demo}: replays the seed corpus against its recorded endpoints on an embedded
 * MiniCluster — no model server, no network — and prints the comparison table and the report.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Replays corpora/seed (EN and ZH image questions) against four recorded endpoints"
                    + " (Llama 3.2 Vision 11B/90B, Qwen2-VL 7B/72B) with embedded defaults: local"
                    + " Flink MiniCluster, file source, output directory with report.html.",
            "Qwen2-VL 72B also grades the Llama answers to questions without a reference (a"
                    + " recorded grade judge), and labels.jsonl gives two of those questions their"
                    + " answer key later: judge-graded accuracy is shown apart from"
                    + " reference-graded accuracy.",
            "The recordings are illustrative: written to mirror behaviour reported publicly, not"
                    + " outputs captured from the models."
        })
final class DemoCommand implements Callable<Integer> {

    static final String NOTE =
            "The seed corpus's recordings are illustrative: they were written to mirror behaviour"
                    + " reported in public comparisons of Llama 3.2 Vision and Qwen2-VL, not"
                    + " captured from the models. Replay the corpus against your own endpoints"
                    + " (vlm-eval replay --endpoints) for real figures.";

    @Spec CommandSpec spec;

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            defaultValue = "demo",
            description =
                    "Run id (default: ${DEFAULT-VALUE}); the same id converges to the same results.")
    String runId;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output directory (default: runs/<run-id>).")
    Path out;

    @Mixin StoreArgs storeArgs = new StoreArgs();

    @Override
    public Integer call() throws Exception {
        Path seed = seedDirectory();
        if (seed == null) {
            System.err.println(
                    "demo: corpora/seed not found; run ./vlm-eval from the repository (or set"
                            + " -Dvlmeval.home)");
            return ReplayCommand.EXIT_CONFIG;
        }
        ReplayCommand replay = new ReplayCommand();
        replay.spec = spec;
        replay.corpus = seed.resolve("cases.jsonl");
        replay.endpoints = seed.resolve("endpoints.yaml");
        // Two production-like cases get their answer key later, as a labeller would give it.
        replay.labels = seed.resolve("labels.jsonl");
        replay.runId = runId;
        replay.out = out;
        replay.storeArgs = storeArgs;
        replay.parallelism = 2;
        replay.windows = List.of("5m/1m", "1h");
        replay.reportNote = NOTE;
        return replay.call();
    }

    /**
     * corpora/seed under -Dvlmeval.home (set by the launcher), else under the working directory.
     */
    static Path seedDirectory() {
        for (String base : new String[] {System.getProperty("vlmeval.home"), "."}) {
            if (base == null) {
                continue;
            }
            Path seed = Path.of(base, "corpora", "seed");
            if (Files.isRegularFile(seed.resolve("cases.jsonl"))) {
                return seed;
            }
        }
        return null;
    }
}
