package org.vlmeval.endpoints.config;

/**
 * An invalid endpoints file or environment. The message names the file, the endpoint and the field,
 * e.g. {@code endpoints.yaml: endpoint 'qwen' field 'max_concurrency': must be > 0, was -1}; it
 * never contains an API key.
 */
public class EndpointConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public EndpointConfigException(String message) {
        super(message);
    }

    public EndpointConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
