package org.vlmeval.endpoints.config;

import org.vlmeval.options.YamlName;

/** The language of a judge's prompt. */
public enum PromptLanguage implements YamlName {
    EN("en"),
    ZH("zh"),
    /** Chinese when the question contains Han characters, English otherwise. */
    AUTO("auto");

    private final String yamlName;

    PromptLanguage(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName() {
        return yamlName;
    }
}
