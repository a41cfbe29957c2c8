package org.vlmeval.scoring.numeric;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NumberScannerTest {

    @Test
    void findsAllFormsWithPositions() {
        String text = "3 apples, twenty-one pears, 两千三百 grapes and 1,200 kcal";
        List<NumberMention> ms = NumberScanner.findAll(text);
        assertThat(ms).extracting(NumberMention::value).containsExactly(3.0, 21.0, 2300.0, 1200.0);
        for (NumberMention m : ms) {
            assertThat(text.substring(m.start(), m.end())).isEqualTo(m.surface());
        }
    }

    @Test
    void fractionsAndRanges() {
        assertThat(NumberScanner.findAll("三分之一"))
                .extracting(NumberMention::value)
                .containsExactly(1.0 / 3);
        assertThat(NumberScanner.findAll("6-7 apples"))
                .singleElement()
                .satisfies(m -> assertThat(m.hedged()).isTrue())
                .satisfies(m -> assertThat(m.surface()).isEqualTo("6-7"));
        assertThat(NumberScanner.findAll("10 - 3 = 7"))
                .extracting(NumberMention::value)
                .containsExactly(10.0, 3.0, 7.0);
        assertThat(NumberScanner.findAll("7 - 3"))
                .extracting(NumberMention::hedged)
                .containsExactly(false, false);
    }

    @Test
    void skipsNonNumbers() {
        assertThat(NumberScanner.findAll("H2O, mp3, the 2nd one, 第一, 第3, 星期一, 一点, 三点钟, 5月, 千万别"))
                .isEmpty();
        assertThat(NumberScanner.findAll("三千万"))
                .extracting(NumberMention::value)
                .containsExactly(3.0e7);
        assertThat(NumberScanner.findAll("100千卡"))
                .extracting(NumberMention::value)
                .containsExactly(100.0);
        assertThat(NumberScanner.findAll("3千米"))
                .extracting(NumberMention::value)
                .containsExactly(3.0);
        assertThat(NumberScanner.findAll("5x20"))
                .extracting(NumberMention::value)
                .containsExactly(5.0, 20.0);
    }

    @Test
    void signWordsAndSignsAfterHan() {
        assertThat(NumberScanner.findAll("minus 4, negative nine, 负6, 零下二十, 气温-3℃"))
                .extracting(NumberMention::value)
                .containsExactly(-4.0, -9.0, -6.0, -20.0, -3.0);
        // subtraction, not a sign
        assertThat(NumberScanner.findAll("10 minus 4 is 6, ten minus four is six"))
                .extracting(NumberMention::value)
                .containsExactly(10.0, 4.0, 6.0, 10.0, 4.0, 6.0);
        assertThat(NumberScanner.findAll("(8) minus 2"))
                .extracting(NumberMention::value)
                .containsExactly(8.0, 2.0);
        // a hyphen glued to a Latin letter is no sign; 零 alone is still zero
        assertThat(NumberScanner.findAll("COVID-19, 零个"))
                .extracting(NumberMention::value)
                .containsExactly(19.0, 0.0);
    }

    @Test
    void betweenAAndBIsOneHedgedMention() {
        assertThat(NumberScanner.findAll("between 12 and 15 boats"))
                .singleElement()
                .satisfies(m -> assertThat(m.hedged()).isTrue())
                .satisfies(m -> assertThat(m.surface()).isEqualTo("12 and 15"));
        assertThat(NumberScanner.findAll("12 and 15 boats"))
                .extracting(NumberMention::hedged)
                .containsExactly(false, false);
        assertThat(NumberScanner.findAll("between 15 and 12"))
                .extracting(NumberMention::hedged)
                .containsExactly(false, false);
    }
}
