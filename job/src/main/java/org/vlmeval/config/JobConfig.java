package org.vlmeval.config;

import org.vlmeval.pipeline.PipelineOptions;
import org.vlmeval.sinks.kafka.KafkaOutput;
import org.vlmeval.sources.JsonLinesInput;
import org.vlmeval.sources.KafkaInput;
import org.vlmeval.store.StoreOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * A whole job, as {@code job.yaml} describes it (see {@link JobConfigLoader} and docs/job.md):
 * where events come from, how they are asked and scored, where results go. Validated: exactly one
 * source, at least one sink.
 *
 * @param source the file the configuration came from, for messages
 * @param pipeline endpoints, windows, watermarks, run id
 * @param kafkaInput the Kafka source, or null
 * @param filesInput the JSONL files source (bounded), or null
 * @param store the PostgreSQL store, or null
 * @param kafkaOutput the answers and dead-letter topics, or null
 * @param outputDir the output directory (answers.jsonl, metrics.csv, summary.json), or null
 * @param checkpointInterval how often Flink checkpoints; offsets and in-flight calls are in them
 * @param parallelism the job's parallelism, or null for the cluster's default
 */
public record JobConfig(
        String source,
        PipelineOptions pipeline,
        KafkaInput kafkaInput,
        JsonLinesInput filesInput,
        StoreOptions store,
        KafkaOutput kafkaOutput,
        String outputDir,
        Duration checkpointInterval,
        Integer parallelism) {

    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(30);

    public JobConfig {
        Objects.requireNonNull(pipeline, "pipeline");
        if ((kafkaInput == null) == (filesInput == null)) {
            throw new JobConfigException(
                    source + ": source: exactly one of source.kafka and source.files is needed");
        }
        if (store == null && kafkaOutput == null && outputDir == null) {
            throw new JobConfigException(
                    source
                            + ": sinks: at least one of sinks.store, sinks.kafka and"
                            + " sinks.output_dir is needed");
        }
        checkpointInterval =
                checkpointInterval == null ? DEFAULT_CHECKPOINT_INTERVAL : checkpointInterval;
        if (checkpointInterval.toMillis() < 10) {
            throw new JobConfigException(
                    source
                            + ": checkpoint_interval: must be at least 10ms, was "
                            + checkpointInterval);
        }
        if (parallelism != null && parallelism < 1) {
            throw new JobConfigException(
                    source + ": parallelism: must be >= 1, was " + parallelism);
        }
    }
}
