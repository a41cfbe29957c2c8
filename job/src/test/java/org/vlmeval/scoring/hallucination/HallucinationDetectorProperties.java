package org.vlmeval.scoring.hallucination;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HallucinationDetectorProperties {

    private final HallucinationDetector detector = HallucinationDetector.create();

    @Property(tries = 500)
    void neverThrowsOnArbitraryStrings(@ForAll String response, @ForAll List<String> present) {
        ObjectMentions m = detector.detect(response, present);
        assertThat(m.asserted()).containsAll(m.hallucinated());
    }

    @Property(tries = 500)
    void neverThrowsOnObjectHeavyText(@ForAll("objectText") String response) {
        ObjectMentions m = detector.detect(response, List.of("dog", "苹果"));
        assertThat(m.asserted()).doesNotHaveDuplicates().containsAll(m.hallucinated());
    }

    @Provide
    Arbitrary<String> objectText() {
        return Arbitraries.of(
                        "dog", "dogs", "no", "not", "n't", "orange", "hot", "-", "'s", ",", ".",
                        "?", "。", "，", "、", "没有", "苹果", "猫头鹰", "yes", "but", "if", "glass", "teddy",
                        "bear", "不在", " ", "\n", "ｄｏｇ", "🐶", "\uD83D", "狗")
                .list()
                .ofMaxSize(30)
                .map(parts -> String.join(" ", parts));
    }

    @Property(tries = 200)
    void everyAssertedNameIsInTheVocabulary(@ForAll("objectText") String response) {
        ObjectVocabulary vocab = ObjectVocabulary.builtIn();
        for (String name : detector.detect(response, List.of()).asserted()) {
            assertThat(vocab.canonical(name)).as(name).isPresent();
        }
    }
}
