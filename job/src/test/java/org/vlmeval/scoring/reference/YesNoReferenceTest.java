package org.vlmeval.scoring.reference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YesNoReferenceTest {

    @Test
    void acceptsYesAndNoInEitherLanguage() {
        assertThat(new YesNoReference("Yes").answer()).isEqualTo("yes");
        assertThat(new YesNoReference("否").answer()).isEqualTo("no");
        assertThatThrownBy(() -> new YesNoReference("maybe"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStatementAnswersTheQuestion() {
        YesNoReference no = new YesNoReference("no");
        AnswerMatch m = no.match("There is no umbrella in this photo.", "Is there an umbrella?");
        assertThat(m.correct()).isTrue();
        assertThat(m.explanation()).contains("read no").contains("negated by 'no'");
        assertThat(no.match("An umbrella leans on the wall.", "Is there an umbrella?").correct())
                .isFalse();
    }

    @Test
    void aResponseWithNothingToReadIsIncorrect() {
        AnswerMatch m = new YesNoReference("yes").match("…", "Is there an umbrella?");
        assertThat(m.correct()).isFalse();
        assertThat(m.explanation()).contains("no yes or no found");
    }
}
