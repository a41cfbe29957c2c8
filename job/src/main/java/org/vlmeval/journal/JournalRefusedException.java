package org.vlmeval.journal;

/**
 * The journal's backend is configured so that it cannot keep outcomes (a Kafka topic that is not
 * compacted): unlike an unreachable backend, this does not pass by itself, so the job is refused at
 * submission (a configuration error: {@code vlm-eval run} exits 78), or fails if it happens later,
 * instead of paying for every call again unnoticed.
 */
public final class JournalRefusedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public JournalRefusedException(String message) {
        super(message);
    }
}
