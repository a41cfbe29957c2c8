package org.vlmeval.journal;

import org.vlmeval.model.CallResult;
import org.vlmeval.model.Question;

import java.io.Serializable;

/**
 * A journalled outcome: what the original call returned and what it cost.
 *
 * @param model the model id the endpoint served
 * @param text the answer; null exactly when {@code errorKind} is set
 * @param finishReason the server's finish reason, or null
 * @param errorKind a repeatable error kind ({@link JournalRule#REPEATABLE_ERRORS}), or null
 * @param errorMessage the error's message, or null
 * @param latencyMs the original call's wall time
 * @param inputTokens prompt tokens reported, or null
 * @param outputTokens completion tokens reported, or null
 * @param cost the original call's cost, or null
 * @param attempts HTTP attempts of the original call
 */
public record JournalEntry(
        String model,
        String text,
        String finishReason,
        String errorKind,
        String errorMessage,
        long latencyMs,
        Integer inputTokens,
        Integer outputTokens,
        Double cost,
        int attempts)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The outcome of {@code r}. */
    public static JournalEntry of(CallResult r) {
        return new JournalEntry(
                r.model(),
                r.text(),
                r.finishReason(),
                r.errorKind(),
                r.errorMessage(),
                r.latencyMs(),
                r.inputTokens(),
                r.outputTokens(),
                r.cost(),
                r.attempts());
    }

    /** The outcome as the result of asking {@code q} at {@code endpoint}, marked reused. */
    public CallResult reusedFor(Question q, String endpoint) {
        return new CallResult(
                q,
                endpoint,
                model,
                text,
                finishReason,
                errorKind,
                errorMessage,
                latencyMs,
                inputTokens,
                outputTokens,
                cost,
                attempts,
                true);
    }
}
