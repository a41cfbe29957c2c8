package org.vlmeval.scoring.reference;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AnlsReferenceTest {

    private static AnlsReference anls(String... answers) {
        return new AnlsReference(List.of(answers), AnlsReference.DEFAULT_THRESHOLD);
    }

    @Test
    void exactTranscriptionScoresOneIgnoringCaseAndSpacing() {
        AnswerMatch m = anls("Fresh Bread Daily").match("  fresh   BREAD\ndaily ", "");
        assertThat(m.score()).isEqualTo(1.0);
        assertThat(m.correct()).isTrue();
    }

    @Test
    void oneEditInEightCharactersScoresSevenEighths() {
        assertThat(anls("openhour").match("openh0ur", "").score()).isCloseTo(0.875, within(1e-12));
    }

    @Test
    void similarityExactlyAtTheThresholdCounts() {
        // 3 edits over 6 characters: similarity 0.5, kept at threshold 0.5.
        AnswerMatch m = anls("racing").match("rafnig", "");
        assertThat(m.score()).isCloseTo(0.5, within(1e-12));
        assertThat(m.correct()).isTrue();
    }

    @Test
    void belowTheThresholdScoresZero() {
        AnswerMatch m = anls("island").match("xyzlnd", "");
        assertThat(m.score()).isZero();
        assertThat(m.correct()).isFalse();
    }

    @Test
    void theBestOfSeveralAnswersCounts() {
        assertThat(anls("colour", "color").match("color", "").score()).isEqualTo(1.0);
    }

    @Test
    void countsCharactersAsCodePoints() {
        assertThat(anls("营业时间").match("营业时问", "").score()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void rejectsAThresholdOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new AnlsReference(List.of("a"), 0.0))
                .hasMessageContaining("threshold");
    }
}
