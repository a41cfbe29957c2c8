package org.vlmeval.endpoints;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Why a model call produced no answer. JSON names are lower_snake, e.g. {@code rate_limited}. */
public enum ErrorKind {
    /** The call's deadline passed, or a retry could not have finished before it. */
    TIMEOUT,
    /** HTTP 429 on the last attempt. */
    RATE_LIMITED,
    /** HTTP 5xx, or the connection broke while the server was sending its answer. */
    SERVER_ERROR,
    /** HTTP 4xx other than 429 (bad request, unknown model, wrong key); never retried. */
    CLIENT_ERROR,
    /** No response began: connection refused, reset or DNS failure. */
    CONNECT_FAILED,
    /** HTTP 200 whose body is not the protocol's JSON (malformed, no choices, no content). */
    BAD_RESPONSE,
    /** The endpoint's circuit breaker is open after repeated failures; nothing was sent. */
    CIRCUIT_OPEN,
    /** The image could not be loaded or was refused (size, format, host, path); nothing sent. */
    IMAGE_ERROR,
    /** A recorded endpoint has no recording for the request (protocol {@code recorded}). */
    NOT_RECORDED;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ErrorKind fromJsonName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
