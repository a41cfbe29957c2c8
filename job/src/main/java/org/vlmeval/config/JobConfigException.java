package org.vlmeval.config;

/** An unusable job configuration; the message names the file and the field. */
public final class JobConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JobConfigException(String message) {
        super(message);
    }

    public JobConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
