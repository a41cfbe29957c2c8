package org.vlmeval.testing;

import org.vlmeval.endpoints.config.ImagesConfig;
import org.vlmeval.images.ImageException;
import org.vlmeval.images.ImageLimits;
import org.vlmeval.images.ImageLoader;
import org.vlmeval.images.ImageRef;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.Question;
import org.vlmeval.pipeline.EventTimeWatermarks;
import org.vlmeval.pipeline.PipelineOptions;
import org.vlmeval.pipeline.RouteEvents;
import org.vlmeval.pipeline.VlmEvalJob;
import org.vlmeval.sources.EventParser;
import org.vlmeval.sources.JsonLinesFormat;
import org.vlmeval.sources.KafkaEventDeserializer;
import org.vlmeval.sources.SourceEvent;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.local.LocalDataInputStream;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import javax.net.SocketFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs {@link HostileInput} through the real source path: {@link KafkaEventDeserializer} on {@code
 * ConsumerRecord}s built in memory, the source's timestamp assigner and {@link
 * EventTimeWatermarks}, and {@link RouteEvents} in an operator harness; the same messages as lines
 * of a JSONL file through {@link JsonLinesFormat}'s reader; and every image a valid event refers to
 * at an internal address or outside the image root through {@link ImageLoader}, with an HTTP client
 * that records any connection attempt. Nothing escapes: every exception is counted as a failure.
 */
public final class HostileRun implements AutoCloseable {

    private static final String TOPIC = "hostile";

    /** A pixel budget, so that inline bytes are also decoded (by the downscaler) to be checked. */
    private static final ImageLimits LIMITS = new ImageLimits(1_000_000, 1_000_000L);

    private static final int JSONL_BATCH = 2_000;

    private final int maxEventBytes;
    private final EventParser parser;
    private final KafkaEventDeserializer deserializer;
    private final TimestampAssigner<SourceEvent> timestamps;
    private final EventTimeWatermarks watermarks;
    private final RouteEvents route = new RouteEvents();
    private final OneInputStreamOperatorTestHarness<SourceEvent, Question> harness;
    private final Path dir;
    private final Path imageRoot;
    private final OkHttpClient http;
    private final ImageLoader images;
    private final AtomicLong connectionAttempts = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();

    private final Tally tally = new Tally();
    private final List<byte[]> jsonlBatch = new ArrayList<>();
    private final List<String> jsonlExpected = new ArrayList<>();
    private final WatermarkOutput watermarkOutput;
    private final TypeSerializer<SourceEvent> serializer =
            TypeInformation.of(SourceEvent.class).createSerializer(new SerializerConfigImpl());
    private final DataOutputSerializer buffer = new DataOutputSerializer(4096);

    /** What a run found. */
    public static final class Tally {
        public long messages;
        public long bytes;
        public long nanos;
        public final Map<String, Long> byOutcome = new TreeMap<>();
        public final Map<String, Long> byKind = new TreeMap<>();
        public final Map<String, Long> expectedByOutcome = new TreeMap<>();
        public final Map<String, Long> routedByOutcome = new TreeMap<>();
        public long unchecked;
        public long lost;
        public long extra;
        public long jsonlLines;
        public long jsonlSkippedBlank;
        public long imagesRefused;
        public long connectionAttempts;
        public long imageCalls;
        public final List<String> failures = new ArrayList<>();
        public long failureCount;
        public final Map<String, Long> failuresByKind = new TreeMap<>();
        private final Map<String, Long> shownByKind = new TreeMap<>();

        /** Keeps the first few failures of each kind of message. */
        void fail(String message) {
            failureCount++;
            String kind = message.substring(0, Math.min(message.length(), 40));
            for (String k : HostileInput.KIND_NAMES) {
                if (message.contains(" " + k + " #")) {
                    kind = k;
                    break;
                }
            }
            failuresByKind.merge(kind, 1L, Long::sum);
            if (shownByKind.merge(kind, 1L, Long::sum) <= 3 && failures.size() < 60) {
                failures.add(message);
            }
        }

        public long deadLetters() {
            return byOutcome.entrySet().stream()
                    .filter(e -> !e.getKey().equals(HostileInput.QUESTION))
                    .filter(e -> !e.getKey().equals(HostileInput.RECORDED))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        public double messagesPerSecond() {
            return messages / (nanos / 1e9);
        }
    }

    public HostileRun(int maxEventBytes) throws Exception {
        this.maxEventBytes = maxEventBytes;
        PipelineOptions options =
                PipelineOptions.defaults().toBuilder().maxEventBytes(maxEventBytes).build();
        this.parser = options.parser();
        this.deserializer = new KafkaEventDeserializer(parser);
        this.timestamps = VlmEvalJob.watermarks(options).createTimestampAssigner(null);
        this.watermarks = new EventTimeWatermarks(options.maxOutOfOrderness());
        this.harness = ProcessFunctionTestHarnesses.forProcessFunction(route);
        this.watermarkOutput =
                new WatermarkOutput() {
                    @Override
                    public void emitWatermark(
                            org.apache.flink.api.common.eventtime.Watermark watermark) {
                        try {
                            harness.processWatermark(watermark.getTimestamp());
                        } catch (Exception e) {
                            tally.fail("watermark " + watermark + ": " + e);
                        }
                    }

                    @Override
                    public void markIdle() {}

                    @Override
                    public void markActive() {}
                };
        this.dir = Files.createTempDirectory("hostile");
        this.imageRoot = Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(imageRoot.resolve("img"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.write(outside.resolve("passwd"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.createSymbolicLink(imageRoot.resolve(HostileInput.SYMLINK_DIR), outside);
        Files.createSymbolicLink(
                imageRoot.resolve(HostileInput.SYMLINK_FILE), outside.resolve("passwd"));
        this.http =
                new OkHttpClient.Builder()
                        .socketFactory(new RefusingSocketFactory())
                        .eventListener(
                                new EventListener() {
                                    @Override
                                    public void callStart(Call call) {
                                        calls.incrementAndGet();
                                    }

                                    @Override
                                    public void connectStart(
                                            Call call, InetSocketAddress address, Proxy proxy) {
                                        connectionAttempts.incrementAndGet();
                                    }
                                })
                        .build();
        this.images = new ImageLoader(new ImagesConfig(imageRoot.toString(), List.of()), http);
    }

    /** Runs the messages; call {@link #tally()} after. */
    public Tally run(Iterator<HostileInput.Message> messages) {
        long start = System.nanoTime();
        long offset = 0;
        while (messages.hasNext()) {
            HostileInput.Message m = messages.next();
            one(m, offset++);
        }
        flushJsonl();
        tally.nanos += System.nanoTime() - start;
        tally.connectionAttempts = connectionAttempts.get();
        tally.imageCalls = calls.get();
        return tally;
    }

    public Tally tally() {
        return tally;
    }

    private void one(HostileInput.Message m, long offset) {
        tally.messages++;
        tally.bytes += m.value() == null ? 0 : m.value().length;
        tally.byKind.merge(m.kind(), 1L, Long::sum);
        String where = m.kind() + " #" + offset + " " + show(m.value());
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>(
                        TOPIC,
                        0,
                        offset,
                        // Some records without a timestamp (clients before Kafka 0.10), some at 0.
                        offset % 97 == 0 ? -1 : offset % 89 == 0 ? 0 : 1_795_000_000_000L + offset,
                        offset % 97 == 0
                                ? TimestampType.NO_TIMESTAMP_TYPE
                                : TimestampType.CREATE_TIME,
                        -1,
                        m.value() == null ? -1 : m.value().length,
                        null,
                        m.value(),
                        new RecordHeaders(),
                        Optional.empty());
        List<SourceEvent> out = new ArrayList<>(1);
        try {
            deserializer.deserialize(record, new ListCollector<>(out));
        } catch (Throwable e) {
            tally.fail("deserializer threw on " + where + ": " + e);
            tally.lost++;
            return;
        }
        if (out.size() != 1) {
            tally.fail(out.size() + " events from " + where);
            if (out.isEmpty()) {
                tally.lost++;
                return;
            }
            tally.extra += out.size() - 1;
        }
        SourceEvent event = out.get(0);
        String outcome = outcome(event);
        tally.byOutcome.merge(outcome, 1L, Long::sum);
        if (m.expected() == null) {
            tally.unchecked++;
        } else {
            tally.expectedByOutcome.merge(m.expected(), 1L, Long::sum);
            if (!m.expected().equals(outcome)) {
                tally.fail(
                        "expected " + m.expected() + ", got " + describe(event) + " for " + where);
            }
        }
        route(event, outcome, where);
        passOn(event, where);
        if (m.imageRefused() && event.deadLetter() == null) {
            image(event, where);
        }
        if (m.value() != null && jsonlCompatible(m.value())) {
            jsonlBatch.add(m.value());
            jsonlExpected.add(outcome);
            if (jsonlBatch.size() >= JSONL_BATCH) {
                flushJsonl();
            }
        }
    }

    /** The source's timestamp and watermark, then the router: exactly one output, the right one. */
    private void route(SourceEvent event, String outcome, String where) {
        try {
            long ts = timestamps.extractTimestamp(event, Long.MIN_VALUE);
            harness.processElement(event, ts);
            watermarks.onEvent(event, ts, watermarkOutput);
        } catch (Throwable e) {
            tally.fail("source timestamps or router threw on " + where + ": " + e);
            tally.lost++;
            return;
        }
        List<String> routed = new ArrayList<>(1);
        Queue<Object> main = harness.getOutput();
        for (Object o; (o = main.poll()) != null; ) {
            if (o instanceof StreamRecord<?>) {
                routed.add(HostileInput.QUESTION);
            }
        }
        drain(harness.getSideOutput(RouteEvents.RECORDED), routed, r -> HostileInput.RECORDED);
        drain(harness.getSideOutput(RouteEvents.DEAD_LETTERS), routed, DeadLetter::reason);
        if (routed.size() != 1 || !routed.get(0).equals(outcome)) {
            tally.fail("router gave " + routed + " for " + outcome + " from " + where);
            if (routed.isEmpty()) {
                tally.lost++;
            }
        } else {
            tally.routedByOutcome.merge(outcome, 1L, Long::sum);
        }
    }

    /**
     * What happens to the event next: Flink's serializer (between operators, and a copy even when
     * chained) must give it back unchanged, and a dead letter must be writable as the dead-letter
     * topic's JSON.
     */
    private void passOn(SourceEvent event, String where) {
        try {
            buffer.clear();
            serializer.serialize(event, buffer);
            SourceEvent back =
                    serializer.deserialize(
                            new DataInputDeserializer(
                                    buffer.getSharedBuffer(), 0, buffer.length()));
            if (!back.equals(event)) {
                tally.fail("Flink's serializer changed the event from " + where);
            }
            if (event.deadLetter() != null) {
                JsonCodec.MAPPER.writeValueAsBytes(event.deadLetter());
            }
        } catch (Throwable e) {
            tally.fail("passing on the event threw on " + where + ": " + e);
        }
    }

    private static <T> void drain(
            Queue<StreamRecord<T>> queue,
            List<String> routed,
            java.util.function.Function<T, String> label) {
        if (queue == null) {
            return;
        }
        for (StreamRecord<T> r; (r = queue.poll()) != null; ) {
            routed.add(label.apply(r.getValue()));
        }
    }

    /** The loader must refuse the image with an {@link ImageException}, connecting nowhere. */
    private void image(SourceEvent event, String where) {
        Question q = event.question() != null ? event.question() : event.recorded().question();
        ImageRef ref;
        try {
            ref = JsonCodec.decodeValidatedRequest(q.requestJson()).image();
        } catch (Exception e) {
            tally.fail("cannot decode the request of " + where + ": " + e);
            return;
        }
        long before = connectionAttempts.get();
        try {
            images.load(ref, LIMITS, Duration.ofSeconds(2));
            tally.fail("image loaded, not refused: " + ref + " from " + where);
        } catch (ImageException e) {
            tally.imagesRefused++;
        } catch (Throwable e) {
            tally.fail("image loader threw " + e + " for " + ref + " from " + where);
        }
        if (connectionAttempts.get() != before) {
            tally.fail("image loader tried to connect for " + ref + " from " + where);
        }
    }

    /**
     * Lines a JSONL file can hold unchanged: no line break inside. (A leading BOM is dropped on
     * line 1 only, which is always a plain event here.)
     */
    private static boolean jsonlCompatible(byte[] value) {
        for (byte b : value) {
            if (b == '\n' || b == '\r') {
                return false;
            }
        }
        return true;
    }

    private static final byte[] FIRST_LINE =
            "{\"id\":\"first\",\"question\":\"q\"}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** The batch as a JSONL file, read back: each line the same outcome as from Kafka. */
    private void flushJsonl() {
        if (jsonlBatch.isEmpty()) {
            return;
        }
        Path file = dir.resolve("batch.jsonl");
        try {
            try (OutputStream o = Files.newOutputStream(file)) {
                o.write(FIRST_LINE);
                for (byte[] line : jsonlBatch) {
                    o.write('\n');
                    o.write(line);
                }
            }
            JsonLinesFormat format = new JsonLinesFormat(parser, "batch.jsonl", Instant::now);
            long len = Files.size(file);
            List<String> got = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            try (StreamFormat.Reader<SourceEvent> reader =
                    format.createReader(
                            new Configuration(),
                            new LocalDataInputStream(file.toFile()),
                            len,
                            len)) {
                for (SourceEvent e; (e = reader.read()) != null; ) {
                    got.add(outcome(e));
                    lines.add(line(e));
                }
            }
            // Line 1 is FIRST_LINE; line k + 2 is batch entry k. Blank lines are skipped.
            int g = 1;
            for (int k = 0; k < jsonlBatch.size(); k++) {
                long lineNo = k + 2;
                if (g < got.size() && lines.get(g) == lineNo) {
                    tally.jsonlLines++;
                    if (!got.get(g).equals(jsonlExpected.get(k))) {
                        tally.fail(
                                "JSONL line gave "
                                        + got.get(g)
                                        + ", Kafka "
                                        + jsonlExpected.get(k)
                                        + ": "
                                        + show(jsonlBatch.get(k)));
                    }
                    g++;
                } else if (asciiBlank(jsonlBatch.get(k))
                        && jsonlExpected.get(k).equals(DeadLetter.EMPTY)) {
                    tally.jsonlSkippedBlank++;
                } else {
                    tally.fail("JSONL lost line " + lineNo + ": " + show(jsonlBatch.get(k)));
                    tally.lost++;
                }
            }
            if (g != got.size()) {
                tally.fail("JSONL gave " + (got.size() - g) + " events too many");
            }
        } catch (Throwable e) {
            tally.fail("JSONL reader threw: " + e);
        } finally {
            jsonlBatch.clear();
            jsonlExpected.clear();
        }
    }

    private static long line(SourceEvent e) {
        String position =
                e.deadLetter() != null
                        ? e.deadLetter().position()
                        : e.question() != null
                                ? e.question().position()
                                : e.recorded().question().position();
        return Long.parseLong(position.substring(position.lastIndexOf(':') + 1));
    }

    private static boolean asciiBlank(byte[] value) {
        for (byte c : value) {
            if (c != ' ' && c != '\t' && c != '\f' && c != 0x0B) {
                return false;
            }
        }
        return true;
    }

    /** {@link HostileInput#QUESTION}, {@link HostileInput#RECORDED} or the dead letter's reason. */
    public static String outcome(SourceEvent e) {
        if (e.question() != null) {
            return HostileInput.QUESTION;
        }
        if (e.recorded() != null) {
            return HostileInput.RECORDED;
        }
        return e.deadLetter().reason();
    }

    private static String describe(SourceEvent e) {
        if (e.deadLetter() != null) {
            String d = e.deadLetter().detail();
            return e.deadLetter().reason()
                    + " ("
                    + (d.length() > 200 ? d.substring(0, 200) : d)
                    + ")";
        }
        return outcome(e);
    }

    private static String show(byte[] value) {
        if (value == null) {
            return "<tombstone>";
        }
        String text = DeadLetter.preview(value, Math.min(value.length, 300));
        return "["
                + value.length
                + " bytes] "
                + (text.length() > 300 ? text.substring(0, 300) : text);
    }

    @Override
    public void close() throws Exception {
        harness.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException e) {
                                    // a temp dir; left behind at worst
                                }
                            });
        }
    }

    /** Any connection the image loader tries fails here, and is counted by the event listener. */
    private static final class RefusingSocketFactory extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            throw new IOException("hostile-input run: no connections");
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return createSocket();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort)
                throws IOException {
            return createSocket();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return createSocket();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort)
                throws IOException {
            return createSocket();
        }
    }
}
