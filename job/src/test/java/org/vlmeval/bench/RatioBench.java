package org.vlmeval.bench;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.model.AnswerRow;
import org.vlmeval.pipeline.JobSinks;
import org.vlmeval.pipeline.PipelineOptions;
import org.vlmeval.sinks.store.StoreSink;
import org.vlmeval.testing.KafkaBrokerProcess;
import org.vlmeval.testing.TestPostgres;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The performance ratios of issue 15, side by side in one run, one line per figure (docs/
 * performance.md is written from its output). The streaming job runs in this JVM (a MiniCluster,
 * parallelism 2, {@link org.vlmeval.pipeline.VlmEvalJob}); the Kafka broker and the simulated model
 * server ({@link SimulatedModelServer}) are processes of their own, so the CPU figures are the
 * job's. Run it with {@code bench/run} (builds, resolves the classpaths, runs this), or
 *
 * <pre>
 * java -cp TEST_CLASSPATH org.vlmeval.bench.RatioBench kafkaCp=chaos/kafka-broker/target/classpath.txt
 * </pre>
 *
 * Options ({@code key=value}): {@code C} (list, default {@code 64,256,1024}), {@code L} (ms, list,
 * default {@code 200,2000}), {@code seconds} (ideal length of a fan-out run, default 8), {@code
 * minRounds} (waves of C calls at least, default 10), {@code constantTs} (every event at one event
 * time, default false), {@code rescoreN} (default 100000), {@code rescoreWarmups} (unmeasured
 * re-scoring runs in each measured store mode before the measured ones, default 2), {@code
 * rescoreStores} (the store modes measured, in order, default {@code off,on}), {@code heap}
 * (default true), {@code warmup} (calls, default 4000).
 *
 * <p>Figures:
 *
 * <ul>
 *   <li>{@code fanout}: answers/s ÷ (C/L); answers/s = answers ÷ time from the first call's start
 *       to the last answer (job start-up excluded, the first wave's ramp-up included).
 *   <li>{@code cpu}: the job JVM's process CPU time over the same interval ÷ answers.
 *   <li>{@code latency}: p50/p99 of (the client's answer latency − L).
 *   <li>{@code rescore}: re-scoring answers/s (first to last answer) ÷ a plain KafkaConsumer's
 *       records/s on the same topic (second of two rounds, just before), store sink on and off,
 *       each after {@code rescoreWarmups} unmeasured job runs per store mode on the same topic (the
 *       cold runs' figures are printed too); with the store on, the PostgreSQL server's CPU per
 *       answer over the same interval (it shares the cores) and over the whole job.
 *   <li>{@code heap}: see {@link ImageHeapBench}.
 * </ul>
 */
public final class RatioBench {

    private static final List<String> FIGURES = new ArrayList<>();
    private static final List<Long> LATENCIES = Collections.synchronizedList(new ArrayList<>());

    private RatioBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        Path kafkaCp =
                Path.of(o.getOrDefault("kafkaCp", "chaos/kafka-broker/target/classpath.txt"));
        int[] cs = ints(o.getOrDefault("C", "64,256,1024"));
        int[] ls = ints(o.getOrDefault("L", "200,2000"));
        double seconds = Double.parseDouble(o.getOrDefault("seconds", "8"));
        int rescoreN = Integer.parseInt(o.getOrDefault("rescoreN", "100000"));
        int rescoreWarmups = Integer.parseInt(o.getOrDefault("rescoreWarmups", "2"));
        // Which store modes the re-scoring runs measure, in order; each is warmed up first.
        List<Boolean> rescoreStores =
                Arrays.stream(o.getOrDefault("rescoreStores", "off,on").split(","))
                        .map(mode -> mode.equals("on"))
                        .toList();
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "4000"));
        storeBatch = o.containsKey("storeBatch") ? Integer.valueOf(o.get("storeBatch")) : null;
        int minRounds = Integer.parseInt(o.getOrDefault("minRounds", "10"));
        // All events at one event time: no watermark advances, so none takes an async queue slot.
        PipelineBenchmark.constantEventTime =
                Boolean.parseBoolean(o.getOrDefault("constantTs", "false"));
        FIGURES.add(
                String.format(
                        Locale.ROOT,
                        "machine %d CPUs, %s %s, job JVM max heap %d MiB, load average at start %.2f",
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.vm.name"),
                        System.getProperty("java.version"),
                        Runtime.getRuntime().maxMemory() >> 20,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage()));
        try (KafkaBrokerProcess kafka = KafkaBrokerProcess.start(kafkaCp);
                SimulatedModelServer.Handle server = SimulatedModelServer.start(200, "512m")) {
            if (warmup > 0) {
                System.out.println("[warm-up] not measured");
                fanout(kafka, server, 256, 200, warmup, false);
            }
            for (int l : ls) {
                for (int c : cs) {
                    // At least 10 waves: with few, the split of the keyed stream over the two
                    // call subtasks (each with C/2 slots) leaves one subtask a wave behind.
                    int rounds = (int) Math.max(minRounds, Math.round(seconds * 1000 / l));
                    fanout(kafka, server, c, l, c * rounds, true);
                }
            }
            if (rescoreN > 0) {
                String topic = kafka.freshTopic("rescore", 4);
                kafka.produce(topic, rescoreN, PipelineBenchmark::recordedEvent);
                // The plain consumer is measured on its second round; the job after two runs of
                // the same answers in each store mode, so that neither figure is mostly the JIT
                // compiler (profiles: ~40% of the CPU of a cold 100k-answer run was C2, still
                // 17% in the third run; every job start compiles more of Flink's start-up
                // code). The cold runs' figures are printed too.
                for (int i = 0; i < rescoreWarmups; i++) {
                    for (boolean store : new java.util.LinkedHashSet<>(rescoreStores)) {
                        rescore(
                                kafka,
                                topic,
                                rescoreN,
                                store,
                                "cold (warm-up run " + (i + 1) + ")");
                    }
                }
                for (boolean store : rescoreStores) {
                    rescore(kafka, topic, rescoreN, store, null);
                }
            }
        }
        if (Boolean.parseBoolean(o.getOrDefault("heap", "true"))) {
            FIGURES.addAll(ImageHeapBench.run(256, 1024, true));
        }
        System.out.println();
        System.out.println("==== figures ====");
        FIGURES.forEach(System.out::println);
        System.exit(0);
    }

    static void fanout(
            KafkaBrokerProcess kafka,
            SimulatedModelServer.Handle server,
            int c,
            long l,
            int n,
            boolean record)
            throws Exception {
        System.out.printf("%n[fanout] C=%d L=%d ms, %d calls%n", c, l, n);
        server.latency(l);
        String topic = kafka.freshTopic("fanout", 4);
        kafka.produce(
                topic, n, i -> PipelineBenchmark.plainRequest(i).getBytes(StandardCharsets.UTF_8));
        EndpointConfig endpoint =
                EndpointConfig.builder("m0", Protocol.OPENAI, server.baseUrl(), "bench-model")
                        .maxConcurrency(c)
                        .timeout(Duration.ofMillis(l * 10 + 30_000))
                        .build();
        PipelineOptions options =
                PipelineOptions.builder(new EndpointsConfig("bench", List.of(endpoint), null))
                        .runId("bench")
                        .build();
        LATENCIES.clear();
        server.reset();
        PipelineBenchmark.Run run =
                PipelineBenchmark.runJob(
                        kafka.bootstrapServers(),
                        topic,
                        options,
                        o -> {
                            o.answers().sinkTo(new LatencySink()).name("latencies");
                            o.metrics().sinkTo(new PipelineBenchmark.Discard<>());
                            o.deadLetters().sinkTo(new PipelineBenchmark.Discard<>());
                        },
                        n,
                        c,
                        n - c,
                        false);
        long[] stats = server.stats();
        double ideal = c * 1000.0 / l;
        long[] added;
        synchronized (LATENCIES) {
            added = LATENCIES.stream().mapToLong(ms -> ms - l).sorted().toArray();
        }
        String where = String.format(Locale.ROOT, "C=%d L=%dms", c, l);
        List<String> lines =
                List.of(
                        String.format(
                                Locale.ROOT,
                                "fanout %s: efficiency %.3f steady (%.0f answers/s of ideal %.0f, answers"
                                        + " %d to %d); %.3f from the first call (start-up ramp"
                                        + " included), %.3f to the last answer (%.2f s, ideal %.2f s;"
                                        + " drain included); %d calls, server max concurrent %d,"
                                        + " errors %d",
                                where,
                                run.steadyCallsRate() / ideal,
                                run.steadyCallsRate(),
                                ideal,
                                c,
                                n - c,
                                run.rampCallsRate() / ideal,
                                run.callsRate() / ideal,
                                (run.lastNanos - run.callStartNanos) / 1e9,
                                n / ideal,
                                n,
                                stats[2],
                                run.errors),
                        String.format(
                                Locale.ROOT,
                                "cpu %s: %.0f us job-JVM CPU per answered call, steady (%.2f cores"
                                        + " busy); %.0f us from the first call to the last answer",
                                where,
                                run.steadyCpuMicrosPerAnswer(),
                                run.steadyCoresBusy(),
                                run.cpuMicrosPerAnswer()),
                        String.format(
                                Locale.ROOT,
                                "latency %s: added p50 %d ms, p99 %d ms, max %d ms (client's answer"
                                        + " latency minus L, %d answers)",
                                where,
                                percentile(added, 0.50),
                                percentile(added, 0.99),
                                added.length == 0 ? -1 : added[added.length - 1],
                                added.length));
        lines.forEach(System.out::println);
        if (record) {
            FIGURES.addAll(lines);
        }
    }

    /**
     * @param warmup null for a measured run, else what to call the run in its figure line
     */
    /** The store sink's {@code batch_size} in the re-scoring runs (option {@code storeBatch}). */
    static Integer storeBatch;

    private static org.vlmeval.store.StoreOptions storeOptions(String schema) {
        var options = TestPostgres.options(schema);
        if (storeBatch != null) {
            options.batchSize(storeBatch);
        }
        return options.build();
    }

    static void rescore(KafkaBrokerProcess kafka, String topic, int n, boolean store, String warmup)
            throws Exception {
        System.out.printf(
                "%n[rescore] %d recorded responses, store %s%s%n",
                n, store, warmup == null ? "" : ", " + warmup);
        double consumerRate = 0;
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            long read = PipelineBenchmark.consumeAll(kafka.bootstrapServers(), topic, n);
            consumerRate = read / ((System.nanoTime() - start) / 1e9);
        }
        PipelineOptions options =
                PipelineOptions.builder(new EndpointsConfig("none", List.of(), null))
                        .runId("rescore")
                        .build();
        String schema = store ? TestPostgres.freshSchema() : null;
        JobSinks sinks =
                store
                        ? o -> {
                            StoreSink.attachJobOutputs(o, storeOptions(schema), "");
                            o.deadLetters().sinkTo(new PipelineBenchmark.Discard<>());
                        }
                        : o -> {
                            o.answers().sinkTo(new PipelineBenchmark.Discard<>());
                            o.metrics().sinkTo(new PipelineBenchmark.Discard<>());
                            o.deadLetters().sinkTo(new PipelineBenchmark.Discard<>());
                        };
        long pgBefore = processCpuNanos("postgres");
        PipelineBenchmark.otherProcess = store ? "postgres" : null;
        PipelineBenchmark.Run run =
                PipelineBenchmark.runJob(
                        kafka.bootstrapServers(), topic, options, sinks, n, 0, -1, false);
        long pgNanos = processCpuNanos("postgres") - pgBefore;
        String rows =
                store
                        ? String.format(
                                Locale.ROOT,
                                ", %d rows stored; PostgreSQL server processes %.0f us CPU per"
                                        + " answer first to last answer, %.0f us whole job (schema"
                                        + " migration included)",
                                TestPostgres.count(schema, "answers"),
                                run.otherCpuMicrosPerAnswerActive(),
                                pgNanos / 1e3 / n)
                        : "";
        String line =
                String.format(
                        Locale.ROOT,
                        "rescore%s store=%s: %.3f of the plain consumer (job %.0f answers/s first to"
                                + " last answer, %.0f/s whole job incl. %.1f s start-up; KafkaConsumer"
                                + " %.0f records/s; N=%d; %.0f us job-JVM CPU per answer%s)",
                        warmup == null ? "" : " " + warmup,
                        store ? "on" : "off",
                        run.activeRate() / consumerRate,
                        run.activeRate(),
                        run.wholeRate(),
                        run.startupSeconds(),
                        consumerRate,
                        n,
                        run.cpuMicrosPerAnswerActive(),
                        rows);
        System.out.println(line);
        FIGURES.add(line);
    }

    /**
     * CPU time (user + system) of the processes named {@code comm} and of their ended children,
     * from {@code /proc} (Linux; 0 elsewhere): the store's PostgreSQL server runs beside the job on
     * the same cores, and its share is what the store sink costs beyond the job's own CPU.
     */
    static long processCpuNanos(String comm) {
        long ticks = 0;
        java.io.File[] procs = new java.io.File("/proc").listFiles();
        if (procs == null) {
            return 0;
        }
        for (java.io.File p : procs) {
            if (!p.getName().chars().allMatch(Character::isDigit)) {
                continue;
            }
            try {
                String stat = java.nio.file.Files.readString(p.toPath().resolve("stat"));
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < 0 || !stat.substring(open + 1, close).equals(comm)) {
                    continue;
                }
                String[] f = stat.substring(close + 2).split(" ");
                // After the command: state is field 3, utime 14, stime 15, cutime 16 and cstime
                // 17 (1-based, proc(5)). A backend that has ended is in its parent's cutime and
                // cstime (the postmaster waits for it), a live one in its own utime and stime:
                // summing all four over every postgres process counts each once.
                for (int k = 11; k <= 14; k++) {
                    ticks += Long.parseLong(f[k]);
                }
            } catch (java.io.IOException | RuntimeException gone) {
                // The process ended while we looked.
            }
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            o.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        return o;
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** Keeps the latency of every answered call (this JVM: the MiniCluster runs here). */
    static final class LatencySink implements Sink<AnswerRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public SinkWriter<AnswerRow> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(AnswerRow row, Context ctx) {
                    if (row.errorKind() == null) {
                        LATENCIES.add(row.latencyMs());
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
