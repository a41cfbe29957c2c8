package org.vlmeval.endpoints.config;

import org.vlmeval.options.YamlName;

/** What a judge endpoint is asked to do. */
public enum JudgeTask implements YamlName {
    /** List every object visible in the image; keyed by the image, shared by all answers. */
    OBJECTS("objects"),
    /** Grade one answer to one question about the image: correct, incorrect or unsure. */
    GRADE("grade");

    private final String yamlName;

    JudgeTask(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName() {
        return yamlName;
    }
}
