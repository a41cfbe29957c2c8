package org.vlmeval.scoring.reference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegexReferenceTest {

    @Test
    void findsThePatternAnywhere() {
        RegexReference ref = RegexReference.of("(?i)699pic(\\.com)?");
        assertThat(ref.match("The watermark reads 699PIC.COM in the corner.", "").correct())
                .isTrue();
        assertThat(ref.match("There is no watermark.", "").correct()).isFalse();
    }

    @Test
    void aRunawayPatternGivesUpInsteadOfStallingTheStream() {
        RegexReference ref = RegexReference.of("(.*a){25}x");
        AnswerMatch m = ref.match("a".repeat(40), "");
        assertThat(m.correct()).isFalse();
        assertThat(m.explanation()).contains("gave up");
    }

    @Test
    void equalityFollowsThePatternText() {
        assertThat(RegexReference.of("a+")).isEqualTo(RegexReference.of("a+"));
    }
}
