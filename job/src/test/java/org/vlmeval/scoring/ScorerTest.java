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
        // A refusal is not judged for hallucinations: null (not judged), not false.
        assertThat(v.hallucination()).isNull();
    }

    @Test
    void anObjectTheQuestionPresupposesIsNotHallucinated() {
        String answer = "A cat sits next to the dog.";
        Verdict asked =
                scorer.score(
                        new ScoringInput(
                                "What is next to the dog?", null, List.of("cat"), answer, "stop"));
        assertThat(asked.hallucination()).isFalse();
        // the same answer to a question that names no dog: the dog is judged, and absent
        Verdict described =
                scorer.score(
                        new ScoringInput(
                                "Describe the image.", null, List.of("cat"), answer, "stop"));
        assertThat(described.hallucinatedObjects()).containsExactly("dog");
    }

    /** A description of the photo, without reference, scored against objects in a vocabulary. */
    private Verdict describe(List<String> objects, String answer, String vocabulary) {
        return scorer.score(
                new ScoringInput("Describe the photo.", null, objects, answer, "stop", vocabulary));
    }

    @Test
    void aRefusalIsNotJudgedForHallucinationsWhateverItNames() {
        for (String vocabulary : new String[] {null, "coco80"}) {
            Verdict v =
                    describe(
                            List.of("cat"),
                            "I'm sorry, but I can't help with identifying the dog by the sign.",
                            vocabulary);
            assertThat(v.refusal()).isTrue();
            assertThat(v.hallucination()).isNull();
            assertThat(v.hallucinatedObjects()).isEmpty();
            assertThat(v.unverifiableObjects()).isEmpty();
            assertThat(v.explanation()).doesNotContain("not in");
        }
    }

    @Test
    void aClosedVocabularyListsMentionsOutsideItAsUnverifiable() {
        List<String> objects = List.of("person", "dining table");
        String answer = "A man sits at a table with cheese, coffee and a cat.";
        Verdict v = describe(objects, answer, "coco80");
        assertThat(v.hallucination()).isTrue();
        assertThat(v.hallucinatedObjects()).containsExactly("cat");
        assertThat(v.unverifiableObjects()).containsExactlyInAnyOrder("cheese", "coffee");
        assertThat(v.explanation())
                .isEqualTo("not in image: cat; not in coco80, unverifiable: cheese, coffee");

        Verdict open = describe(objects, answer, "open");
        assertThat(open.hallucinatedObjects()).containsExactlyInAnyOrder("cheese", "coffee", "cat");
        assertThat(open.unverifiableObjects()).isEmpty();
        assertThat(describe(objects, answer, null)).isEqualTo(open);
    }

    @Test
    void onlyUnverifiableMentionsAreNoHallucination() {
        Verdict v = describe(List.of("cat"), "A cat sits under a sign by a tree.", "coco80");
        assertThat(v.hallucination()).isFalse();
        assertThat(v.hallucinatedObjects()).isEmpty();
        assertThat(v.unverifiableObjects()).containsExactlyInAnyOrder("sign", "tree");
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
