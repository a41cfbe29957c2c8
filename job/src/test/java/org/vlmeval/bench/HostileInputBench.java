package org.vlmeval.bench;

import org.vlmeval.pipeline.PipelineOptions;
import org.vlmeval.testing.HostileInput;
import org.vlmeval.testing.HostileRun;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Hostile input at volume (issue 13; docs/reliability.md): seeded hostile messages through the
 * Kafka deserializer, the source's timestamps, the router, the JSONL reader and the image loader.
 * Prints counts by outcome and by kind, and the throughput; exits 1 if anything escaped, was lost
 * or had the wrong outcome.
 *
 * <pre>
 * mvn -o -pl job -am -Pbench test -Dbench.main=org.vlmeval.bench.HostileInputBench \
 *     -Dbench.args="100000 20261204 10485760 100"
 * </pre>
 *
 * Arguments: message count (100000), seed ({@value HostileInput#DEFAULT_SEED}), the size limit in
 * bytes (the job's default, 10 MiB), and how many messages are made near it (100).
 */
public final class HostileInputBench {

    private HostileInputBench() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : HostileInput.DEFAULT_SEED;
        int limit =
                args.length > 2
                        ? Integer.parseInt(args[2])
                        : PipelineOptions.DEFAULT_MAX_EVENT_BYTES;
        int atLimit = args.length > 3 ? Integer.parseInt(args[3]) : 100;

        System.out.printf(
                "hostile input: %d messages, seed %d, max_event_bytes %d, at most %d near the limit, %s%n",
                count, seed, limit, atLimit, Instant.now());
        HostileRun.Tally t;
        try (HostileRun run = new HostileRun(limit)) {
            t = run.run(new HostileInput(seed, count, limit, atLimit));
        }
        System.out.println();
        System.out.println("| outcome | messages | routed |");
        System.out.println("|---|---:|---:|");
        for (Map.Entry<String, Long> e : t.byOutcome.entrySet()) {
            System.out.printf(
                    "| %s | %d | %d |%n",
                    e.getKey(), e.getValue(), t.routedByOutcome.getOrDefault(e.getKey(), 0L));
        }
        System.out.printf("| **total** | %d | %d |%n", sum(t.byOutcome), sum(t.routedByOutcome));
        System.out.println();
        System.out.println("| kind | messages |");
        System.out.println("|---|---:|");
        t.byKind.forEach((k, v) -> System.out.printf("| %s | %d |%n", k, v));
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "messages: %d (%d checked against their expected outcome, %d random mutations"
                        + " unchecked)%n",
                t.messages,
                t.messages - t.unchecked,
                t.unchecked);
        System.out.printf(
                "valid events: %d, dead letters: %d%n",
                t.messages - t.deadLetters() - t.lost, t.deadLetters());
        System.out.printf(
                "JSONL: %d lines read back with the same outcome, %d blank lines skipped%n",
                t.jsonlLines, t.jsonlSkippedBlank);
        System.out.printf(
                "images: %d refused by the loader, %d calls started, %d connection attempts%n",
                t.imagesRefused, t.imageCalls, t.connectionAttempts);
        System.out.printf("lost: %d, extra: %d, failures: %d%n", t.lost, t.extra, t.failureCount);
        System.out.printf(
                Locale.ROOT,
                "time: %.1f s, %.0f messages/s, %.1f MB/s (%.1f MB)%n",
                t.nanos / 1e9,
                t.messagesPerSecond(),
                t.bytes / 1e6 / (t.nanos / 1e9),
                t.bytes / 1e6);
        if (t.failureCount > 0) {
            System.out.println("FAILURES by kind: " + t.failuresByKind);
            t.failures.forEach(f -> System.out.println("  " + f));
            System.exit(1);
        }
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
