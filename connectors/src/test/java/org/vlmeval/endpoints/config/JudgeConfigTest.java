package org.vlmeval.endpoints.config;

import org.vlmeval.options.InvalidOptionException;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JudgeConfigTest {

    @Test
    void builtInCodeWithTasksFromAnImmutableList() {
        // List.of(...) throws on contains(null): the check must not ask it.
        JudgeConfig judge = JudgeConfig.builder("judge", JudgeTask.GRADE).build();

        assertThat(judge.tasks()).containsExactly(JudgeTask.GRADE);
    }

    @Test
    void anEmptyTaskEntryIsNamed() {
        assertThatThrownBy(
                        () ->
                                JudgeConfig.builder("judge", JudgeTask.GRADE)
                                        .tasks(Arrays.asList(JudgeTask.GRADE, null))
                                        .build())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("tasks");
    }
}
