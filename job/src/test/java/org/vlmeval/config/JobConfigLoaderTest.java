package org.vlmeval.config;

import org.vlmeval.journal.KafkaJournalOptions;
import org.vlmeval.journal.PostgresJournal;
import org.vlmeval.kafka.KafkaClientProperties;
import org.vlmeval.pipeline.WindowSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigLoaderTest {

    @Test
    void theDocumentedExampleLoads() {
        JobConfig c = JobConfigLoader.load(Path.of("../docs/examples/job.yaml"));
        assertThat(c.kafkaInput().topics()).containsExactly("vlm-eval.requests");
        assertThat(c.kafkaInput().bounded()).isFalse();
        assertThat(c.pipeline().windows())
                .containsExactly(WindowSpec.DEFAULT_SLIDING, WindowSpec.DEFAULT_TUMBLING);
        assertThat(c.pipeline().endpoints().endpoints()).isNotEmpty();
        assertThat(c.pipeline().dedupTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(c.store().passwordEnv()).isEqualTo("VLM_EVAL_PG_PASSWORD");
        assertThat(c.kafkaOutput().deadLettersTopic()).isEqualTo("vlm-eval.dead-letters");
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.parallelism()).isEqualTo(2);
    }

    @Test
    void filesSourceAndOutputDirectoryResolveAgainstTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c.jsonl"), "{}\n");
        JobConfig c =
                JobConfigLoader.parse(
                        "source: {files: {path: c.jsonl}}\n"
                                + "sinks: {output_dir: out}\n"
                                + "run_id: r1\n"
                                + "pipeline: {windows: [10m], dedup_ttl: 168h}\n",
                        "job.yaml",
                        dir);
        assertThat(c.filesInput().path()).isEqualTo(dir.resolve("c.jsonl").toString());
        assertThat(c.outputDir()).isEqualTo(dir.resolve("out").toString());
        assertThat(c.pipeline().runId()).isEqualTo("r1");
        assertThat(c.pipeline().windows())
                .isEqualTo(List.of(WindowSpec.tumbling(Duration.ofMinutes(10))));
        assertThat(c.pipeline().dedupTtl()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void errorsNameTheFileAndTheField(@TempDir Path dir) {
        assertThatThrownBy(() -> parse("sinks: {output_dir: o}\n", dir))
                .hasMessage("job.yaml: source: is required (source.kafka or source.files)");
        assertThatThrownBy(
                        () -> parse("source: {kafka: {topic: t}}\nsinks: {output_dir: o}\n", dir))
                .hasMessage("job.yaml: source.kafka.bootstrap_servers: is required");
        assertThatThrownBy(
                        () ->
                                parse(
                                        "source: {kafka: {bootstrap_servers: \"k:9092\", topic: t, tpoic: x}}\n"
                                                + "sinks: {output_dir: o}\n",
                                        dir))
                .hasMessageStartingWith("job.yaml: source.kafka.tpoic: unknown field");
        assertThatThrownBy(
                        () ->
                                parse(
                                        "source: {kafka: {bootstrap_servers: \"k:9092\", topic: t}}\n"
                                                + "sinks: {}\n",
                                        dir))
                .hasMessageContaining("sinks: at least one of");
        assertThatThrownBy(
                        () ->
                                parse(
                                        "source: {kafka: {bootstrap_servers: \"k:9092\", topic: t}}\n"
                                                + "sinks: {output_dir: o}\n"
                                                + "pipeline: {windows: [5m/2m]}\n",
                                        dir))
                .hasMessage(
                        "job.yaml: pipeline.windows[0]: '5m/2m': size: 5m must be a multiple of"
                                + " slide (2m)");
        assertThatThrownBy(
                        () ->
                                parse(
                                        "source: {kafka: {bootstrap_servers: \"k:9092\", topic: t}}\n"
                                                + "sinks: {store: {user: u}}\n",
                                        dir))
                .hasMessage("job.yaml: sinks.store.jdbc_url: is required");
    }

    @Test
    void theJournalFollowsTheStoreUnlessSwitchedOff(@TempDir Path dir) {
        String source = "source: {kafka: {bootstrap_servers: \"k:9092\", topic: t}}\n";
        JobConfig withStore =
                parse(source + "sinks: {store: {jdbc_url: \"jdbc:postgresql://db/v\"}}\n", dir);
        JobConfig switchedOff =
                parse(
                        source
                                + "sinks: {store: {jdbc_url: \"jdbc:postgresql://db/v\","
                                + " journal: false}}\n",
                        dir);
        JobConfig noStore = parse(source + "sinks: {output_dir: out}\n", dir);

        assertThat(withStore.store().journal()).isTrue();
        assertThat(JobWiring.pipeline(withStore).journal())
                .isEqualTo(PostgresJournal.backend(withStore.store()));
        assertThat(JobWiring.pipeline(switchedOff).journal()).isNull();
        assertThat(JobWiring.pipeline(noStore).journal()).isNull();
    }

    @Test
    void theJournalGoesToKafkaWithAJournalTopicAndNoStoreJournal(@TempDir Path dir) {
        String source = "source: {kafka: {bootstrap_servers: \"k:9092\", topic: t}}\n";
        String kafka =
                "kafka: {bootstrap_servers: \"k:9092\", answers_topic: a, journal_topic: j,"
                        + " properties: {security.protocol: SSL}}";
        JobConfig kafkaOnly = parse(source + "sinks: {" + kafka + "}\n", dir);
        JobConfig storeWithoutJournal =
                parse(
                        source
                                + "sinks: {store: {jdbc_url: \"jdbc:postgresql://db/v\","
                                + " journal: false}, "
                                + kafka
                                + "}\n",
                        dir);

        KafkaJournalOptions expected =
                new KafkaJournalOptions(
                        "k:9092",
                        "j",
                        new KafkaClientProperties(Map.of("security.protocol", "SSL"), Set.of()));
        assertThat(JobWiring.pipeline(kafkaOnly).journal()).isEqualTo(expected);
        assertThat(JobWiring.pipeline(storeWithoutJournal).journal()).isEqualTo(expected);
        assertThatThrownBy(
                        () ->
                                parse(
                                        source
                                                + "sinks: {store: {jdbc_url:"
                                                + " \"jdbc:postgresql://db/v\"}, "
                                                + kafka
                                                + "}\n",
                                        dir))
                .hasMessage(
                        "job.yaml: sinks.kafka.journal_topic: the store keeps the response journal"
                                + " already (sinks.store.journal is true by default); set"
                                + " sinks.store.journal: false to keep it in Kafka");
        assertThatThrownBy(
                        () ->
                                parse(
                                        source
                                                + "sinks: {kafka: {bootstrap_servers: \"k:9092\","
                                                + " answers_topic: a, journal_topic: a}}\n",
                                        dir))
                .hasMessage(
                        "job.yaml: sinks.kafka.journal_topic: must be a topic of its own, not the"
                                + " answers, dead-letters, alerts or judgements topic");
    }

    private static JobConfig parse(String yaml, Path dir) {
        return JobConfigLoader.parse(yaml, "job.yaml", dir);
    }
}
