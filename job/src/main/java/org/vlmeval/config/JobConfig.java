package org.vlmeval.config;

import org.vlmeval.options.Check;
import org.vlmeval.pipeline.PipelineOptions;
import org.vlmeval.sinks.kafka.KafkaOutput;
import org.vlmeval.sources.JsonLinesInput;
import org.vlmeval.sources.KafkaInput;
import org.vlmeval.store.StoreOptions;

import java.time.Duration;

/**
 * A whole job, as {@code job.yaml} describes it (docs/job.md lists every option and its default):
 * where events come from, how they are asked and scored, where results go. This record is the
 * file's shape, bound by {@link JobConfigLoader}; each section binds to the options class that
 * validates it. Exactly one source, at least one sink.
 *
 * @param endpoints the endpoints file, relative to job.yaml; null to only re-score recorded answers
 * @param runId the run every event is assigned to, or null to keep each event's own
 * @param parallelism the job's parallelism, or null for the cluster's default
 * @param checkpointInterval how often Flink checkpoints; offsets and in-flight calls are in them
 * @param source the Kafka topic(s) or the JSONL files to read
 * @param pipeline windows, watermarks, event size limit; after loading also the endpoints and run
 * @param sinks the store, the Kafka topics and/or the output directory
 */
public record JobConfig(
        String endpoints,
        String runId,
        Integer parallelism,
        Duration checkpointInterval,
        SourceSection source,
        PipelineOptions pipeline,
        SinksSection sinks) {

    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(30);

    public JobConfig {
        Check.that(source != null, "source", "is required (source.kafka or source.files)");
        Check.that(
                sinks != null,
                "sinks",
                "is required (sinks.store, sinks.kafka or sinks.output_dir)");
        pipeline = pipeline == null ? PipelineOptions.defaults() : pipeline;
        checkpointInterval =
                checkpointInterval == null ? DEFAULT_CHECKPOINT_INTERVAL : checkpointInterval;
        Check.that(
                checkpointInterval.toMillis() >= 10,
                "checkpoint_interval",
                "must be at least 10ms, was " + checkpointInterval.toMillis() + "ms");
        Check.atLeastOrNull("parallelism", parallelism, 1);
    }

    /** {@code source:}: exactly one of its sections. */
    public record SourceSection(KafkaInput kafka, JsonLinesInput files) {
        public SourceSection {
            Check.that(
                    (kafka == null) != (files == null),
                    "",
                    "exactly one of source.kafka and source.files is needed");
        }
    }

    /** {@code sinks:}: at least one of its sections. */
    public record SinksSection(StoreOptions store, KafkaOutput kafka, String outputDir) {
        public SinksSection {
            Check.that(
                    store != null || kafka != null || outputDir != null,
                    "",
                    "at least one of sinks.store, sinks.kafka and sinks.output_dir is needed");
            // One journal: a call looked up in one backend and journalled in the other would be
            // paid again by whichever run reads the other one.
            Check.that(
                    kafka == null
                            || kafka.journalTopic() == null
                            || store == null
                            || !store.journal(),
                    "kafka.journal_topic",
                    "the store keeps the response journal already (sinks.store.journal is true by"
                            + " default); set sinks.store.journal: false to keep it in Kafka");
        }
    }

    public KafkaInput kafkaInput() {
        return source.kafka();
    }

    public JsonLinesInput filesInput() {
        return source.files();
    }

    public StoreOptions store() {
        return sinks.store();
    }

    public KafkaOutput kafkaOutput() {
        return sinks.kafka();
    }

    public String outputDir() {
        return sinks.outputDir();
    }
}
