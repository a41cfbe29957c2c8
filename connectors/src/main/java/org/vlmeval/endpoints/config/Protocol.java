package org.vlmeval.endpoints.config;

/** The HTTP dialect an endpoint speaks. */
public enum Protocol implements YamlName {
    /** OpenAI-compatible chat completions: POST {base_url}/chat/completions. */
    OPENAI("openai"),
    /** Ollama's native non-streaming chat: POST {base_url}/api/chat. */
    OLLAMA("ollama");

    private final String yamlName;

    Protocol(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName() {
        return yamlName;
    }
}
