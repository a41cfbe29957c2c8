package org.vlmeval.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * A one-node KRaft Kafka broker ({@code kafka.Kafka}) in a process of its own, for the benchmark:
 * its CPU is not the job's. The classpath is the one {@code chaos/kafka-broker} resolves ({@code
 * mvn -o -q -f chaos/pom.xml generate-resources} writes it to {@code
 * chaos/kafka-broker/target/classpath.txt}). Data lives in a temporary directory, deleted by the
 * operating system's tmp cleaning only: the runs are small.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Process process;
    private final String bootstrap;
    private final Admin admin;

    private KafkaBrokerProcess(Process process, String bootstrap) {
        this.process = process;
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(p);
    }

    public static KafkaBrokerProcess start(Path classpathFile) throws Exception {
        int port = freePort();
        int controller = freePort();
        Path dir = Files.createTempDirectory("bench-kafka");
        Map<String, String> conf = new TreeMap<>();
        conf.put("process.roles", "broker,controller");
        conf.put("node.id", "1");
        conf.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
        conf.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller);
        conf.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        conf.put("controller.listener.names", "CONTROLLER");
        conf.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        conf.put("inter.broker.listener.name", "PLAINTEXT");
        conf.put("log.dirs", dir.resolve("data").toString());
        conf.put("offsets.topic.replication.factor", "1");
        conf.put("offsets.topic.num.partitions", "1");
        conf.put("transaction.state.log.replication.factor", "1");
        conf.put("transaction.state.log.min.isr", "1");
        conf.put("group.initial.rebalance.delay.ms", "0");
        conf.put("message.max.bytes", String.valueOf(16 << 20));
        StringBuilder text = new StringBuilder();
        conf.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path props = dir.resolve("server.properties");
        Files.writeString(props, text);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> base =
                List.of(java, "-Xmx512m", "-cp", Files.readString(classpathFile).trim());
        Process f =
                new ProcessBuilder(storageFormatCommand(base, props))
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("format.log").toFile())
                        .start();
        if (!f.waitFor(2, TimeUnit.MINUTES) || f.exitValue() != 0) {
            throw new IOException("kafka storage format failed: see " + dir.resolve("format.log"));
        }
        List<String> broker = new ArrayList<>(base);
        broker.addAll(List.of("kafka.Kafka", props.toString()));
        Process p =
                new ProcessBuilder(broker)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("broker.log").toFile())
                        .start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        KafkaBrokerProcess kafka = new KafkaBrokerProcess(p, "127.0.0.1:" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                kafka.admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                break;
            } catch (Exception e) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    kafka.close();
                    throw new IOException("kafka broker did not start: see " + dir, e);
                }
                Thread.sleep(500);
            }
        }
        return kafka;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public String freshTopic(String prefix, int partitions) throws Exception {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createTopics(List.of(largeMessageTopic(name, partitions)))
                .all()
                .get(30, TimeUnit.SECONDS);
        return name;
    }

    /** A topic that takes records of up to 16 MiB (events with inline images). */
    public static NewTopic largeMessageTopic(String name, int partitions) {
        return new NewTopic(name, partitions, (short) 1)
                .configs(Map.of("max.message.bytes", String.valueOf(16 << 20)));
    }

    /** {@code base} (java and its options) running the storage format of a KRaft log dir. */
    public static List<String> storageFormatCommand(List<String> base, Path props) {
        List<String> format = new ArrayList<>(base);
        format.addAll(
                List.of(
                        "kafka.tools.StorageTool",
                        "format",
                        "--cluster-id",
                        Uuid.randomUuid().toString(),
                        "--config",
                        props.toString()));
        return format;
    }

    /**
     * Writes {@code n} values made by {@code maker}, one request in flight at a time (under heavy
     * load, an idempotent producer with five in flight lost batches to out-of-order sequence
     * errors); returns the bytes written.
     *
     * @throws IOException when any record was not written
     */
    public long produce(String topic, int n, IntFunction<byte[]> maker) throws IOException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(16 << 20));
        AtomicReference<Exception> failed = new AtomicReference<>();
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                byte[] v = maker.apply(i);
                bytes += v.length;
                producer.send(
                        new ProducerRecord<>(topic, v),
                        (meta, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IOException("producing to " + topic + " failed", failed.get());
        }
        return bytes;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        admin.close();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
