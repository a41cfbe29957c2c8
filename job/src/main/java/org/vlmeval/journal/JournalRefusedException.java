package org.vlmeval.journal;

/**
 * The journal's backend is configured so that it cannot keep outcomes (a Kafka topic that is not
 * compacted): unlike an unreachable backend, this does not pass by itself, so the job fails with
 * this message instead of paying for every call again unnoticed.
 */
public final class JournalRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JournalRefusedException(String message) {
        super(message);
    }
}
