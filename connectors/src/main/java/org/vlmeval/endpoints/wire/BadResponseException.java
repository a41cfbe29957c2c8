package org.vlmeval.endpoints.wire;

/** A successful HTTP response whose body is not what the protocol promises. */
public class BadResponseException extends Exception {

    private static final long serialVersionUID = 1L;

    public BadResponseException(String message) {
        super(message);
    }
}
