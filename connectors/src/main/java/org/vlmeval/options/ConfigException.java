package org.vlmeval.options;

/**
 * An unusable configuration file: the message names the file and the YAML path a user writes, e.g.
 * {@code endpoints.yaml: endpoints[1].max_concurrency: must be > 0, was 0}.
 */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
