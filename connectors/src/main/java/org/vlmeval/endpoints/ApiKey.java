package org.vlmeval.endpoints;

import org.vlmeval.endpoints.config.EndpointConfig;
import org.vlmeval.options.ConfigException;

import java.util.Map;

/**
 * An endpoint's API key, read from the environment variable its config names. It leaves this class
 * only as an Authorization header; toString and error messages show the variable's name.
 */
final class ApiKey {

    private static final String MASK = "***";

    private final String envName;
    private final String value;

    private ApiKey(String envName, String value) {
        this.envName = envName;
        this.value = value;
    }

    /**
     * @return null when the endpoint needs no key
     * @throws ConfigException when the variable is unset or empty
     */
    /**
     * @param where the endpoint's place for messages, e.g. {@code endpoints.yaml: endpoints[1]}
     */
    static ApiKey fromEnvironment(EndpointConfig endpoint, Map<String, String> env, String where) {
        String name = endpoint.apiKeyEnv();
        if (name == null) {
            return null;
        }
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new ConfigException(
                    where + ".api_key_env: environment variable " + name + " is not set");
        }
        return new ApiKey(name, value.strip());
    }

    String authorizationHeader() {
        return "Bearer " + value;
    }

    /** Masks the key in text that may echo it, such as a server's error body. */
    String redact(String text) {
        return text == null ? null : text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return "ApiKey[from $" + envName + "]";
    }
}
