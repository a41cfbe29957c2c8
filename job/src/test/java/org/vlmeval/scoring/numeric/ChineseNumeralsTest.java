package org.vlmeval.scoring.numeric;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ChineseNumeralsTest {

    @ParameterizedTest
    @CsvSource({
        "零, 0",
        "〇, 0",
        "七, 7",
        "两, 2",
        "十, 10",
        "十五, 15",
        "二十, 20",
        "二十一, 21",
        "一百, 100",
        "一百零五, 105",
        "一百一十, 110",
        "一百一, 110",
        "一百五, 150",
        "一千零十, 1010",
        "一千零五十, 1050",
        "两千三百, 2300",
        "两千三, 2300",
        "九千九百九十九, 9999",
        "一万, 10000",
        "十万, 100000",
        "三万五千, 35000",
        "三万五, 35000",
        "一百万, 1000000",
        "一亿三千万, 130000000",
        "二〇二三, 2023",
        "三点五, 3.5",
        "零点五, 0.5",
        "十二点二五, 12.25",
    })
    void parses(String text, double expected) {
        assertThat(ChineseNumerals.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"百", "千", "万", "亿", "十十", "五五十", "三百四千", "点五", "三点", "三点两", "万万"})
    void rejectsMalformed(String text) {
        assertThat(ChineseNumerals.parse(text)).isNaN();
    }
}
