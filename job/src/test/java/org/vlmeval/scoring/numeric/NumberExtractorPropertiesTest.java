package org.vlmeval.scoring.numeric;

import org.vlmeval.scoring.text.Continuation;
import org.vlmeval.scoring.text.Latex;
import org.vlmeval.testing.RandomText;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-style checks over seeded random input and exhaustive ranges (see {@link RandomText}).
 */
class NumberExtractorPropertiesTest {

    static Stream<Arguments> arbitraryPairs() {
        List<String> texts = RandomText.strings(1001).toList();
        return IntStream.range(0, texts.size() - 1)
                .mapToObj(i -> Arguments.of(texts.get(i), texts.get(i + 1)));
    }

    static Stream<Arguments> numberNoise() {
        List<String> texts =
                RandomText.strings(
                                3001,
                                "0123456789,.-−%:/()*=×+\n 　０１２３${}\\"
                                        + "零〇一二两三四五六七八九十百千万亿点第分之共有是所以答案：、。，"
                                        + "aonetwhundrdsiflvxyzk",
                                80)
                        .toList();
        return IntStream.range(0, texts.size() - 1)
                .mapToObj(i -> Arguments.of(texts.get(i), texts.get(i + 1)));
    }

    @ParameterizedTest
    @MethodSource("arbitraryPairs")
    void neverThrowsOnArbitraryStrings(String response, String question) {
        NumberExtractor.extractAnswer(response, question);
    }

    @ParameterizedTest
    @MethodSource("numberNoise")
    void neverThrowsOnNumberLikeNoise(String response, String question) {
        Optional<ExtractedNumber> got = NumberExtractor.extractAnswer(response, question);
        got.ifPresent(
                n -> {
                    assertThat(n.value()).isNotNaN();
                    // the surface is as written in the text the rules read: the response itself,
                    // or its rendering when it holds LaTeX ("\\frac{3}{4}" is read as "0.75")
                    assertThat(Latex.toNumbers(Continuation.cut(response))).contains(n.surface());
                });
    }

    @Test
    void readsDigits() {
        RandomText.longs(2000, -1_000_000, 1_000_000_000_000L)
                .forEach(
                        n -> {
                            assertValue(Long.toString(n), n);
                            assertValue("There are " + n + " apples.", n);
                        });
    }

    @Test
    void readsDigitsWithSeparators() {
        RandomText.longs(2000, 0, 1_000_000_000_000L)
                .forEach(
                        n -> {
                            assertValue(String.format(Locale.ROOT, "%,d", n), n);
                            assertValue(
                                    String.format(Locale.ROOT, "%,d", n).replace(',', '\u202F'), n);
                            assertValue("共" + String.format(Locale.ROOT, "%,d", n) + "元。", n);
                        });
    }

    /** Every integer 0..9999, not a sample: the parser's carries and zeros are all exercised. */
    @Test
    void readsEveryEnglishNumberUpTo9999() {
        for (int n = 0; n <= 9999; n++) {
            assertValue(english(n), n);
            assertValue("I count " + english(n) + " birds.", n);
        }
    }

    @Test
    void readsEveryChineseNumeralUpTo9999() {
        for (int n = 0; n <= 9999; n++) {
            assertValue(chinese(n, false), n);
            assertValue(chinese(n, true), n);
            assertValue("图中共有" + chinese(n, false) + "只鸟。", n);
        }
    }

    @Test
    void formattersLookRight() {
        assertThat(english(1105)).isEqualTo("one thousand one hundred and five");
        assertThat(english(23)).isEqualTo("twenty-three");
        assertThat(chinese(1105, false)).isEqualTo("一千一百零五");
        assertThat(chinese(2010, true)).isEqualTo("两千零一十");
        assertThat(chinese(15, false)).isEqualTo("十五");
    }

    private static void assertValue(String text, long n) {
        Optional<ExtractedNumber> got = NumberExtractor.extractAnswer(text, "");
        assertThat(got).as(text).isPresent();
        assertThat(got.get().value()).as(text + " → " + got.get()).isEqualTo((double) n);
    }

    private static final String[] ONES = {
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen"
    };
    private static final String[] TENS = {
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
    };

    static String english(int n) {
        if (n < 20) {
            return ONES[n];
        }
        if (n < 100) {
            return TENS[n / 10] + (n % 10 == 0 ? "" : "-" + ONES[n % 10]);
        }
        if (n < 1000) {
            return ONES[n / 100] + " hundred" + (n % 100 == 0 ? "" : " and " + english(n % 100));
        }
        return ONES[n / 1000] + " thousand" + (n % 1000 == 0 ? "" : " " + english(n % 1000));
    }

    private static final String DIGITS = "零一二三四五六七八九";

    static String chinese(int n, boolean liang) {
        if (n == 0) {
            return "零";
        }
        int[] place = {1000, 100, 10, 1};
        String[] unit = {"千", "百", "十", ""};
        StringBuilder out = new StringBuilder();
        boolean pendingZero = false;
        for (int k = 0; k < 4; k++) {
            int d = n / place[k] % 10;
            if (d == 0) {
                pendingZero = out.length() > 0;
                continue;
            }
            if (pendingZero) {
                out.append('零');
                pendingZero = false;
            }
            if (k == 2 && d == 1 && out.length() == 0) {
                out.append('十');
                continue;
            }
            char c = DIGITS.charAt(d);
            if (liang && d == 2 && k < 2) {
                c = '两';
            }
            out.append(c).append(unit[k]);
        }
        return out.toString();
    }
}
