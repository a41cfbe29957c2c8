package org.vlmeval.scoring.refusal;

/** Detects answers that decline the task, fully or partly, in English and Chinese. */
public final class RefusalDetector {

    public static RefusalDetector create() {
        return new RefusalDetector();
    }

    /**
     * @param text the answer text
     * @param finishReason the server's finish reason, may be null; {@code content_filter} is a
     *     refusal
     */
    public Refusal detect(String text, String finishReason) {
        throw new UnsupportedOperationException("RefusalDetector not written yet");
    }
}
