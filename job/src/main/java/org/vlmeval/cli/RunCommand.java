package org.vlmeval.cli;

import org.vlmeval.config.JobConfig;
import org.vlmeval.config.JobConfigLoader;
import org.vlmeval.config.JobWiring;
import org.vlmeval.options.ConfigException;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code vlm-eval run --config job.yaml}: the streaming job on a local MiniCluster, with the same
 * wiring as {@link org.vlmeval.StreamingJob} on a cluster.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the streaming job described by job.yaml (see docs/job.md) on a local Flink"
                    + " MiniCluster until it is stopped, or until a bounded source ends. On a"
                    + " cluster the same configuration runs with: flink run -c"
                    + " org.vlmeval.StreamingJob job/target/vlm-eval-cluster.jar --config job.yaml"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:a bounded job finished",
            "1:the job failed",
            "78:unusable configuration"
        })
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "job.yaml")
    Path config;

    @Override
    public Integer call() {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        JobConfig jobConfig;
        try {
            jobConfig = JobConfigLoader.load(config);
        } catch (ConfigException e) {
            err.println("run: " + e.getMessage());
            return ReplayCommand.EXIT_CONFIG;
        }
        int parallelism = jobConfig.parallelism() == null ? 2 : jobConfig.parallelism();
        StreamExecutionEnvironment env =
                LocalJobRunner.environment(parallelism, jobConfig.checkpointInterval());
        try {
            JobWiring.job(jobConfig, env);
        } catch (IllegalArgumentException e) {
            err.println("run: " + config.getFileName() + ": " + e.getMessage());
            return ReplayCommand.EXIT_CONFIG;
        }
        try {
            new LocalJobRunner(err, System.console() != null).run(env, "vlm-eval run", -1);
            return 0;
        } catch (Exception e) {
            err.println("run: the job failed: " + ReplayCommand.rootMessage(e));
            return 1;
        }
    }
}
