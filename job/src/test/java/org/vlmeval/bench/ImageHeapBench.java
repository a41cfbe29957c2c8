package org.vlmeval.bench;

import org.vlmeval.endpoints.EndpointClient;
import org.vlmeval.endpoints.EndpointClients;
import org.vlmeval.endpoints.ModelAnswer;
import org.vlmeval.endpoints.ModelQuestion;
import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.endpoints.config.ImagesConfig;
import org.vlmeval.endpoints.config.Protocol;
import org.vlmeval.images.ImageRef;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heap held by the endpoint client per image in flight: C calls with an inline image of B bytes are
 * kept waiting at a slow {@link SimulatedModelServer} in another process, and the used heap after a
 * full GC is compared with two baselines: before the questions exist, and with the questions (the
 * events' base64 text, which the job's async operator holds anyway) but no call. Prints {@code heap
 * ...} lines; part of {@link RatioBench}, or alone:
 *
 * <pre>java -cp ... org.vlmeval.bench.ImageHeapBench [C=256] [imageKb=1024]</pre>
 */
public final class ImageHeapBench {

    private ImageHeapBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = RatioBench.options(args);
        run(
                        Integer.parseInt(o.getOrDefault("C", "256")),
                        Integer.parseInt(o.getOrDefault("imageKb", "1024")),
                        Boolean.parseBoolean(o.getOrDefault("canonical", "true")))
                .forEach(System.out::println);
        System.exit(0);
    }

    /**
     * @param canonical whether the events' base64 text is the encoder's own (else it ends in a line
     *     break, which the client cannot send as it is: it keeps the decoded bytes instead)
     */
    static List<String> run(int concurrency, int imageKb, boolean canonical) throws Exception {
        byte[] png = PipelineBenchmark.noisePng(imageKb * 1024);
        String base64 = Base64.getEncoder().encodeToString(png) + (canonical ? "" : "\n");
        long latencyMs = 120_000;
        List<String> lines = new ArrayList<>();
        try (SimulatedModelServer.Handle server = SimulatedModelServer.start(latencyMs, "512m")) {
            EndpointConfig endpoint =
                    EndpointConfig.builder("heap", Protocol.OPENAI, server.baseUrl(), "bench")
                            .maxConcurrency(concurrency)
                            .timeout(Duration.ofMillis(latencyMs * 2))
                            .build();
            try (EndpointClients clients =
                    EndpointClients.create(
                            new EndpointsConfig("bench", List.of(endpoint), ImagesConfig.DEFAULT),
                            Map.of())) {
                EndpointClient client = clients.client("heap");
                // One warm-up call with the image, so that classes and pools exist in the baseline.
                server.latency(0);
                client.ask(question(-1, base64)).get(60, TimeUnit.SECONDS);
                server.latency(latencyMs);
                long empty = usedAfterGc();
                // Each event's base64 text is its own string, as after deserializing each record.
                List<ModelQuestion> questions = new ArrayList<>();
                for (int i = 0; i < concurrency; i++) {
                    questions.add(question(i, new String(base64.toCharArray())));
                }
                long withEvents = usedAfterGc();
                server.reset();
                List<CompletableFuture<ModelAnswer>> calls = new ArrayList<>();
                for (ModelQuestion q : questions) {
                    calls.add(client.ask(q));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (server.stats()[0] < concurrency && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                long[] stats = server.stats();
                long inFlight = usedAfterGc();
                double imageTotal = (double) concurrency * png.length;
                lines.add(
                        String.format(
                                Locale.ROOT,
                                "heap  C=%d image=%d B (base64 %d chars%s): server received %d bodies (%d MB),"
                                        + " %d in flight at the server | used heap after GC: %d MiB before the"
                                        + " questions, %d MiB with the questions, %d MiB with all calls in flight",
                                concurrency,
                                png.length,
                                base64.length(),
                                canonical ? "" : ", not canonical: ends in a line break",
                                stats[0],
                                stats[3] >> 20,
                                stats[1],
                                empty >> 20,
                                withEvents >> 20,
                                inFlight >> 20));
                lines.add(
                        String.format(
                                Locale.ROOT,
                                "heap per image in flight, events included = %.2f x image bytes"
                                        + " (target <= 2.5)%s",
                                (inFlight - empty) / imageTotal,
                                canonical ? "" : " (not canonical base64)"));
                lines.add(
                        String.format(
                                Locale.ROOT,
                                "heap per image in flight, client only (beyond the events) = %.2f x image"
                                        + " bytes%s",
                                (inFlight - withEvents) / imageTotal,
                                canonical ? "" : " (not canonical base64)"));
                questions.clear();
                calls.forEach(c -> c.cancel(true));
            }
        }
        return lines;
    }

    private static ModelQuestion question(int i, String base64) {
        return new ModelQuestion(
                "img" + i, ImageRef.ofData(base64, "image/png"), "How many apples?");
    }

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
