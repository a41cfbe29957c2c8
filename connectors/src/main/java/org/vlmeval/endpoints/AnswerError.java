package org.vlmeval.endpoints;

import java.io.Serializable;
import java.util.Objects;

/**
 * A classified failure of a model call.
 *
 * @param message what happened, for people; never contains an API key or image bytes
 */
public record AnswerError(ErrorKind kind, String message) implements Serializable {

    private static final long serialVersionUID = 1L;

    public AnswerError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
