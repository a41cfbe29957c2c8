package org.vlmeval.endpoints;

import org.vlmeval.images.ImageRef;

import java.io.Serializable;
import java.util.Objects;

/**
 * One question to a model.
 *
 * @param requestId the caller's id, carried into logs so a call can be traced
 * @param image the image the question is about; null for a text-only question
 * @param text the question
 * @param sample which of the question's repeated samples this is (0 for the first or only one); a
 *     recorded endpoint plays back the recording of that sample
 */
public record ModelQuestion(String requestId, ImageRef image, String text, int sample)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The first (or only) sample of a question. */
    public ModelQuestion(String requestId, ImageRef image, String text) {
        this(requestId, image, text, 0);
    }

    public ModelQuestion {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(text, "text");
        if (sample < 0) {
            throw new IllegalArgumentException("sample must be >= 0, was " + sample);
        }
    }
}
