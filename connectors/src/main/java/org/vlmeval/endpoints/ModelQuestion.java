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
 */
public record ModelQuestion(String requestId, ImageRef image, String text) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ModelQuestion {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(text, "text");
    }
}
