package org.vlmeval.endpoints.config;

/** A constant spelt in endpoints files by its YAML name, e.g. {@code qwen2.5-vl}. */
public interface YamlName {
    String yamlName();
}
