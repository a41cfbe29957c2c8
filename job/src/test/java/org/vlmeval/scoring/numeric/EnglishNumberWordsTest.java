package org.vlmeval.scoring.numeric;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EnglishNumberWordsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "zero | 0",
                "seven | 7",
                "nineteen | 19",
                "forty | 40",
                "twenty-three | 23",
                "twenty three | 23",
                "a hundred | 100",
                "one hundred and five | 105",
                "one hundred five | 105",
                "twelve hundred | 1200",
                "a thousand | 1000",
                "two thousand and twenty-three | 2023",
                "nine thousand nine hundred ninety-nine | 9999",
                "three million two hundred thousand | 3200000",
                "a dozen | 12",
                "dozen | 12",
                "two dozen | 24",
                "half a dozen | 6",
                "three point five | 3.5",
                "one | 1",
            })
    void parsesAtStart(String text, double expected) {
        EnglishNumberWords.Match m = EnglishNumberWords.parse(text, 0);
        assertThat(m).isNotNull();
        assertThat(m.value()).isEqualTo(expected);
        assertThat(m.end()).isEqualTo(text.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a few", "a couple of", "half", "hundred"})
    void vagueOrBareIsNoNumber(String text) {
        assertThat(EnglishNumberWords.parse(text, 0)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "i like the red one | 15",
                "this one | 5",
                "which one is it | 6",
                "each one is red | 5",
                "no one knows | 3",
                "the other one | 10",
                "they love one another | 10",
                "count them one by one | 9",
            })
    void pronounOneIsNoNumber(String text, int at) {
        assertThat(EnglishNumberWords.parse(text, at)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "there is only one apple | 14",
                "the answer is one | 14",
                "i see one | 6",
                "one of them | 0",
            })
    void countingOneIsNumber(String text, int at) {
        assertThat(EnglishNumberWords.parse(text, at)).isNotNull();
    }
}
