package org.vlmeval.scoring.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralGateTest {

    @Test
    void closedOnlyWhereThePatternCannotMatch() {
        LiteralGate scale =
                LiteralGate.of("\\bin (?:the )?thousands?\\b|\\bhow many thousands?\\b");
        assertThat(scale.isOpen()).isFalse();
        assertThat(scale.mayMatch("how many apples are on the plate?")).isFalse();
        assertThat(scale.mayMatch("population in thousands?")).isTrue();
    }

    @Test
    void whiteSpaceInTheTextNeverClosesTheGateOnAMatch() {
        // RegexLiterals reads \s as a space or a line break; a tab must not close the gate.
        String regex = "degrees?\\s+fahrenheit|華氏";
        LiteralGate gate = LiteralGate.of(regex);
        for (String text : List.of("28 degrees\tfahrenheit", "28 degree\u000bfahrenheit", "華氏")) {
            assertThat(Pattern.compile(regex).matcher(text).find()).as(text).isTrue();
            assertThat(gate.mayMatch(text)).as(text).isTrue();
        }
        assertThat(gate.clauses()).allSatisfy(c -> assertThat(c).noneMatch(m -> m.contains(" ")));
    }

    @Test
    void aPatternWithoutNeededLiteralsOrAnUnreadableOneIsAlwaysOpen() {
        assertThat(LiteralGate.of("\\d+").isOpen()).isTrue();
        assertThat(LiteralGate.of("(?i)each").isOpen()).isTrue();
        assertThat(LiteralGate.of("\\d+").mayMatch("")).isTrue();
    }

    @Test
    void chineseAlternativesAreKept() {
        LiteralGate gate = LiteralGate.of("(?:多少|几|单位[:：]?\\s*|以|[(（\\[【]\\s*)万");
        assertThat(gate.mayMatch("how many apples?")).isFalse();
        assertThat(gate.mayMatch("人口有多少万？")).isTrue();
    }
}
