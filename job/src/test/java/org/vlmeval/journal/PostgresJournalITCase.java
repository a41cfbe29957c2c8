package org.vlmeval.journal;

import org.vlmeval.store.StoreOptions;
import org.vlmeval.testing.TestPostgres;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PostgresJournal} against a real PostgreSQL. */
class PostgresJournalITCase {

    static JournalKey key(String request) {
        return new JournalKey("run", request, "ep", 0, "f".repeat(64));
    }

    static final JournalEntry ANSWER =
            new JournalEntry("m", "4 apples\u0000.", "stop", null, null, 1234, 100, 7, 0.0125, 2);

    /** {@link #ANSWER} as stored: PostgreSQL text holds no NUL. */
    static final JournalEntry STORED_ANSWER =
            new JournalEntry("m", "4 apples\uFFFD.", "stop", null, null, 1234, 100, 7, 0.0125, 2);

    static final JournalEntry ERROR =
            new JournalEntry("m", null, null, "client_error", "HTTP 400", 50, null, null, null, 1);

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void readsBackWhatItAppendedAndNothingElse() throws Exception {
        String schema = TestPostgres.freshSchema();
        try (PostgresJournal journal = PostgresJournal.open(TestPostgres.options(schema).build())) {
            get(journal.append(key("a"), ANSWER));
            get(journal.append(key("e"), ERROR));

            assertThat(get(journal.lookup(key("a")))).contains(STORED_ANSWER);
            assertThat(get(journal.lookup(key("e")))).contains(ERROR);
            assertThat(get(journal.lookup(key("missing")))).isEmpty();
            assertThat(get(journal.lookup(new JournalKey("run", "a", "ep", 0, "0".repeat(64)))))
                    .as("another prompt")
                    .isEmpty();
            assertThat(get(journal.lookup(new JournalKey("run", "a", "other", 0, "f".repeat(64)))))
                    .as("another endpoint")
                    .isEmpty();
            assertThat(get(journal.lookup(new JournalKey("run2", "a", "ep", 0, "f".repeat(64)))))
                    .as("another run")
                    .isEmpty();
            assertThat(get(journal.lookup(new JournalKey("run", "a", "ep", 1, "f".repeat(64)))))
                    .as("another sample")
                    .isEmpty();
            assertThat(journal.hits()).isEqualTo(2);
            assertThat(journal.failures()).isZero();
        }
    }

    @Test
    void theFirstOutcomeOfAKeyStays() throws Exception {
        String schema = TestPostgres.freshSchema();
        try (PostgresJournal journal = PostgresJournal.open(TestPostgres.options(schema).build())) {
            get(journal.append(key("a"), ERROR));
            get(journal.append(key("a"), ANSWER));

            assertThat(get(journal.lookup(key("a")))).contains(ERROR);
            assertThat(TestPostgres.count(schema, "response_journal")).isEqualTo(1);
        }
    }

    @Test
    void retryingErrorsIgnoresAndReplacesJournalledErrorsButNotAnswers() throws Exception {
        String schema = TestPostgres.freshSchema();
        StoreOptions options = TestPostgres.options(schema).build();
        try (PostgresJournal first = PostgresJournal.open(options)) {
            get(first.append(key("a"), ANSWER));
            get(first.append(key("e"), ERROR));
            get(first.append(key("e2"), ERROR));
        }
        JournalEntry otherError =
                new JournalEntry(
                        "m", null, null, "bad_response", "unreadable", 9, null, null, null, 1);
        try (PostgresJournal retry = PostgresJournal.open(options, true)) {
            assertThat(retry.retryErrors()).isTrue();
            assertThat(get(retry.lookup(key("a")))).contains(STORED_ANSWER);
            assertThat(get(retry.lookup(key("e")))).as("an error is a miss").isEmpty();
            get(retry.append(key("e"), STORED_ANSWER));
            get(retry.append(key("e2"), otherError));
            get(retry.append(key("a"), ERROR));
            // Two outcomes of one key in one batch: the first is written.
            CompletableFuture<Void> n1 = retry.append(key("n"), ANSWER);
            CompletableFuture<Void> n2 = retry.append(key("n"), ERROR);
            get(n1);
            get(n2);
        }
        try (PostgresJournal plain = PostgresJournal.open(options)) {
            assertThat(get(plain.lookup(key("e")))).as("replaced").contains(STORED_ANSWER);
            assertThat(get(plain.lookup(key("e2")))).as("replaced").contains(otherError);
            assertThat(get(plain.lookup(key("a")))).as("an answer stays").contains(STORED_ANSWER);
            assertThat(get(plain.lookup(key("n")))).contains(STORED_ANSWER);
        }
        assertThat(TestPostgres.count(schema, "response_journal")).isEqualTo(4);
    }

    @Test
    void appendsAreGroupCommittedInBoundedBatchesAndLookupsAreFast() throws Exception {
        String schema = TestPostgres.freshSchema();
        int n = 2000;
        try (PostgresJournal journal = PostgresJournal.open(TestPostgres.options(schema).build())) {
            List<CompletableFuture<Void>> appends = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                appends.add(journal.append(key("q" + i), ANSWER));
            }
            get(CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)));
            long appendNanos = System.nanoTime() - t0;

            assertThat(TestPostgres.count(schema, "response_journal")).isEqualTo(n);
            assertThat(journal.batches())
                    .as("batches of at most %d rows", PostgresJournal.MAX_BATCH)
                    .isBetween((long) n / PostgresJournal.MAX_BATCH, (long) n - 1);

            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                assertThat(get(journal.lookup(key("q" + i)))).isPresent();
            }
            long lookupNanos = System.nanoTime() - t0;
            System.out.printf(
                    "PostgresJournalITCase: %d appends in %d batches, %.1f µs/append;"
                            + " sequential lookups %.1f µs each%n",
                    n, journal.batches(), appendNanos / 1000.0 / n, lookupNanos / 1000.0 / n);
        }
    }

    @Test
    void aLostConnectionFailsFastThenReconnects() throws Exception {
        String schema = TestPostgres.freshSchema();
        StoreOptions options = TestPostgres.options(schema).build();
        try (PostgresJournal journal = PostgresJournal.open(options)) {
            get(journal.append(key("a"), ANSWER));
            assertThat(TestPostgres.terminate(options.applicationName() + "-journal")).isEqualTo(1);

            assertThatThrownBy(() -> get(journal.lookup(key("a"))))
                    .hasCauseInstanceOf(IllegalStateException.class);
            // Cooling down: fails at once, without a connection attempt.
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> get(journal.append(key("b"), ANSWER)))
                    .hasRootCauseMessage("unavailable for a while after a failure");
            assertThat(System.nanoTime() - t0).isLessThan(PostgresJournal.COOL_DOWN.toNanos());
            assertThat(journal.failures()).isEqualTo(2);

            // After the cool-down it reconnects by itself.
            long deadline = System.nanoTime() + 10 * PostgresJournal.COOL_DOWN.toNanos();
            Optional<JournalEntry> found = Optional.empty();
            while (found.isEmpty() && System.nanoTime() < deadline) {
                try {
                    found = get(journal.lookup(key("a")));
                } catch (ExecutionException stillCoolingDown) {
                    Thread.onSpinWait();
                }
            }
            assertThat(found).contains(STORED_ANSWER);
        }
    }

    @Test
    void aClosedJournalFailsItsCallers() {
        String schema = TestPostgres.freshSchema();
        PostgresJournal journal = PostgresJournal.open(TestPostgres.options(schema).build());
        journal.close();

        assertThatThrownBy(() -> journal.lookup(key("a")).join())
                .isInstanceOf(CompletionException.class);
        assertThatThrownBy(() -> journal.append(key("a"), ANSWER).join())
                .isInstanceOf(CompletionException.class);
        assertThat(journal.lookup(key("a")).isCompletedExceptionally()).isTrue();
    }
}
