package org.vlmeval.scoring.numeric;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NumberExtractorPropertiesTest {

    @Property(tries = 2000)
    void neverThrowsOnArbitraryStrings(@ForAll String response, @ForAll String question) {
        NumberExtractor.extractAnswer(response, question);
    }

    @Property(tries = 3000)
    void neverThrowsOnNumberLikeNoise(
            @ForAll("numberNoise") String response, @ForAll("numberNoise") String question) {
        Optional<ExtractedNumber> got = NumberExtractor.extractAnswer(response, question);
        got.ifPresent(
                n -> {
                    assertThat(n.value()).isNotNaN();
                    assertThat(response).contains(n.surface());
                });
    }

    @Provide
    Arbitrary<String> numberNoise() {
        return Arbitraries.strings()
                .withChars(
                        "0123456789,.-−%:/()*=×+\n 　０１２３${}\\"
                                + "零〇一二两三四五六七八九十百千万亿点第分之共有是所以答案：、。，"
                                + "aonetwhundrdsiflvxyzk")
                .ofMaxLength(80);
    }

    @Property
    void readsDigits(@ForAll @LongRange(min = -1_000_000, max = 1_000_000_000_000L) long n) {
        assertValue(Long.toString(n), n);
        assertValue("There are " + n + " apples.", n);
    }

    @Property
    void readsDigitsWithSeparators(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long n) {
        assertValue(String.format(Locale.ROOT, "%,d", n), n);
        assertValue(String.format(Locale.ROOT, "%,d", n).replace(',', '\u202F'), n);
        assertValue("共" + String.format(Locale.ROOT, "%,d", n) + "元。", n);
    }

    @Property
    void readsEnglishWords(@ForAll @IntRange(min = 0, max = 9999) int n) {
        assertValue(english(n), n);
        assertValue("I count " + english(n) + " birds.", n);
    }

    @Property
    void readsChineseNumerals(@ForAll @IntRange(min = 0, max = 9999) int n) {
        assertValue(chinese(n, false), n);
        assertValue(chinese(n, true), n);
        assertValue("图中共有" + chinese(n, false) + "只鸟。", n);
    }

    @Example
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
