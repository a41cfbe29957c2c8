package org.vlmeval.scoring.hallucination;

import org.vlmeval.testing.RandomText;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Property-style checks over seeded random text (see {@link RandomText}). */
class HallucinationDetectorPropertiesTest {

    private final HallucinationDetector detector = HallucinationDetector.create();

    static Stream<String> arbitraryText() {
        return RandomText.strings(500);
    }

    static Stream<String> objectText() {
        return RandomText.sentences(
                500,
                30,
                List.of(
                        "dog", "dogs", "no", "not", "n't", "orange", "hot", "-", "'s", ",", ".",
                        "?", "。", "，", "、", "没有", "苹果", "猫头鹰", "yes", "but", "if", "glass", "teddy",
                        "bear", "不在", " ", "\n", "ｄｏｇ", "🐶", "\uD83D", "狗"));
    }

    @ParameterizedTest
    @MethodSource("arbitraryText")
    void neverThrowsOnArbitraryStrings(String response) {
        ObjectMentions m = detector.detect(response, List.of(response, "dog"));
        assertThat(m.asserted()).containsAll(m.hallucinated());
    }

    @ParameterizedTest
    @MethodSource("objectText")
    void neverThrowsOnObjectHeavyText(String response) {
        ObjectMentions m = detector.detect(response, List.of("dog", "苹果"));
        assertThat(m.asserted()).doesNotHaveDuplicates().containsAll(m.hallucinated());
    }

    @ParameterizedTest
    @MethodSource("objectText")
    void everyAssertedNameIsInTheVocabulary(String response) {
        ObjectVocabulary vocab = ObjectVocabulary.builtIn();
        for (String name : detector.detect(response, List.of()).asserted()) {
            assertThat(vocab.canonical(name)).as(name).isPresent();
        }
    }
}
