package org.vlmeval.endpoints.config;

import org.vlmeval.options.YamlName;

/** How an image reaches an OpenAI-compatible server. */
public enum ImageMode implements YamlName {
    /** The client loads the image (url, data or path) and sends it base64-encoded. */
    INLINE("inline"),
    /**
     * http(s) URLs are passed through for the server to fetch; data and path images are still sent
     * inline. Ollama ignores this and always gets inline images (it cannot fetch URLs).
     */
    URL("url");

    private final String yamlName;

    ImageMode(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName() {
        return yamlName;
    }
}
