package org.vlmeval.endpoints.config;

import org.vlmeval.options.Check;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One judge: a configured endpoint asked to list the objects in images and/or to grade other
 * endpoints' answers, where production traffic has no answer key. Its limits skip work rather than
 * queue it: a judge must never slow down or cost more than configured.
 *
 * @param name the judge's name in judgements and in the sampling hash; the endpoint's by default
 * @param endpoint the endpoint that judges (any entry of {@code endpoints})
 * @param tasks what it is asked to do; at least one, no repeats
 * @param sampleRate the share of requests judged, 0..1, decided by a hash of the request id
 * @param maxCallsPerMinute calls beyond this in any 60 s are skipped; null for no limit
 * @param maxCostPerHour calls are skipped while the cost of the last hour would exceed this (in the
 *     currency of the endpoint's prices); null for no limit
 * @param selfJudging whether answers of its own endpoint or family may be graded
 * @param language the prompt language
 * @param promptVersion the prompt resources used, e.g. {@code v1}
 */
@JsonDeserialize(builder = JudgeConfig.Builder.class)
public record JudgeConfig(
        String name,
        String endpoint,
        Set<JudgeTask> tasks,
        double sampleRate,
        Integer maxCallsPerMinute,
        Double maxCostPerHour,
        SelfJudging selfJudging,
        PromptLanguage language,
        String promptVersion)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_SAMPLE_RATE = 1.0;
    public static final String DEFAULT_PROMPT_VERSION = "v1";

    public JudgeConfig {
        Check.nonBlank("endpoint", endpoint);
        name = name == null ? endpoint : Check.nonBlank("name", name);
        Check.that(tasks != null && !tasks.isEmpty(), "tasks", "must list objects and/or grade");
        // An EnumSet keeps the declaration order, so that toString and output are stable.
        tasks = Collections.unmodifiableSet(EnumSet.copyOf(tasks));
        Check.inRange("sample_rate", sampleRate, 0, 1);
        Check.atLeastOrNull("max_calls_per_minute", maxCallsPerMinute, 1);
        Check.nonNegativeOrNull("max_cost_per_hour", maxCostPerHour);
        selfJudging = selfJudging == null ? SelfJudging.FORBID : selfJudging;
        language = language == null ? PromptLanguage.AUTO : language;
        promptVersion = promptVersion == null ? DEFAULT_PROMPT_VERSION : promptVersion;
        Check.that(
                promptVersion.matches("v[0-9]{1,4}"),
                "prompt_version",
                "must be v followed by a number, e.g. v1, was '" + promptVersion + "'");
    }

    public static Builder builder(String endpoint, JudgeTask... tasks) {
        return new Builder().endpoint(endpoint).tasks(List.of(tasks));
    }

    public boolean does(JudgeTask task) {
        return tasks.contains(task);
    }

    /** Binds a {@code judges} entry; every method is an option of the same snake_case name. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String name;
        private String endpoint;
        private List<JudgeTask> tasks;
        private double sampleRate = DEFAULT_SAMPLE_RATE;
        private Integer maxCallsPerMinute;
        private Double maxCostPerHour;
        private SelfJudging selfJudging = SelfJudging.FORBID;
        private PromptLanguage language = PromptLanguage.AUTO;
        private String promptVersion = DEFAULT_PROMPT_VERSION;

        private Builder() {}

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder endpoint(String value) {
            endpoint = value;
            return this;
        }

        public Builder tasks(List<JudgeTask> value) {
            tasks = value;
            return this;
        }

        public Builder sampleRate(double value) {
            sampleRate = value;
            return this;
        }

        public Builder maxCallsPerMinute(Integer value) {
            maxCallsPerMinute = value;
            return this;
        }

        public Builder maxCostPerHour(Double value) {
            maxCostPerHour = value;
            return this;
        }

        public Builder selfJudging(SelfJudging value) {
            selfJudging = value;
            return this;
        }

        public Builder language(PromptLanguage value) {
            language = value;
            return this;
        }

        public Builder promptVersion(String value) {
            promptVersion = value;
            return this;
        }

        public JudgeConfig build() {
            Check.that(
                    tasks == null || tasks.stream().distinct().count() == tasks.size(),
                    "tasks",
                    "lists a task twice: " + tasks);
            // stream().anyMatch, not contains(null): List.of(...) lists throw on contains(null).
            Check.that(
                    tasks == null || tasks.stream().noneMatch(java.util.Objects::isNull),
                    "tasks",
                    "has an empty entry");
            return new JudgeConfig(
                    name,
                    endpoint,
                    tasks == null || tasks.isEmpty() ? null : EnumSet.copyOf(tasks),
                    sampleRate,
                    maxCallsPerMinute,
                    maxCostPerHour,
                    selfJudging,
                    language,
                    promptVersion);
        }
    }
}
