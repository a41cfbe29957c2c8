package org.vlmeval.journal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Outcomes of paid calls by {@link JournalKey}. Both operations are asynchronous and never block
 * the caller; neither future completes exceptionally for a database's sake: a failed lookup is
 * reported as a failure the caller treats as a miss, a failed append likewise (the outcome is
 * passed on anyway, only a later re-run would pay again).
 */
public interface ResponseJournal extends AutoCloseable {

    /**
     * The outcome journalled under {@code key}, or empty. Fails when the journal is unreachable.
     */
    CompletableFuture<Optional<JournalEntry>> lookup(JournalKey key);

    /**
     * Journals {@code entry} under {@code key}; the future completes once it is durable (committed)
     * or fails when it could not be written. The first entry of a key stays (except in {@link
     * PostgresJournal}'s retry-errors mode, where a later entry replaces a journalled error).
     */
    CompletableFuture<Void> append(JournalKey key, JournalEntry entry);

    @Override
    void close();
}
