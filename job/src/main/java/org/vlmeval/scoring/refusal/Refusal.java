package org.vlmeval.scoring.refusal;

/**
 * Whether an answer declines the task.
 *
 * @param refused true for a full or partial refusal
 * @param cue what showed it (a short quote or "finish_reason=content_filter"), empty when not
 *     refused
 */
public record Refusal(boolean refused, String cue) {

    private static final Refusal NONE = new Refusal(false, "");

    public static Refusal none() {
        return NONE;
    }

    public static Refusal because(String cue) {
        return new Refusal(true, cue);
    }
}
