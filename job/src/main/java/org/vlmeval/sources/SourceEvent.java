package org.vlmeval.sources;

import org.vlmeval.model.CallResult;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.Label;
import org.vlmeval.model.Question;

import java.time.Instant;

/**
 * One event as the source read it: a question to ask, a recorded answer to re-score, a label (read
 * by a labels source only), or a dead letter. Exactly one field is set. Sources parse at read time
 * so that watermarks are assigned at the source from the events' own timestamps.
 */
public record SourceEvent(
        Question question, CallResult recorded, DeadLetter deadLetter, Label label) {

    public SourceEvent {
        int set =
                (question != null ? 1 : 0)
                        + (recorded != null ? 1 : 0)
                        + (deadLetter != null ? 1 : 0)
                        + (label != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException(
                    "exactly one of question, recorded, deadLetter, label must be set");
        }
    }

    public static SourceEvent of(Question question) {
        return new SourceEvent(question, null, null, null);
    }

    public static SourceEvent of(CallResult recorded) {
        return new SourceEvent(null, recorded, null, null);
    }

    public static SourceEvent of(DeadLetter deadLetter) {
        return new SourceEvent(null, null, deadLetter, null);
    }

    public static SourceEvent of(Label label) {
        return new SourceEvent(null, null, null, label);
    }

    /**
     * The event time: the request's, a label's {@code ts}, or the arrival time of a dead letter.
     */
    public Instant eventTime() {
        if (label != null) {
            return label.ts();
        }
        if (question != null) {
            return question.eventTime();
        }
        if (recorded != null) {
            return recorded.question().eventTime();
        }
        return deadLetter.receivedAt();
    }
}
