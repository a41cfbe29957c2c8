package org.vlmeval.sources;

import org.vlmeval.model.DeadLetter;
import org.vlmeval.testing.HostileInput;
import org.vlmeval.testing.HostileRun;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input at volume, CI-sized (issue 13): {@value #COUNT} seeded hostile messages through the
 * Kafka deserializer, the source's timestamps and watermarks, the router and the JSONL reader, and
 * their images through the image loader. Nothing escapes, nothing is lost, every message is exactly
 * one valid event or one dead letter with the reason it must have. The 100,000-message run is
 * {@code org.vlmeval.bench.HostileInputBench} (docs/reliability.md).
 */
class HostileInputTest {

    static final int COUNT = 20_000;
    static final int MAX_EVENT_BYTES = 1024 * 1024;

    /** Messages made within 64 bytes of the limit (about 1 MB each), at, under and over it. */
    static final int AT_LIMIT = 40;

    @Test
    void everyHostileMessageBecomesExactlyOneEventOrDeadLetterAndNothingEscapes() throws Exception {
        HostileRun.Tally t;
        try (HostileRun run = new HostileRun(MAX_EVENT_BYTES)) {
            t =
                    run.run(
                            new HostileInput(
                                    HostileInput.DEFAULT_SEED, COUNT, MAX_EVENT_BYTES, AT_LIMIT));
        }

        assertThat(t.failures)
                .as("%d failures, by kind: %s", t.failureCount, t.failuresByKind)
                .isEmpty();
        assertThat(t.lost).isZero();
        assertThat(t.extra).isZero();
        assertThat(t.messages).isEqualTo(COUNT);
        assertThat(t.byOutcome.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(COUNT);
        // The router passed on exactly what the deserializer made, by reason.
        assertThat(t.routedByOutcome).isEqualTo(t.byOutcome);
        // Every reason occurs, and every hostile kind was generated.
        assertThat(t.byOutcome)
                .containsKeys(
                        HostileInput.QUESTION,
                        HostileInput.RECORDED,
                        DeadLetter.OVERSIZED,
                        DeadLetter.UNDECODABLE,
                        DeadLetter.INVALID_JSON,
                        DeadLetter.SCHEMA_VIOLATION,
                        DeadLetter.EMPTY);
        assertThat(t.byKind).hasSize(17);
        // Counts by reason match what each message had to become (mutations aside).
        assertThat(t.unchecked).isEqualTo(t.byKind.get("one-byte-mutation"));
        assertThat(t.byKind.get("image-refused")).isEqualTo(t.imagesRefused);
        assertThat(t.imagesRefused).isGreaterThan(100);
        assertThat(t.connectionAttempts).isZero();
        assertThat(t.jsonlLines).isGreaterThan(COUNT / 2);
    }
}
