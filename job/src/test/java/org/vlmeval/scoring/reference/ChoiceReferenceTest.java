package org.vlmeval.scoring.reference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChoiceReferenceTest {

    private static final ChoiceReference UMBRELLA =
            new ChoiceReference(
                    "B", Map.of("A", "red", "B", "blue", "C", "light green", "D", "green"));

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "B|true",
                "b|true",
                "(B)|true",
                "B.|true",
                "**B**|true",
                "The answer is (B) blue.|true",
                "The answer is B|true",
                "the answer is b.|true",
                "Option B: blue|true",
                "B. blue|true",
                "The umbrella is blue.|true",
                "It is not red, it is blue.|true",
                "答案：B|true",
                "答案是B。|true",
                "选B，蓝色|true",
                "伞是蓝色的（B）。|true",
                "The answer is (A) red.|false",
                "A|false",
                "选A，红色|false",
                "The umbrella is red.|false",
                "A red umbrella.|false",
                "It could be red or blue.|false",
                "I cannot tell.|false",
                "答案是B或C。|false",
                "选B或者C。|false",
                "B、C都有可能。|false",
                "The answer is B or C.|false",
                "The answer is (B), not C.|true",
                "B. A and C are wrong.|true",
                "It is light green.|false",
            })
    void readsTheLetterOrTheOptionText(String response, boolean correct) {
        AnswerMatch m = UMBRELLA.match(response, "What colour is the umbrella?");
        assertThat(m.correct()).as(m.explanation()).isEqualTo(correct);
    }

    @org.junit.jupiter.api.Test
    void theArticleAIsNotALetter() {
        AnswerMatch m = UMBRELLA.match("A blue umbrella.", "");
        assertThat(m.correct()).as(m.explanation()).isTrue();
        assertThat(m.explanation()).contains("names option B");
    }

    @org.junit.jupiter.api.Test
    void aLongerOptionTextBeatsOneItContains() {
        AnswerMatch m = UMBRELLA.match("It is light green.", "");
        assertThat(m.explanation()).contains("names option C");
    }

    @org.junit.jupiter.api.Test
    void chineseOptionTexts() {
        ChoiceReference ref = new ChoiceReference("A", Map.of("A", "红色", "B", "蓝色"));
        assertThat(ref.match("伞是红色的。", "").correct()).isTrue();
        assertThat(ref.match("不是蓝色，是红色。", "").correct()).isTrue();
        assertThat(ref.match("伞是蓝色的。", "").correct()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void ambiguityIsExplained() {
        assertThat(UMBRELLA.match("red or blue", "").explanation())
                .isEqualTo("choice: ambiguous, names options [A, B], expected B");
    }

    @org.junit.jupiter.api.Test
    void theAnswerMustBeAnOption() {
        assertThatThrownBy(() -> new ChoiceReference("E", Map.of("A", "x", "B", "y")))
                .hasMessageContaining("'E' is not one of the options");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "The oak is the oldest, older than the pine and far older than the birch.|B",
                "Definitely the pine: it has more needles than the oak or the birch.|A",
                "The birch grows faster compared with the oak.|C",
                "橡树最老，比松树还老，也比桦树老得多。|B",
                "松树的针叶比橡树和桦树多。|A",
            })
    void anOptionNamedInAComparisonIsNotPicked(String response, String expected) {
        ChoiceReference trees =
                new ChoiceReference(
                        expected,
                        response.matches(".*\\p{IsHan}.*")
                                ? Map.of("A", "松树", "B", "橡树", "C", "桦树")
                                : Map.of("A", "pine", "B", "oak", "C", "birch"));
        AnswerMatch m = trees.match(response, "");
        assertThat(m.correct()).as(m.explanation()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // Blind set 2026-12-05, a24: the pick stated as what the picture matches.
                "The line rises steadily, which matches option A. Option B would need a downward"
                        + " slope, and C a flat line.|A",
                "This is consistent with choice C rather than the others.|C",
                "The answer is B, since the curve does not match option A.|B",
                "It doesn't match option A; the trend corresponds to option B.|B",
            })
    void aPickStatedAsAMatchIsAPick(String response, String expected) {
        ChoiceReference trend =
                new ChoiceReference(expected, Map.of("A", "rising", "B", "falling", "C", "flat"));
        AnswerMatch m = trend.match(response, "");
        assertThat(m.correct()).as(m.explanation()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Two cars and a van make three vehicles, so B.",
                "There are three vehicles, thus (B).",
                "两辆车加一辆货车，所以B。"
            })
    void aLetterAfterSoClosingTheResponseIsAPick(String response) {
        ChoiceReference ref = new ChoiceReference("B", Map.of("A", "2", "B", "3", "C", "4"));
        AnswerMatch m = ref.match(response, "");
        assertThat(m.correct()).as(m.explanation()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"电量还剩45%。", "The battery shows 45 % left.", "大约是45％"})
    void aPercentageOptionIsMatchedAsANumber(String response) {
        ChoiceReference ref =
                new ChoiceReference("B", Map.of("A", "15%", "B", "45%", "C", "4.5%", "D", "5%"));
        AnswerMatch m = ref.match(response, "");
        assertThat(m.correct()).as(m.explanation()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "不是北京，北京是首都。最大的城市是上海。",
                "Not the oak; the oak loses its leaves. The evergreen one is the pine."
            })
    void anOptionRuledOutAndMentionedAgainIsNotThePick(String response) {
        ChoiceReference ref =
                new ChoiceReference(
                        "B",
                        response.contains("oak")
                                ? Map.of("A", "oak", "B", "pine")
                                : Map.of("A", "北京", "B", "上海"));
        AnswerMatch m = ref.match(response, "");
        assertThat(m.correct()).as(m.explanation()).isTrue();
    }
}
