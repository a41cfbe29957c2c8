package org.vlmeval.judges;

import java.util.Locale;

/**
 * Why a judge call gave no usable judgement. A judge error is never turned into a verdict: a
 * verdict the judge did not give would be a made-up label.
 */
public enum JudgeErrorKind {
    /** The call failed (timeout, HTTP error, circuit open …); {@code callError} says which. */
    CALL_FAILED,
    /** The image could not be loaded, so nothing was sent. */
    IMAGE_ERROR,
    /** The reply holds no JSON object at all. */
    NO_JSON,
    /**
     * No JSON in a reply the server cut off at {@code max_tokens} (finish reason {@code length}).
     */
    TRUNCATED,
    /** JSON, but without a {@code verdict}. */
    MISSING_VERDICT,
    /** A verdict other than correct, incorrect or unsure. */
    UNKNOWN_VERDICT,
    /** Several JSON objects with different verdicts. */
    AMBIGUOUS_VERDICT,
    /** JSON, but without an {@code objects} list. */
    MISSING_OBJECTS,
    /** An {@code objects} value that is not a list of names. */
    BAD_OBJECTS;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
