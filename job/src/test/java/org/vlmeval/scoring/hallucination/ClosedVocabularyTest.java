package org.vlmeval.scoring.hallucination;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClosedVocabularyTest {

    private static final HallucinationDetector DETECTOR = HallucinationDetector.create();
    private static final ClosedVocabulary COCO = ClosedVocabulary.named("coco80").orElseThrow();

    private static ObjectMentions coco(String answer, String... objects) {
        return DETECTOR.detect(answer, List.of(objects), COCO);
    }

    @Test
    void coco80HasTheEightyClassesEachAlsoAnObjectOfTheOpenVocabulary() {
        assertThat(COCO.classes()).hasSize(80).contains("person", "dining table", "hair drier");
        assertThat(ObjectVocabulary.builtIn().concepts()).containsAll(COCO.classes());
        assertThat(COCO.name()).isEqualTo("coco80");
        assertThat(ClosedVocabulary.named("coco80")).containsSame(COCO);
    }

    @Test
    void onlyBuiltInNamesExist() {
        assertThat(ClosedVocabulary.exists("open")).isTrue();
        assertThat(ClosedVocabulary.exists("coco80")).isTrue();
        assertThat(ClosedVocabulary.named("open")).isEmpty();
        assertThat(ClosedVocabulary.named(null)).isEmpty();
        for (String bad :
                new String[] {"coco81", "COCO80", "../objects", "vocabularies/coco80", ""}) {
            assertThat(ClosedVocabulary.exists(bad)).as(bad).isFalse();
        }
    }

    @Test
    void parsesClassesAndSynonymsAndRefusesANameInTwoClasses() {
        ClosedVocabulary v =
                ClosedVocabulary.parse("pets", "# pets\ncat\tkitten\n\nDog\tpuppy\tHound\n");
        assertThat(v.classes()).containsExactly("cat", "dog");
        assertThat(v.classOf("kitten", "kitten")).isEqualTo("cat");
        assertThat(v.classOf("x", "hound")).isEqualTo("dog");
        assertThat(v.classOf("horse", "pony")).isNull();
        assertThatThrownBy(() -> ClosedVocabulary.parse("bad", "cat\tpet\ndog\tpet"))
                .hasMessageContaining("line 2: 'pet' is already in 'cat'");
    }

    @Test
    void mentionsOutsideTheVocabularyAreUnverifiableNotHallucinated() {
        ObjectMentions m = coco("A woman holds a sign near a tree, next to a dog.", "person");
        assertThat(m.asserted()).containsExactly("woman", "sign", "tree", "dog");
        assertThat(m.hallucinated()).containsExactly("dog");
        assertThat(m.unverifiable()).containsExactly("sign", "tree");
    }

    @Test
    void theOpenVocabularyJudgesTheSameMentionsAsBefore() {
        String answer = "A woman holds a sign near a tree, next to a dog.";
        ObjectMentions open = DETECTOR.detect(answer, List.of("person"));
        assertThat(open.hallucinated()).containsExactly("sign", "dog");
        assertThat(open.unverifiable()).isEmpty();
        assertThat(DETECTOR.detect(answer, List.of("person"), null)).isEqualTo(open);
    }

    @Test
    void chineseMentionsMapThroughTheirCanonicalObject() {
        ObjectMentions m = coco("桌子上有奶酪、咖啡和一只猫。", "dining table");
        assertThat(m.hallucinated()).containsExactly("猫");
        assertThat(m.unverifiable()).containsExactlyInAnyOrder("奶酪", "咖啡");
    }

    @Test
    void aListedObjectCoversItsWholeClass() {
        // CHAIR compares classes: a burger is a sandwich, so a listed sandwich confirms it.
        ObjectMentions m = coco("A burger on a plate.", "sandwich");
        assertThat(m.hallucinated()).isEmpty();
        assertThat(m.unverifiable()).containsExactly("plate");
        assertThat(DETECTOR.detect("A burger on a plate.", List.of("sandwich")).hallucinated())
                .contains("burger");
        // ... and so does a listed synonym written as the annotator wrote it.
        assertThat(coco("Two men and a kitten.", "people", "cats").hallucinated()).isEmpty();
    }

    @Test
    void everyClassIsJudgedEvenWhereTheOpenVocabularyWaitsForItsGroup() {
        // Under coco80 an unlisted class is a hallucination whatever else the list holds.
        assertThat(coco("A cat on a couch beside a laptop.", "cat").hallucinated())
                .containsExactly("couch", "laptop");
    }

    @Test
    void negatedAndComparedMentionsAreInNeitherList() {
        ObjectMentions m =
                coco("There is no dog and no sign; the cloud looks like a horse.", "cat");
        assertThat(m.hallucinated()).isEmpty();
        assertThat(m.unverifiable()).containsExactly("cloud");
    }

    @Test
    void anEmptyAnswerHasNoMentions() {
        assertThat(coco("", "cat")).isEqualTo(new ObjectMentions(List.of(), List.of()));
    }
}
