package org.vlmeval.options;

import com.fasterxml.jackson.annotation.JsonValue;

/** A constant spelt in endpoints files by its YAML name, e.g. {@code qwen2.5-vl}. */
public interface YamlName {
    @JsonValue
    String yamlName();
}
