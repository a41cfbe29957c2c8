package org.vlmeval.endpoints.config;

import org.vlmeval.options.YamlName;

/** The HTTP dialect an endpoint speaks. */
public enum Protocol implements YamlName {
    /** OpenAI-compatible chat completions: POST {base_url}/chat/completions. */
    OPENAI("openai"),
    /** Ollama's native non-streaming chat: POST {base_url}/api/chat. */
    OLLAMA("ollama"),
    /**
     * No network: answers come from a recordings file (see {@code Recordings}), so a past run can
     * be re-scored, or a demo run, without calling a model.
     */
    RECORDED("recorded");

    private final String yamlName;

    Protocol(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName() {
        return yamlName;
    }
}
