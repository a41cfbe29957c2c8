package org.vlmeval.scoring.numeric;

import org.vlmeval.scoring.text.KeywordTable;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeywordTableTest {

    @Test
    void shippedTablesHaveTheirColumnsAndCompile() {
        for (String[] row : KeywordTable.rows(SetAsides.class, "units.tsv", 4)) {
            Pattern.compile(row[2]);
            Pattern.compile(row[3]);
        }
        for (String[] row : KeywordTable.rows(SetAsides.class, "targets.tsv", 3)) {
            Pattern.compile(row[1]);
            Pattern.compile(row[2]);
        }
        for (String[] row : KeywordTable.rows(SetAsides.class, "scales.tsv", 4)) {
            assertThat(Double.parseDouble(row[1])).isGreaterThan(1);
            Pattern.compile(row[2]);
            Pattern.compile(row[3]);
        }
        assertThat(KeywordTable.rows(SetAsides.class, "units.tsv", 4))
                .extracting(r -> r[1])
                .contains("fahrenheit", "celsius", "kilogram", "yuan");
        assertThat(KeywordTable.rows(SetAsides.class, "targets.tsv", 3))
                .extracting(r -> r[0])
                .containsExactly("each", "difference", "maximum", "minimum");
    }

    @Test
    void aRowOfAnotherWidthFailsLoudly() {
        assertThatThrownBy(() -> KeywordTable.rows(SetAsides.class, "targets.tsv", 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("targets.tsv line");
        assertThatThrownBy(() -> KeywordTable.rows(SetAsides.class, "missing.tsv", 2))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rulesRunStrongestFirst() {
        List<String> names = NumberExtractor.RULES.stream().map(NamedRule::name).toList();
        assertThat(names)
                .containsExactly(
                        "answer marker",
                        "opening answer",
                        "restated target",
                        "stated conclusion",
                        "bold",
                        "position");
    }

    @Test
    void aUnitFromTheTableSetsOtherUnitsAside() {
        // the units.tsv rows for temperature decide this: one text, two questions, two answers
        String answer = "It is 28°C, which is about 82°F.";
        assertThat(NumberExtractor.extractAnswer(answer, "How warm is it in Celsius?"))
                .map(ExtractedNumber::value)
                .contains(28.0);
        assertThat(NumberExtractor.extractAnswer(answer, "How warm is it in Fahrenheit?"))
                .map(ExtractedNumber::value)
                .contains(82.0);
    }
}
