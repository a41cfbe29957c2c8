package org.vlmeval;

import org.vlmeval.config.JobConfig;
import org.vlmeval.config.JobConfigLoader;
import org.vlmeval.config.JobWiring;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;

import java.nio.file.Path;

/**
 * Main class of the cluster jar: {@code flink run -c org.vlmeval.StreamingJob vlm-eval-cluster.jar
 * --config job.yaml}. It only wires the production connectors described by the configuration; the
 * pipeline is {@link org.vlmeval.pipeline.VlmEvalJob}.
 */
public final class StreamingJob {

    private StreamingJob() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        // --job-config too: Flink's standalone-job launcher takes "--config" for its own
        // --configDir (a prefix match) unless the job's arguments follow a bare "--".
        String config = params.get("config", params.get("job-config"));
        if (config == null) {
            throw new IllegalArgumentException(
                    "usage: StreamingJob --config job.yaml (or --job-config job.yaml)");
        }
        JobConfig jobConfig = JobConfigLoader.load(Path.of(config));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobWiring.job(jobConfig, env);
        env.execute("vlm-eval " + Path.of(config).getFileName());
    }
}
