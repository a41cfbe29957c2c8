package org.vlmeval.scoring.text;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerNormalizerTest {

    @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "Blue.|blue",
                "The answer is: Blue!|blue",
                "Answer: it is a grape|grape",
                "It's the grapes.|grape",
                "ＢＬＵＥ|blue",
                "**Lemons**|lemon",
                "\"strawberries\"|strawberry",
                "boxes|box",
                "tomatoes|tomato",
                "glasses|glass",
                "bus|bus",
                "答案是：葡萄。|葡萄",
                "「柠檬」|柠檬",
                "红 色|红色",
                "don't know|don't know",
                "I think it is a lemon|lemon",
            })
    void normalizes(String in, String expected) {
        assertThat(AnswerNormalizer.normalize(in)).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void isIdempotentAndNeverThrows(@ForAll String s) {
        String once = AnswerNormalizer.normalize(s);
        assertThat(AnswerNormalizer.normalize(once)).isEqualTo(once);
    }

    @Property(tries = 500)
    void foldIsIdempotent(@ForAll String s) {
        String once = Texts.fold(s);
        assertThat(Texts.fold(once)).isEqualTo(once);
    }

    @Property(tries = 500)
    void singularIsIdempotent(@ForAll("words") String w) {
        String once = AnswerNormalizer.singular(w);
        assertThat(AnswerNormalizer.singular(once)).isEqualTo(once);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> words() {
        return net.jqwik.api.Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(12);
    }
}
