package org.vlmeval.endpoints;

import java.time.Duration;

/**
 * Why one HTTP attempt failed and whether trying again can help.
 *
 * @param httpStatus null when no response arrived
 * @param retryAfter the wait the server asked for; null when it did not
 */
record AttemptFailure(
        ErrorKind kind,
        String message,
        boolean retryable,
        Integer httpStatus,
        Duration retryAfter) {}
