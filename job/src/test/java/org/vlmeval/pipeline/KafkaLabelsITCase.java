package org.vlmeval.pipeline;

import org.vlmeval.config.JobConfig;
import org.vlmeval.config.JobConfigLoader;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.scoring.text.Csv;
import org.vlmeval.sinks.files.OutputDirectory;
import org.vlmeval.testing.FlinkCluster;
import org.vlmeval.testing.KafkaTestCluster;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Late labels on {@code source.kafka.labels_topic}, wired from job.yaml as {@code vlm-eval run}
 * wires it (a bounded read of both topics): labels after and before the answers re-score them, a
 * bad label is a dead letter, questions without a label keep no truth.
 */
class KafkaLabelsITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkCluster.extension();

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir Path dir;

    @Test
    void labelsFromTheirTopicRescoreTheAnswers() throws Exception {
        KafkaTestCluster kafka = KafkaTestCluster.get();
        String events = kafka.freshTopic("label-events", 1);
        String labels = kafka.freshTopic("labels", 1);
        List<byte[]> questions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            questions.add(
                    ("{\"id\":\"q"
                                    + i
                                    + "\",\"ts\":\""
                                    + T0.plusSeconds(60L * i)
                                    + "\",\"question\":\"How many in box "
                                    + i
                                    + "?\"}")
                            .getBytes(StandardCharsets.UTF_8));
        }
        kafka.produce(events, questions);
        kafka.produce(
                labels,
                List.of(
                        label("q0", "late", T0.plusSeconds(7200), 0),
                        label("q1", "late", T0.plusSeconds(7200), 99),
                        label("q2", "early", T0.minusSeconds(600), 2),
                        label("q3", "early", T0.minusSeconds(600), 99),
                        "{\"request_id\":\"q4\",\"ts\":1}".getBytes(StandardCharsets.UTF_8)));
        Function<String, Reply> script =
                q -> Reply.answer("There are " + q.replaceAll("\\D", "") + ".");
        try (ModelServer server = new ModelServer(script)) {
            Files.writeString(
                    dir.resolve("endpoints.yaml"),
                    "endpoints:\n  - {name: llama, protocol: openai, base_url: '"
                            + server.openAiBaseUrl()
                            + "', model: l, max_concurrency: 4}\n");
            JobConfig config =
                    JobConfigLoader.parse(
                            "endpoints: endpoints.yaml\nrun_id: kl\nparallelism: 2\n"
                                    + "checkpoint_interval: 200ms\nsource:\n"
                                    + "  kafka: {bootstrap_servers: '"
                                    + kafka.bootstrapServers()
                                    + "', topic: "
                                    + events
                                    + ", labels_topic: "
                                    + labels
                                    + ", group_id: "
                                    + events
                                    + ", starting_offsets: earliest, bounded: true}\n"
                                    + "pipeline: {windows: [1m], labels: {ttl: 48h}}\n"
                                    + "sinks: {output_dir: out}\n",
                            "job.yaml",
                            dir);
            KafkaJournalJobITCase.runToEnd(config, "kafka-labels");
        }
        Map<String, AnswerRow> rows =
                OutputDirectory.readAnswers(dir.resolve("out")).stream()
                        .collect(Collectors.toMap(AnswerRow::requestId, a -> a));
        assertThat(rows).hasSize(6);
        assertThat(rows.get("q0").truth()).isEqualTo("label:late");
        assertThat(rows.get("q0").correct()).isTrue();
        assertThat(rows.get("q1").correct()).isFalse();
        assertThat(rows.get("q2").truth()).isEqualTo("label:early");
        assertThat(rows.get("q2").correct()).isTrue();
        assertThat(rows.get("q3").correct()).isFalse();
        assertThat(rows.get("q4").truth()).isNull();
        assertThat(rows.get("q4").correct()).isNull();
        assertThat(Files.readString(dir.resolve("out").resolve("dead-letters.jsonl")))
                .contains("schema_violation")
                .contains(labels);
        // The 1m windows (one question each) count the four labelled answers as scored, the
        // two after them too: their corrections reached the windows.
        List<List<String>> csv =
                Csv.parse(Files.readString(dir.resolve("out").resolve("metrics.csv")));
        int category = csv.get(0).indexOf("category");
        int scored = csv.get(0).indexOf("scored");
        long total =
                csv.subList(1, csv.size()).stream()
                        .filter(r -> r.get(category).equals("*"))
                        .mapToLong(r -> Long.parseLong(r.get(scored)))
                        .sum();
        assertThat(total).isEqualTo(4);
    }

    static byte[] label(String id, String labeler, Instant ts, int value) {
        return ("{\"request_id\":\""
                        + id
                        + "\",\"labeler\":\""
                        + labeler
                        + "\",\"ts\":\""
                        + ts
                        + "\",\"reference\":{\"type\":\"numeric\",\"value\":"
                        + value
                        + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
