package org.vlmeval.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Scenario {@code soak}: no fault, a steady stream for many minutes (defaults in {@link
 * Scenarios#defaults}: 9,000 events over 15 minutes, models answering in 1 s, so that about 10 of
 * each endpoint's 16 slots are busy), sampled every {@code --sample-s} seconds (default 10): heap
 * used per TaskManager, the last completed checkpoint's size and duration, the source's Kafka lag
 * (end offsets minus the offsets the job committed at its last checkpoint, so up to one checkpoint
 * interval of events is always counted) and the end-to-end answer latency (event time to the row's
 * {@code written_at}, p50 and p95 of the answers written since the last sample; the store sink
 * writes at checkpoints, so up to one interval of it is the sink's batching). Writes {@code
 * soak.csv} and {@code soak.svg} into the work directory and prints each series' slope.
 */
final class Soak extends NoFault {

    static final String[] COLUMNS = {
        "t_s",
        "heap_tm1_mb",
        "heap_tm2_mb",
        "checkpoint_size_kb",
        "checkpoint_duration_ms",
        "kafka_lag",
        "latency_p50_ms",
        "latency_p95_ms",
        "answers"
    };

    private final ChaosRun run;
    private final List<double[]> samples = new ArrayList<>();
    private volatile boolean sampling = true;
    private Thread sampler;
    private long t0;
    private List<String> slopes = List.of();

    Soak(ChaosRun run) {
        this.run = run;
    }

    @Override
    public void jobRunning(String jobId) {
        t0 = System.nanoTime();
        long periodMs = (long) (Double.parseDouble(run.option("sample-s", "10")) * 1000);
        sampler =
                new Thread(
                        () -> {
                            Properties p = new Properties();
                            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, run.kafkaBootstrap());
                            try (Admin admin = Admin.create(p)) {
                                long next = System.nanoTime();
                                while (sampling) {
                                    try {
                                        samples.add(sample(jobId, admin));
                                    } catch (Exception e) {
                                        run.say("soak sample failed: " + e);
                                    }
                                    next += periodMs * 1_000_000L;
                                    long wait = next - System.nanoTime();
                                    if (wait > 0) {
                                        Thread.sleep(wait / 1_000_000);
                                    }
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "soak-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private double[] sample(String jobId, Admin admin) throws Exception {
        double[] row = new double[COLUMNS.length];
        row[0] = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> heap = new HashMap<>();
        for (JsonNode tm : run.restGet("/taskmanagers").path("taskmanagers")) {
            String id = tm.path("id").asText();
            for (JsonNode m :
                    run.restGet(
                            "/taskmanagers/" + id + "/metrics?get=Status.JVM.Memory.Heap.Used")) {
                heap.put(id, m.path("value").asDouble() / (1 << 20));
            }
        }
        row[1] = heap.getOrDefault("tm-1", Double.NaN);
        row[2] = heap.getOrDefault("tm-2", Double.NaN);
        JsonNode completed =
                run.restGet("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
        row[3] =
                completed.isMissingNode()
                        ? Double.NaN
                        : completed.path("state_size").asDouble() / 1024;
        row[4] =
                completed.isMissingNode()
                        ? Double.NaN
                        : completed.path("end_to_end_duration").asDouble();
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets("vlm-eval-chaos")
                        .partitionsToOffsetAndMetadata()
                        .get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < 2; partition++) {
            latest.put(new TopicPartition(run.topic(), partition), OffsetSpec.latest());
        }
        long lag = 0;
        for (var e : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        row[5] = lag;
        try (Connection c = run.connect();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms),"
                                        + " percentile_cont(0.95) WITHIN GROUP (ORDER BY ms),"
                                        + " (SELECT count(*) FROM vlm_eval.answers WHERE run ="
                                        + " 'chaos') FROM (SELECT extract(epoch FROM written_at -"
                                        + " event_time) * 1000 AS ms FROM vlm_eval.answers WHERE"
                                        + " run = 'chaos' AND written_at > now() - interval '"
                                        + run.option("sample-s", "10")
                                        + " seconds') l")) {
            rs.next();
            row[6] = rs.getObject(1) == null ? Double.NaN : rs.getDouble(1);
            row[7] = rs.getObject(2) == null ? Double.NaN : rs.getDouble(2);
            row[8] = rs.getLong(3);
        }
        return row;
    }

    @Override
    public List<String> describe(String jobId, long answersDoneAt) {
        sampling = false;
        try {
            sampler.join(30_000);
            Path dir = run.workDir();
            Files.writeString(dir.resolve("soak.csv"), csv(samples));
            Files.writeString(dir.resolve("soak.svg"), SoakPlot.svg(COLUMNS, samples));
        } catch (InterruptedException | IOException e) {
            return List.of("soak: could not write the samples: " + e);
        }
        slopes = slopes(samples);
        List<String> lines = new ArrayList<>();
        lines.add(samples.size() + " samples, written to soak.csv and soak.svg");
        lines.addAll(slopes);
        return lines;
    }

    static String csv(List<double[]> samples) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (double[] row : samples) {
            for (int i = 0; i < row.length; i++) {
                out.append(i == 0 ? "" : ",")
                        .append(
                                Double.isNaN(row[i])
                                        ? ""
                                        : String.format(Locale.ROOT, "%.1f", row[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Per series: least-squares slope per minute over the samples after the first two minutes
     * (start-up: JIT, first checkpoints, the backlog of the submission), the mean, and the slope as
     * a share of the mean per 10 minutes, which is what "flat" is judged on.
     */
    static List<String> slopes(List<double[]> samples) {
        List<String> lines = new ArrayList<>();
        for (int col = 1; col < COLUMNS.length - 1; col++) {
            double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (double[] row : samples) {
                if (row[0] < 120 || Double.isNaN(row[col])) {
                    continue;
                }
                double x = row[0] / 60;
                n++;
                sx += x;
                sy += row[col];
                sxx += x * x;
                sxy += x * row[col];
            }
            if (n < 3) {
                continue;
            }
            double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            double mean = sy / n;
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "%s: mean %.1f, slope %+.2f per minute (%+.1f %% of the mean per 10"
                                    + " minutes)",
                            COLUMNS[col],
                            mean,
                            slope,
                            mean == 0 ? 0 : 100 * slope * 10 / mean));
        }
        return lines;
    }

    @Override
    public String recovery() {
        return "no fault";
    }
}
