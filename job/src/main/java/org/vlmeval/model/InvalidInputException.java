package org.vlmeval.model;

/** Input that does not fit its schema; the message names the field and the problem. */
public final class InvalidInputException extends Exception {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
