package org.vlmeval.cli;

import org.vlmeval.scoring.reference.ExactReference;
import org.vlmeval.scoring.reference.NumericReference;
import org.vlmeval.scoring.reference.YesNoReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ChartQaRelaxedTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // 5% on numbers, relative to the target
                "100 | 104.9 | true",
                "100 | 105.1 | false",
                "0.57 | 0.57 | true",
                // a trailing % divides by 100 on its side only, as pix2struct does
                "62 | 62% | false",
                "62% | 62% | true",
                "62% | 0.62 | true",
                // a zero target and text compare as text, ignoring case
                "0 | 0.0 | false",
                "0 | 0 | true",
                "Inspired | inspired | true",
                "Yes | yes | true",
                // what Python's float() rejects is text: Java's '12f' and '0x10' are not numbers
                "12f | 12F | true",
                "12 | 12f | false",
                "[Chile, Austria] | [Austria, Chile] | false",
            })
    void judgesAsTheBenchmarkDoes(String target, String prediction, boolean correct) {
        assertThat(ChartQaRelaxed.correct(target, prediction)).isEqualTo(correct);
    }

    @Test
    void mapsTargetsToOurReferences() {
        assertThat(ChartQaRelaxed.reference("No")).isEqualTo(new YesNoReference("no"));
        assertThat(ChartQaRelaxed.reference("40")).isEqualTo(new NumericReference(40, 2));
        assertThat(ChartQaRelaxed.reference("25%")).isEqualTo(new NumericReference(25, 1.25));
        assertThat(ChartQaRelaxed.reference("Green bar"))
                .isEqualTo(new ExactReference(java.util.List.of("Green bar")));
    }
}
