package org.vlmeval.bench;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.pipeline.LocalProgress;
import org.vlmeval.pipeline.PipelineOptions;
import org.vlmeval.pipeline.VlmEvalJob;
import org.vlmeval.sinks.store.StoreSink;
import org.vlmeval.sources.KafkaInput;
import org.vlmeval.store.StoreOptions;
import org.vlmeval.testing.KafkaBrokerProcess;
import org.vlmeval.testing.KafkaTestCluster;
import org.vlmeval.testing.ModelServer;
import org.vlmeval.testing.ModelServer.Reply;
import org.vlmeval.testing.TestPostgres;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * End-to-end benchmark of the streaming job on a local MiniCluster (parallelism 2): bounded Kafka
 * source (in-JVM broker) → {@link VlmEvalJob} → PostgreSQL store (embedded) or a discarding sink,
 * against simulated model servers in the same JVM. Not a unit test: run it with
 *
 * <pre>
 * mvn -B -o -q -pl job -am -DskipTests install
 * mvn -B -o -q -pl job dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java -cp "job/target/test-classes:job/target/classes:$(cat /tmp/cp.txt)" \
 *     org.vlmeval.bench.PipelineBenchmark all
 * </pre>
 *
 * <p>({@code mvn exec:java -Dexec.classpathScope=test} hung inside Maven's JVM; see
 * docs/performance.md.)
 *
 * <p>Arguments: a scenario ({@code fanout}, {@code rescore}, {@code images} or {@code all}) then
 * {@code key=value} overrides: {@code calls}, {@code latency} (ms), {@code concurrency}, {@code
 * endpoints}, {@code server} ({@code mock} = mockwebserver3 via ModelServer, {@code jdk} = {@link
 * BenchModelServer}), {@code rescoreN}, {@code imagesN}, {@code imageLatency}, {@code imageKb}.
 */
public final class PipelineBenchmark {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int PARALLELISM = 2;
    private static final int PARTITIONS = 4;
    private static final List<String> TABLE = new ArrayList<>();

    /** When set, every fan-out event has the same event time (no watermark advances mid-run). */
    static boolean constantEventTime;

    /**
     * CPU time of the processes of this name (and their ended children), read at the first and the
     * last answer as the job's own is ({@link Run#otherCpuStart}): the store's PostgreSQL server,
     * whose work between those two moments competes with the job for the same cores. Null: not
     * read.
     */
    static volatile String otherProcess;

    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        String scenario = args.length == 0 ? "all" : args[0];
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            o.put(kv[0], kv[1]);
        }
        System.out.printf(
                "machine: %d CPUs, max heap %d MiB, %s %s%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        KafkaTestCluster.get();
        long calls = Long.parseLong(o.getOrDefault("calls", "25600"));
        long latency = Long.parseLong(o.getOrDefault("latency", "200"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "256"));
        constantEventTime = Boolean.parseBoolean(o.getOrDefault("constantTs", "false"));
        long warmup = Long.parseLong(o.getOrDefault("warmup", "8000"));
        if (warmup > 0) {
            // A cold JVM spends most of a short run in the JIT compilers (C2 alone took 15 s of
            // CPU in the first 23 s of a cold run); warm the job's code paths first.
            System.out.println("\n[warm-up] not measured");
            fanout(warmup, latency, concurrency, 1, "jdk", false);
        }
        if (scenario.equals("fanout") || scenario.equals("all")) {
            if (o.containsKey("endpoints") || o.containsKey("server")) {
                fanout(
                        calls,
                        latency,
                        concurrency,
                        Integer.parseInt(o.getOrDefault("endpoints", "1")),
                        o.getOrDefault("server", "mock"),
                        true);
            } else {
                fanout(calls, latency, concurrency, 1, "mock", true);
                fanout(calls, latency, concurrency, 2, "mock", true);
                fanout(calls, latency, concurrency, 1, "jdk", true);
            }
        }
        if (scenario.equals("rescore") || scenario.equals("all")) {
            rescore(Integer.parseInt(o.getOrDefault("rescoreN", "200000")));
        }
        if (scenario.equals("images") || scenario.equals("all")) {
            images(
                    Integer.parseInt(o.getOrDefault("imagesN", "1280")),
                    Long.parseLong(o.getOrDefault("imageLatency", "5000")),
                    concurrency,
                    Integer.parseInt(o.getOrDefault("imageKb", "1024")));
        }
        System.out.println();
        System.out.println("==== results ====");
        TABLE.forEach(System.out::println);
        System.exit(0);
    }

    // ---------------------------------------------------------------- (a) fan-out

    static void fanout(
            long calls, long latency, int concurrency, int endpoints, String server, boolean record)
            throws Exception {
        int events = (int) (calls / endpoints);
        long totalCalls = (long) events * endpoints;
        System.out.printf(
                "%n[fanout] %d events x %d endpoint(s) = %d calls, latency %d ms, C=%d, server=%s%n",
                events, endpoints, totalCalls, latency, concurrency, server);
        List<AutoCloseable> servers = new ArrayList<>();
        List<EndpointConfig> configs = new ArrayList<>();
        List<BenchModelServer> jdkServers = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            String url;
            if (server.equals("jdk")) {
                BenchModelServer s = new BenchModelServer(latency, concurrency + 64);
                jdkServers.add(s);
                servers.add(s);
                url = s.openAiBaseUrl();
            } else {
                ModelServer s =
                        new ModelServer(q -> Reply.answer("There are 3 apples.").after(latency));
                servers.add(s);
                url = s.openAiBaseUrl();
            }
            configs.add(
                    EndpointConfig.builder("m" + i, Protocol.OPENAI, url, "bench-model")
                            .maxConcurrency(concurrency / endpoints)
                            .build());
        }
        KafkaTestCluster kafka = KafkaTestCluster.get();
        String topic = kafka.freshTopic("bench-fanout", PARTITIONS);
        produceInChunks(topic, events, i -> plainRequest(i).getBytes(StandardCharsets.UTF_8));
        String schema = TestPostgres.freshSchema();
        StoreOptions store = TestPostgres.options(schema).build();
        PipelineOptions options =
                PipelineOptions.builder(new EndpointsConfig("bench", configs, null))
                        .runId("bench")
                        .build();
        Run run =
                runJob(
                        KafkaTestCluster.get().bootstrapServers(),
                        topic,
                        options,
                        o -> StoreSink.attachJobOutputs(o, store, ""),
                        totalCalls,
                        0,
                        -1,
                        false);
        long stored = TestPostgres.count(schema, "answers");
        servers.forEach(PipelineBenchmark::closeQuietly);
        double ideal = concurrency * 1000.0 / latency;
        String serverConcurrency =
                jdkServers.isEmpty()
                        ? "n/a"
                        : String.valueOf(
                                jdkServers.stream().mapToInt(BenchModelServer::maxActive).sum());
        System.out.printf(
                "[fanout] stored %d answer rows; errors %d; max in flight (client) %d; max concurrent at server %s%n",
                stored, run.errors, run.maxInFlight, serverConcurrency);
        String line =
                String.format(
                        Locale.ROOT,
                        "fanout  server=%-4s endpoints=%d calls=%d L=%dms C=%d | job %.1f s, startup %.1f s"
                                + " | %.0f/s whole job (eff %.2f), %.0f/s first->last answer (eff %.2f),"
                                + " %.0f/s 10%%->90%% (eff %.2f) | JVM CPU %.2f of 2 cores | max in flight %d, errors %d,"
                                + " rows %d%s",
                        server,
                        endpoints,
                        totalCalls,
                        latency,
                        concurrency,
                        run.jobSeconds(),
                        run.startupSeconds(),
                        run.wholeRate(),
                        run.wholeRate() / ideal,
                        run.activeRate(),
                        run.activeRate() / ideal,
                        run.steadyRate(),
                        run.steadyRate() / ideal,
                        run.coresBusy(),
                        run.maxInFlight,
                        run.errors,
                        stored,
                        constantEventTime ? " (all events at one event time)" : "");
        if (record) {
            TABLE.add(line);
        }
        System.out.println(line);
    }

    static String plainRequest(int i) {
        return "{\"id\":\"e"
                + i
                + "\",\"ts\":\""
                + T0.plusMillis(constantEventTime ? 0 : i)
                + "\",\"category\":\"counting\",\"question\":\"How many apples are on plate "
                + i
                + "?\",\"reference\":{\"type\":\"numeric\",\"value\":3}}";
    }

    // ---------------------------------------------------------------- (b) re-scoring

    static void rescore(int n) throws Exception {
        System.out.printf("%n[rescore] %d recorded responses%n", n);
        KafkaTestCluster kafka = KafkaTestCluster.get();
        String topic = kafka.freshTopic("bench-rescore", PARTITIONS);
        long bytes = produceInChunks(topic, n, PipelineBenchmark::recordedEvent);
        // Plain consumer first and twice (the first warms the broker's page cache and the JIT).
        double consumerRate = 0;
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            long read = consumeAll(kafka.bootstrapServers(), topic, n);
            double secs = (System.nanoTime() - start) / 1e9;
            consumerRate = read / secs;
            System.out.printf(
                    "[rescore] plain KafkaConsumer round %d: %d records in %.2f s = %.0f/s%n",
                    round, read, secs, consumerRate);
        }
        PipelineOptions options =
                PipelineOptions.builder(new EndpointsConfig("none", List.of(), null))
                        .runId("rescore")
                        .build();
        Run run =
                runJob(
                        KafkaTestCluster.get().bootstrapServers(),
                        topic,
                        options,
                        o -> {
                            o.answers().sinkTo(new Discard<>()).name("discard-answers");
                            o.metrics().sinkTo(new Discard<>()).name("discard-metrics");
                            o.deadLetters().sinkTo(new Discard<>()).name("discard-dead");
                        },
                        n,
                        0,
                        -1,
                        false);
        TABLE.add(
                String.format(
                        Locale.ROOT,
                        "rescore N=%d (%.0f B/event) -> discarding sink | job %.1f s, startup %.1f s | %.0f/s whole job,"
                                + " %.0f/s first->last, %.0f/s 10%%->90%%, JVM CPU %.2f of 2 cores | plain KafkaConsumer %.0f/s |"
                                + " ratio job/consumer %.3f (whole) %.3f (first->last) | errors %d",
                        n,
                        (double) bytes / n,
                        run.jobSeconds(),
                        run.startupSeconds(),
                        run.wholeRate(),
                        run.activeRate(),
                        run.steadyRate(),
                        run.coresBusy(),
                        consumerRate,
                        run.wholeRate() / consumerRate,
                        run.activeRate() / consumerRate,
                        run.errors));
        System.out.println(TABLE.get(TABLE.size() - 1));
    }

    /** A recorded response (370 B): numeric reference, three objects, a one-sentence answer. */
    public static byte[] recordedEvent(int i) {
        return ("{\"id\":\"r"
                        + i
                        + "\",\"ts\":\""
                        + T0.plusMillis(i)
                        + "\",\"category\":\"counting\",\"question\":\"How many apples"
                        + " are on plate "
                        + i
                        + "?\",\"reference\":{\"type\":\"numeric\",\"value\":3},"
                        + "\"objects\":[\"apple\",\"plate\",\"table\"],"
                        + "\"model\":\"recorded-7b\",\"response\":{\"text\":\"There are "
                        + (i % 5)
                        + " apples on the plate, next to a red cup.\","
                        + "\"finish_reason\":\"stop\",\"latency_ms\":800,"
                        + "\"input_tokens\":900,\"output_tokens\":12}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static long consumeAll(String bootstrap, String topic, long n) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (read < n && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return read;
    }

    // ---------------------------------------------------------------- (c) heap with images

    static void images(int n, long latency, int concurrency, int imageKb) throws Exception {
        byte[] png = noisePng(imageKb * 1024);
        String base64 = Base64.getEncoder().encodeToString(png);
        System.out.printf(
                "%n[images] %d events with a %d-byte PNG (%d base64 chars), latency %d ms, C=%d%n",
                n, png.length, base64.length(), latency, concurrency);
        KafkaTestCluster kafka = KafkaTestCluster.get();
        String topic = "bench-images-" + UUID.randomUUID().toString().substring(0, 8);
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(ap)) {
            admin.createTopics(List.of(KafkaBrokerProcess.largeMessageTopic(topic, PARTITIONS)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        Thread.sleep(1000);
        long bytes =
                produceInChunks(
                        topic,
                        n,
                        i ->
                                ("{\"id\":\"img"
                                                + i
                                                + "\",\"ts\":\""
                                                + T0.plusMillis(i)
                                                + "\",\"category\":\"counting\",\"question\":\"How many apples are in"
                                                + " picture "
                                                + i
                                                + "?\",\"reference\":{\"type\":\"numeric\",\"value\":3},"
                                                + "\"image\":{\"data\":\""
                                                + base64
                                                + "\",\"mime\":\"image/png\"}}")
                                        .getBytes(StandardCharsets.UTF_8));
        System.out.printf("[images] produced %.0f MB%n", bytes / 1e6);
        BenchModelServer server = new BenchModelServer(latency, concurrency + 64);
        PipelineOptions options =
                PipelineOptions.builder(
                                new EndpointsConfig(
                                        "bench",
                                        List.of(
                                                EndpointConfig.builder(
                                                                "m0",
                                                                Protocol.OPENAI,
                                                                server.openAiBaseUrl(),
                                                                "bench-model")
                                                        .maxConcurrency(concurrency)
                                                        .build()),
                                        null))
                        .runId("images")
                        .build();
        String schema = TestPostgres.freshSchema();
        StoreOptions store = TestPostgres.options(schema).build();
        System.gc();
        long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Run run =
                runJob(
                        KafkaTestCluster.get().bootstrapServers(),
                        topic,
                        options,
                        o -> StoreSink.attachJobOutputs(o, store, ""),
                        n,
                        0,
                        -1,
                        true);
        System.gc();
        long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        server.close();
        double ideal = concurrency * 1000.0 / latency;
        List<Long> heap = new ArrayList<>(run.heapSamples);
        Collections.sort(heap);
        String heapStats =
                heap.isEmpty()
                        ? "no samples"
                        : String.format(
                                Locale.ROOT,
                                "min %d / median %d / max %d MiB over %d samples",
                                heap.get(0) >> 20,
                                heap.get(heap.size() / 2) >> 20,
                                heap.get(heap.size() - 1) >> 20,
                                heap.size());
        System.out.println("[images] heap after GC, in time order (MiB): " + run.heapTimeline());
        TABLE.add(
                String.format(
                        Locale.ROOT,
                        "images  N=%d PNG %d B L=%dms C=%d | job %.1f s | %.0f/s first->last (eff %.2f) |"
                                + " heap after System.gc() during run: %s | before job %d MiB, after job %d MiB |"
                                + " max in flight %d (server saw %d), errors %d, rows %d",
                        n,
                        png.length,
                        latency,
                        concurrency,
                        run.jobSeconds(),
                        run.activeRate(),
                        run.activeRate() / ideal,
                        heapStats,
                        baseline >> 20,
                        after >> 20,
                        run.maxInFlight,
                        server.maxActive(),
                        run.errors,
                        TestPostgres.count(schema, "answers")));
        System.out.println(TABLE.get(TABLE.size() - 1));
    }

    /** A PNG of random-noise RGB pixels of about {@code targetBytes} (noise does not compress). */
    static byte[] noisePng(int targetBytes) throws Exception {
        int side = (int) Math.sqrt(targetBytes / 3.0);
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                img.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- plumbing

    interface EventMaker {
        byte[] make(int i);
    }

    static long produceInChunks(String topic, int n, EventMaker maker) {
        long bytes = 0;
        long start = System.nanoTime();
        int chunk = 64;
        KafkaTestCluster kafka = KafkaTestCluster.get();
        for (int from = 0; from < n; from += 2000) {
            List<byte[]> values = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 2000); i++) {
                byte[] v = maker.make(i);
                bytes += v.length;
                values.add(v);
                if (v.length > 100_000 && values.size() == chunk) {
                    kafka.produce(topic, values);
                    values = new ArrayList<>();
                }
            }
            if (!values.isEmpty()) {
                kafka.produce(topic, values);
            }
        }
        System.out.printf(
                "produced %d events (%.1f MB) to %s in %.1f s%n",
                n, bytes / 1e6, topic, (System.nanoTime() - start) / 1e9);
        return bytes;
    }

    interface SinksFactory extends org.vlmeval.pipeline.JobSinks {}

    static final class Run {
        long startNanos;
        long endNanos;
        long firstNanos = -1;
        long p10Nanos = -1;
        long p90Nanos = -1;
        long lastNanos = -1;
        long expected;
        long errors;
        long maxInFlight;
        final List<Long> heapSamples = Collections.synchronizedList(new ArrayList<>());

        double jobSeconds() {
            return (endNanos - startNanos) / 1e9;
        }

        double startupSeconds() {
            return (firstNanos - startNanos) / 1e9;
        }

        double wholeRate() {
            return expected / jobSeconds();
        }

        double activeRate() {
            return expected / ((lastNanos - firstNanos) / 1e9);
        }

        long cpuStart;
        long cpuEnd;
        long otherCpuStart;
        long otherCpuEnd;

        /** When the first model call started (-1: none did), and the process CPU then. */
        long callStartNanos = -1;

        long cpuCallStart;

        /**
         * Set by the caller: answers by which the steady part ends (the final drain, when fewer
         * calls are left than the concurrency, follows); -1 for none.
         */
        long steadyAnswers = -1;

        long steadyEndNanos = -1;
        long cpuSteadyEnd;

        /**
         * Set by the caller: answers by which the steady part starts (the first wave, while the
         * job's subtasks are still starting, precedes); 0 for the first call's start.
         */
        long steadyFromAnswers;

        long steadyStartNanos = -1;
        long cpuSteadyStart;

        /** Answers per second from {@link #steadyFromAnswers} to {@link #steadyAnswers}. */
        double steadyCallsRate() {
            return (steadyAnswers - steadyFromAnswers)
                    / ((steadyEndNanos - steadyStartNanos) / 1e9);
        }

        double steadyCpuMicrosPerAnswer() {
            return (cpuSteadyEnd - cpuSteadyStart) / 1e3 / (steadyAnswers - steadyFromAnswers);
        }

        double steadyCoresBusy() {
            return (cpuSteadyEnd - cpuSteadyStart) / (double) (steadyEndNanos - steadyStartNanos);
        }

        /** Answers per second from the first call's start until {@link #steadyAnswers}. */
        double rampCallsRate() {
            return steadyAnswers / ((steadyEndNanos - callStartNanos) / 1e9);
        }

        /** Answers per second from the first call's start to the last answer. */
        double callsRate() {
            return expected / ((lastNanos - callStartNanos) / 1e9);
        }

        /** Process CPU per answer from the first call's start to the last answer, in µs. */
        double cpuMicrosPerAnswer() {
            return (cpuEnd - cpuCallStart) / 1e3 / expected;
        }

        /** Process CPU per answer from the first answer to the last, in µs. */
        /** The {@link #otherProcess}' CPU per answer from the first to the last answer, in us. */
        double otherCpuMicrosPerAnswerActive() {
            return (otherCpuEnd - otherCpuStart) / 1e3 / expected;
        }

        double cpuMicrosPerAnswerActive() {
            return (cpuEnd - cpuStart) / 1e3 / expected;
        }

        /** Process CPU used between first and last answer, in cores (2 = both cores busy). */
        double coresBusy() {
            return (cpuEnd - cpuStart) / (double) (lastNanos - firstNanos);
        }

        double steadyRate() {
            return 0.8 * expected / ((p90Nanos - p10Nanos) / 1e9);
        }

        String heapTimeline() {
            StringBuilder b = new StringBuilder();
            synchronized (heapSamples) {
                for (long h : heapSamples) {
                    b.append(h >> 20).append(' ');
                }
            }
            return b.toString().trim();
        }
    }

    /**
     * @param steadyFromAnswers answers by which the steady part starts (see {@link
     *     Run#steadyFromAnswers})
     * @param steadyAnswers answers by which the steady part ends (see {@link Run#steadyAnswers})
     */
    static Run runJob(
            String bootstrap,
            String topic,
            PipelineOptions options,
            org.vlmeval.pipeline.JobSinks sinks,
            long expected,
            long steadyFromAnswers,
            long steadyAnswers,
            boolean sampleHeap)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        KafkaInput input =
                KafkaInput.builder()
                        .bootstrapServers(bootstrap)
                        .topic(topic)
                        .groupId("bench-" + topic)
                        .startingOffsets("earliest")
                        .bounded(true)
                        .build();
        new VlmEvalJob(input.source(options.parser()), sinks, options).build(env);
        LocalProgress.reset();
        Run run = new Run();
        run.expected = expected;
        run.steadyAnswers = steadyAnswers;
        run.steadyFromAnswers = steadyFromAnswers;
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler =
                new Thread(
                        () -> {
                            long lastHeap = 0;
                            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
                            while (!done.get()) {
                                long now = System.nanoTime();
                                long answered =
                                        LocalProgress.ANSWERS.sum() + LocalProgress.ERRORS.sum();
                                run.maxInFlight =
                                        Math.max(run.maxInFlight, LocalProgress.inFlight());
                                if (run.callStartNanos < 0
                                        && LocalProgress.CALLS_STARTED.sum() > 0) {
                                    run.callStartNanos = now;
                                    run.cpuCallStart = processCpuNanos();
                                }
                                if (answered > 0 && run.firstNanos < 0) {
                                    run.firstNanos = now;
                                    run.cpuStart = processCpuNanos();
                                    run.otherCpuStart = otherCpuNanos();
                                }
                                if (run.steadyStartNanos < 0
                                        && run.callStartNanos > 0
                                        && answered >= run.steadyFromAnswers) {
                                    run.steadyStartNanos = now;
                                    run.cpuSteadyStart = processCpuNanos();
                                }
                                if (run.steadyAnswers > 0
                                        && answered >= run.steadyAnswers
                                        && run.steadyEndNanos < 0) {
                                    run.steadyEndNanos = now;
                                    run.cpuSteadyEnd = processCpuNanos();
                                }
                                if (answered >= expected / 10 && run.p10Nanos < 0) {
                                    run.p10Nanos = now;
                                }
                                if (answered >= expected * 9 / 10 && run.p90Nanos < 0) {
                                    run.p90Nanos = now;
                                }
                                if (answered >= expected && run.lastNanos < 0) {
                                    run.lastNanos = now;
                                    run.cpuEnd = processCpuNanos();
                                    run.otherCpuEnd = otherCpuNanos();
                                }
                                if (sampleHeap
                                        && now - lastHeap >= 1_000_000_000L
                                        && run.firstNanos > 0) {
                                    lastHeap = now;
                                    System.gc();
                                    run.heapSamples.add(mem.getHeapMemoryUsage().getUsed());
                                }
                                try {
                                    Thread.sleep(10);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "bench-sampler");
        sampler.setDaemon(true);
        run.startNanos = System.nanoTime();
        sampler.start();
        env.execute("bench-" + topic);
        run.endNanos = System.nanoTime();
        done.set(true);
        sampler.join();
        if (run.lastNanos < 0) {
            run.lastNanos = run.endNanos;
            run.cpuEnd = processCpuNanos();
            run.otherCpuEnd = otherCpuNanos();
        }
        run.errors = LocalProgress.ERRORS.sum();
        System.out.printf(
                "job done in %.1f s: answers %d, errors %d, events %d, dead letters %d%n",
                run.jobSeconds(),
                LocalProgress.ANSWERS.sum(),
                LocalProgress.ERRORS.sum(),
                LocalProgress.EVENTS.sum(),
                LocalProgress.DEAD_LETTERS.sum());
        return run;
    }

    private static long otherCpuNanos() {
        String name = otherProcess;
        return name == null ? 0 : RatioBench.processCpuNanos(name);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // ignore
        }
    }

    /** Drops everything. */
    static final class Discard<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {}

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
