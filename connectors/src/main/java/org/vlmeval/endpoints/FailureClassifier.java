package org.vlmeval.endpoints;

import javax.net.ssl.SSLException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Maps HTTP statuses and I/O errors to error kinds and retry decisions. Retried: 429, 500, 502,
 * 503, 504, timeouts, connection failures and connections that break mid-answer. Not retried: other
 * 4xx (the request is wrong and will stay wrong), other 5xx, TLS and DNS failures.
 */
final class FailureClassifier {

    private FailureClassifier() {}

    static AttemptFailure forStatus(int status, String bodySnippet, Duration retryAfter) {
        String message = "HTTP " + status + (bodySnippet.isEmpty() ? "" : ": " + bodySnippet);
        if (status == 429) {
            return new AttemptFailure(ErrorKind.RATE_LIMITED, message, true, status, retryAfter);
        }
        if (status == 500 || status == 502 || status == 503 || status == 504) {
            return new AttemptFailure(ErrorKind.SERVER_ERROR, message, true, status, retryAfter);
        }
        if (status >= 500) {
            return new AttemptFailure(ErrorKind.SERVER_ERROR, message, false, status, null);
        }
        if (status >= 300 && status < 400) {
            return new AttemptFailure(
                    ErrorKind.CLIENT_ERROR,
                    message + " (redirects are not followed; check base_url)",
                    false,
                    status,
                    null);
        }
        if (status >= 400) {
            return new AttemptFailure(ErrorKind.CLIENT_ERROR, message, false, status, null);
        }
        return new AttemptFailure(ErrorKind.BAD_RESPONSE, message, false, status, null);
    }

    /** An exception before any response arrived. */
    static AttemptFailure beforeResponse(IOException e) {
        if (e instanceof InterruptedIOException) {
            return new AttemptFailure(
                    ErrorKind.TIMEOUT, "timed out: " + e.getMessage(), true, null, null);
        }
        boolean permanent = e instanceof SSLException || e instanceof UnknownHostException;
        return new AttemptFailure(
                ErrorKind.CONNECT_FAILED, "connection failed: " + e, !permanent, null, null);
    }

    /**
     * The connection broke after the status line arrived. The server had accepted the request and
     * died while answering, so this is a server error, and retried like a 502.
     */
    static AttemptFailure duringBody(int status, IOException e) {
        if (e instanceof InterruptedIOException) {
            return new AttemptFailure(
                    ErrorKind.TIMEOUT,
                    "timed out reading the response: " + e.getMessage(),
                    true,
                    status,
                    null);
        }
        return new AttemptFailure(
                ErrorKind.SERVER_ERROR,
                "connection broke while reading the HTTP " + status + " response: " + e,
                true,
                status,
                null);
    }
}
