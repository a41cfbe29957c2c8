package org.vlmeval.config;

import org.vlmeval.journal.KafkaJournal;
import org.vlmeval.journal.KafkaJournalOptions;
import org.vlmeval.pipeline.JobOutputs;
import org.vlmeval.pipeline.JobSinks;
import org.vlmeval.pipeline.PipelineOptions;
import org.vlmeval.pipeline.VlmEvalJob;
import org.vlmeval.sinks.files.OutputDirectory;
import org.vlmeval.sinks.kafka.KafkaOutput;
import org.vlmeval.sinks.store.StoreSink;
import org.vlmeval.sources.SourceEvent;
import org.vlmeval.store.StoreOptions;

import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;

/** Turns a {@link JobConfig} into the production source, sinks and job. */
public final class JobWiring {

    private JobWiring() {}

    public static Source<SourceEvent, ?, ?> source(JobConfig config) {
        return config.kafkaInput() != null
                ? config.kafkaInput().source(config.pipeline().parser())
                : config.filesInput().source(config.pipeline().parser());
    }

    /** The labels source ({@code source.kafka.labels_topic}), or null without one. */
    public static Source<SourceEvent, ?, ?> labels(JobConfig config) {
        return config.kafkaInput() == null
                ? null
                : config.kafkaInput().labelsSource(config.pipeline().parser());
    }

    public static JobSinks sinks(JobConfig config) {
        StoreOptions store = config.store();
        KafkaOutput kafka = config.kafkaOutput();
        String outputDir = config.outputDir();
        boolean judges = !config.pipeline().endpoints().judges().isEmpty();
        return (JobOutputs o) -> {
            if (store != null) {
                StoreSink.attachJobOutputs(o, store, "");
                StoreSink.attachAlerts(o.alerts(), store, "");
                if (judges) {
                    StoreSink.attachJudgements(o.judgements(), store, "");
                }
            }
            if (kafka != null) {
                o.answers().sinkTo(kafka.answersSink()).name("kafka-answers").uid("kafka-answers");
                if (kafka.alertsTopic() != null) {
                    o.alerts().sinkTo(kafka.alertsSink()).name("kafka-alerts").uid("kafka-alerts");
                }
                if (judges && kafka.judgementsTopic() != null) {
                    o.judgements()
                            .sinkTo(kafka.judgementsSink())
                            .name("kafka-judgements")
                            .uid("kafka-judgements");
                }
                if (kafka.deadLettersTopic() != null) {
                    o.deadLetters()
                            .sinkTo(kafka.deadLettersSink())
                            .name("kafka-dead-letters")
                            .uid("kafka-dead-letters");
                }
            }
            if (outputDir != null) {
                OutputDirectory.attach(
                        o.answers(), o.metrics(), o.deadLetters(), Path.of(outputDir), "");
                if (judges) {
                    OutputDirectory.attachJudgements(o.judgements(), Path.of(outputDir), "");
                }
            }
        };
    }

    /**
     * The pipeline options, with the response journal in the store's database when it has one, or
     * in {@code sinks.kafka.journal_topic} (the configuration allows at most one of them).
     */
    static PipelineOptions pipeline(JobConfig config) {
        StoreOptions store = config.store();
        KafkaOutput kafka = config.kafkaOutput();
        // Objects judges keep their lists in the store's database whenever there is one.
        PipelineOptions.Builder b = config.pipeline().toBuilder().judgeStore(store);
        if (store != null && store.journal()) {
            return b.journal(store).build();
        }
        if (kafka != null && kafka.journal() != null) {
            return b.journal(kafka.journal()).build();
        }
        return b.build();
    }

    /**
     * Configures {@code env} (checkpointing exactly-once, parallelism) and adds the whole job. With
     * the journal in Kafka, checks its topic first ({@link KafkaJournal#prepare}). Checkpoints hold
     * the source offsets and the calls in flight; with at-least-once sinks and idempotent upserts
     * keyed on natural keys, a restore converges to the same rows.
     */
    public static VlmEvalJob job(JobConfig config, StreamExecutionEnvironment env) {
        env.enableCheckpointing(
                config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        if (config.parallelism() != null) {
            env.setParallelism(config.parallelism());
        }
        PipelineOptions pipeline = pipeline(config);
        if (pipeline.journal() instanceof KafkaJournalOptions kafkaJournal) {
            // A journal topic that does not compact is a configuration error: report it now
            // rather than from every subtask's restart.
            KafkaJournal.prepare(kafkaJournal);
        }
        VlmEvalJob job = new VlmEvalJob(source(config), labels(config), sinks(config), pipeline);
        job.build(env);
        return job;
    }
}
