package org.vlmeval.journal;

import java.io.Serializable;

/**
 * Where the response journal lives, as the job graph carries it to the call operators, which open
 * their journal in {@code open()}: {@link PostgresJournal.Store} (the store's database) or {@link
 * KafkaJournalOptions} (a compacted Kafka topic).
 */
public interface JournalBackend extends Serializable {

    /**
     * Opens a journal for the calls of one endpoint in one subtask.
     *
     * @throws JournalRefusedException when the backend is misconfigured (asking without it would
     *     silently pay again: the job must fail)
     * @throws RuntimeException when the backend cannot be reached now
     */
    ResponseJournal open(JournalScope scope);

    /**
     * What one call operator's journal serves.
     *
     * @param endpoint the endpoint the operator calls: entries of other endpoints are not needed
     * @param run the run every event is assigned to, or null when events keep their own
     * @param retryErrors journalled errors are asked again (see {@link PostgresJournal})
     * @param owner a name for the journal's threads and clients (endpoint and subtask)
     */
    record JournalScope(String endpoint, String run, boolean retryErrors, String owner)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
