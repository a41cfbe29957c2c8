package org.vlmeval.scoring.text;

import org.vlmeval.testing.RandomText;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

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

    static Stream<String> randomText() {
        return RandomText.strings(1000);
    }

    static Stream<String> randomWords() {
        return RandomText.words(1000);
    }

    @ParameterizedTest
    @MethodSource("randomText")
    void isIdempotentAndNeverThrows(String s) {
        String once = AnswerNormalizer.normalize(s);
        assertThat(AnswerNormalizer.normalize(once)).isEqualTo(once);
    }

    @ParameterizedTest
    @MethodSource("randomText")
    void foldIsIdempotent(String s) {
        String once = Texts.fold(s);
        assertThat(Texts.fold(once)).isEqualTo(once);
    }

    @ParameterizedTest
    @MethodSource("randomWords")
    void singularIsIdempotent(String w) {
        String once = AnswerNormalizer.singular(w);
        assertThat(AnswerNormalizer.singular(once)).isEqualTo(once);
    }
}
