package org.vlmeval.cli;

import org.vlmeval.endpoints.EndpointClients;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.EndpointsConfigLoader;
import org.vlmeval.endpoints.config.JudgeConfig;
import org.vlmeval.endpoints.config.JudgeTask;
import org.vlmeval.judges.Calibration;
import org.vlmeval.judges.Judge;
import org.vlmeval.judges.LruObjectsCache;
import org.vlmeval.model.EvalRequest;
import org.vlmeval.model.InvalidInputException;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.RecordedResponse;
import org.vlmeval.options.ConfigException;
import org.vlmeval.scoring.Scorer;
import org.vlmeval.scoring.hallucination.HallucinationDetector;
import org.vlmeval.scoring.hallucination.ObjectVocabulary;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vlm-eval calibrate}: how far can a judge be trusted? Measured on a labelled corpus. */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a judge of the endpoints file on a labelled corpus and prints how it agrees with"
                    + " the truth.",
            "grade: the corpus's recorded answers (lines with \"model\" and \"response\", as for"
                    + " score); the truth is the scorer's verdict against each reference. Prints"
                    + " accuracy, Cohen's kappa and the confusion matrix.",
            "objects: requests with labelled \"objects\" and an image. Prints precision and recall"
                    + " of the judge's lists against the labels, and the hallucination rate of the"
                    + " recorded answers under each list.",
            "Every item is judged: the judge's sample_rate and budgets do not apply here; its"
                    + " endpoint's pacing and self_judging do."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the judge was measured",
            "1:the corpus could not be read",
            "2:some corpus lines were skipped",
            "64:usage error",
            "78:unusable configuration (endpoints file, judge, API key)"
        })
final class CalibrateCommand implements Callable<Integer> {

    static final int EXIT_CONFIG = 78;

    @Spec CommandSpec spec;

    @Option(
            names = "--corpus",
            required = true,
            paramLabel = "FILE",
            description = "Labelled corpus (JSONL): requests and recorded responses.")
    Path corpus;

    @Option(
            names = "--endpoints",
            required = true,
            paramLabel = "FILE",
            description = "endpoints.yaml with a judges: section (see connectors/README.md).")
    Path endpoints;

    @Option(names = "--judge", required = true, paramLabel = "NAME", description = "The judge.")
    String judgeName;

    @Option(
            names = "--task",
            paramLabel = "TASK",
            description = "grade or objects (default: the judge's only task, else grade).")
    String task;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    /** Where api_key_env names are looked up; the process environment outside tests. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EndpointsConfig config;
        JudgeConfig judgeConfig;
        JudgeTask judgeTask;
        try {
            config = EndpointsConfigLoader.load(endpoints);
            judgeConfig =
                    config.judge(judgeName)
                            .orElseThrow(
                                    () ->
                                            new ConfigException(
                                                    endpoints.getFileName()
                                                            + ": no judge '"
                                                            + judgeName
                                                            + "' (judges: "
                                                            + config.judges().stream()
                                                                    .map(JudgeConfig::name)
                                                                    .toList()
                                                            + ")"));
            judgeTask = task(judgeConfig);
        } catch (ConfigException e) {
            err.println("vlm-eval calibrate: " + e.getMessage());
            return EXIT_CONFIG;
        } catch (IllegalArgumentException e) {
            err.println("vlm-eval calibrate: " + e.getMessage());
            return VlmEval.EXIT_USAGE;
        }
        Corpus lines;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(corpus), 1 << 16)) {
            lines = Corpus.read(new Utf8Lines(in), err);
        } catch (IOException e) {
            err.println("vlm-eval calibrate: cannot read " + corpus + ": " + e.getMessage());
            return 1;
        }
        // Calibration judges every item: sampling or a budget would measure a subset by chance.
        JudgeConfig everything =
                new JudgeConfig(
                        judgeConfig.name(),
                        judgeConfig.endpoint(),
                        judgeConfig.tasks(),
                        1.0,
                        null,
                        null,
                        judgeConfig.selfJudging(),
                        judgeConfig.language(),
                        judgeConfig.promptVersion());
        try (EndpointClients clients = EndpointClients.create(config, environment)) {
            Judge judge =
                    Judge.create(
                            everything,
                            config,
                            clients,
                            new LruObjectsCache(10_000),
                            Clock.systemUTC());
            if (judgeTask == JudgeTask.GRADE) {
                Calibration.GradeResult r =
                        Calibration.grade(judge, lines.answers, Scorer.standard());
                out.print(
                        json
                                ? CalibrationReport.json(everything, r)
                                : CalibrationReport.text(everything, r));
            } else {
                Calibration.ObjectsResult r =
                        Calibration.objects(
                                judge,
                                lines.requests,
                                lines.answers,
                                HallucinationDetector.create(),
                                ObjectVocabulary.builtIn());
                out.print(
                        json
                                ? CalibrationReport.json(everything, r)
                                : CalibrationReport.text(everything, r));
            }
        } catch (IllegalArgumentException e) {
            // A missing API key variable, or no prompt resource of the judge's prompt_version.
            err.println("vlm-eval calibrate: " + e.getMessage());
            return EXIT_CONFIG;
        }
        out.flush();
        err.printf("vlm-eval calibrate: %d lines read, %d skipped%n", lines.read, lines.skipped);
        err.flush();
        return lines.skipped == 0 ? 0 : 2;
    }

    private JudgeTask task(JudgeConfig judge) {
        JudgeTask chosen;
        if (task == null) {
            chosen = judge.tasks().size() == 1 ? judge.tasks().iterator().next() : JudgeTask.GRADE;
        } else {
            chosen =
                    switch (task.toLowerCase(Locale.ROOT)) {
                        case "grade" -> JudgeTask.GRADE;
                        case "objects" -> JudgeTask.OBJECTS;
                        default ->
                                throw new IllegalArgumentException(
                                        "--task: must be grade or objects, was '" + task + "'");
                    };
        }
        if (!judge.does(chosen)) {
            throw new ConfigException(
                    endpoints.getFileName()
                            + ": judge '"
                            + judge.name()
                            + "' has no task "
                            + chosen.yamlName()
                            + " (tasks: "
                            + judge.tasks().stream().map(JudgeTask::yamlName).toList()
                            + ")");
        }
        return chosen;
    }

    /** The corpus's requests (every line's) and recorded answers. */
    static final class Corpus {
        final List<EvalRequest> requests = new ArrayList<>();
        final List<RecordedResponse> answers = new ArrayList<>();
        long read;
        long skipped;

        static Corpus read(Utf8Lines lines, PrintWriter err) throws IOException {
            Corpus c = new Corpus();
            while (true) {
                String line;
                try {
                    line = lines.next();
                } catch (Utf8Lines.Undecodable e) {
                    c.skip(err, lines.number(), e.getMessage());
                    continue;
                }
                if (line == null) {
                    return c;
                }
                if (line.isBlank()) {
                    continue;
                }
                c.read++;
                try {
                    ObjectNode node = JsonCodec.readObject(line);
                    if (node.has("response")) {
                        RecordedResponse r = JsonCodec.toRecordedResponse(node);
                        c.answers.add(r);
                        c.requests.add(r.request());
                    } else {
                        c.requests.add(JsonCodec.toEvalRequest(node));
                    }
                } catch (InvalidInputException e) {
                    c.skip(err, lines.number(), e.getMessage());
                }
            }
        }

        private void skip(PrintWriter err, long line, String problem) {
            err.println("line " + line + ": " + problem);
            skipped++;
        }
    }
}
