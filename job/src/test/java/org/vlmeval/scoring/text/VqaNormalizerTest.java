package org.vlmeval.scoring.text;

import org.vlmeval.testing.RandomText;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class VqaNormalizerTest {

    @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "Two|2",
                "The dog.|dog",
                "an apple!|apple",
                "dont|don't",
                "Yes, it is|yes it is",
                "1,000|1000",
                "3.5|3.5",
                "left-hand side|left hand side",
                "left - right|left right",
                "Denny's.|denny 's",
                "denny's|denny 's",
                "ten o'clock|10 o'clock",
                "none|0",
                "RED|red",
                "赛车。|赛车。",
            })
    void normalizesLikeTheOfficialEvaluation(String in, String expected) {
        assertThat(VqaNormalizer.normalize(in)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void collapsesWhiteSpaceLikePythonSplit() {
        assertThat(VqaNormalizer.normalize("  spaced\tout \n\u00a0now "))
                .isEqualTo("spaced out now");
    }

    @org.junit.jupiter.api.Test
    void removesAtMost32PeriodsLikeTheReferenceCode() {
        String in = "a" + ".".repeat(40);
        // The reference passes re.UNICODE (32) as the substitution count.
        assertThat(VqaNormalizer.punctuation(in)).isEqualTo("a" + ".".repeat(8));
    }

    static Stream<String> randomText() {
        return RandomText.strings(500);
    }

    @ParameterizedTest
    @MethodSource("randomText")
    void neverThrows(String s) {
        assertThat(VqaNormalizer.normalize(s)).isNotNull();
    }

    /** The one-pass path for plain words gives what the step-by-step processor gives. */
    @org.junit.jupiter.api.Test
    void plainWordsAgreeWithTheStepByStepProcessor() {
        String[] pieces = {
            "a",
            "an",
            "the",
            "The",
            "two",
            "Ten",
            "none",
            "dont",
            "cant",
            "Im",
            "ive",
            "yall",
            "racing",
            "RACING",
            "2",
            "1",
            "10",
            "x",
            "Z",
            " ",
            "  ",
            "\t",
            "\n",
            "\u00a0",
            "\u3000",
            "杯",
            "餐馆",
            "赛车",
            "。",
            "，",
            "é",
            "É",
            "İ",
            "Σ",
            "ß",
            "ǅ",
            "\ud83d\ude00",
            ",",
            ".",
            "?",
            "!",
            "'",
            "'s",
            "-",
            "/",
            "3.5",
            "1,000",
            "\u2007",
            "\u200b",
            "ﬁ"
        };
        java.util.Random random = new java.util.Random(15);
        int plain = 0;
        for (int k = 0; k < 200_000; k++) {
            StringBuilder b = new StringBuilder();
            int parts = random.nextInt(6);
            for (int p = 0; p < parts; p++) {
                b.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(3) == 0) {
                    b.append(' ');
                }
            }
            String s = b.toString();
            String fast = VqaNormalizer.plainWords(s);
            String slow = VqaNormalizer.stepByStep(s);
            if (fast != null) {
                plain++;
                assertThat(fast).as("'%s'", s).isEqualTo(slow);
            }
            assertThat(VqaNormalizer.normalize(s)).as("'%s'", s).isEqualTo(slow);
        }
        assertThat(plain).isGreaterThan(10_000);
    }
}
