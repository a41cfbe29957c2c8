package org.vlmeval.endpoints.config;

import org.vlmeval.options.YamlName;

/**
 * Whether a judge may grade answers of its own endpoint or of its own model family. Models prefer
 * their own outputs (self-preference bias), so the default forbids both.
 */
public enum SelfJudging implements YamlName {
    /** Never grade answers of the judge's endpoint nor of an endpoint of the same family. */
    FORBID("forbid"),
    /** Never grade answers of the judge's own endpoint; the same family is allowed. */
    FORBID_ENDPOINT("forbid_endpoint"),
    /** Grade everything (calibration experiments that measure self-preference). */
    ALLOW("allow");

    private final String yamlName;

    SelfJudging(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName() {
        return yamlName;
    }
}
