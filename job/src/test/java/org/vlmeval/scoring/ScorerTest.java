package org.vlmeval.scoring;

import org.vlmeval.scoring.reference.ExactReference;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScorerTest {

    private final Scorer scorer = Scorer.standard();

    @Test
    void aRefusalIsNeverCorrectEvenWhenItContainsTheAnswer() {
        Verdict v =
                scorer.score(
                        new ScoringInput(
                                "Which tiles show tomatoes?",
                                new ExactReference(List.of("tomato")),
                                null,
                                "I'm sorry, but I can't help with solving CAPTCHAs like this tomato grid.",
                                "stop"));
        assertThat(v.refusal()).isTrue();
        assertThat(v.correct()).isFalse();
        assertThat(v.score()).isZero();
        assertThat(v.explanation()).startsWith("exact: refused, not scored; refusal: ");
    }

    @Test
    void withoutReferenceOrObjectsTheirFieldsAreNull() {
        Verdict v =
                scorer.score(
                        new ScoringInput("Describe it.", null, null, "A dog on a sofa.", null));
        assertThat(v.correct()).isNull();
        assertThat(v.score()).isNull();
        assertThat(v.hallucination()).isNull();
        assertThat(v.hallucinatedObjects()).isEmpty();
        assertThat(v.explanation()).isEmpty();
    }

    @Test
    void contentFilterIsARefusalEvenWithoutText() {
        Verdict v =
                scorer.score(
                        new ScoringInput(
                                "q",
                                new ExactReference(List.of("x")),
                                List.of(),
                                "",
                                "content_filter"));
        assertThat(v.refusal()).isTrue();
        assertThat(v.correct()).isFalse();
        assertThat(v.hallucination()).isFalse();
    }

    @Test
    void anEmptyAnswerIsIncorrect() {
        Verdict v =
                scorer.score(
                        new ScoringInput(
                                "q", new ExactReference(List.of("x")), null, "  ", "length"));
        assertThat(v.correct()).isFalse();
        assertThat(v.explanation()).isEqualTo("exact: empty answer");
    }

    @Test
    void hallucinatedObjectsAreNamedInTheExplanation() {
        Verdict v =
                scorer.score(
                        new ScoringInput(
                                "What is in the grid?",
                                null,
                                List.of("tomato"),
                                "Tomatoes and an eggplant.",
                                "stop"));
        assertThat(v.hallucination()).isTrue();
        assertThat(v.hallucinatedObjects()).containsExactly("eggplant");
        assertThat(v.explanation()).isEqualTo("not in image: eggplant");
    }
}
