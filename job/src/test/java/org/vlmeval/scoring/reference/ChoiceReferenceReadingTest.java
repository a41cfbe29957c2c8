package org.vlmeval.scoring.reference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** LaTeX and Markdown letters, rejected options discussed after the pick, the "A:" prefix. */
class ChoiceReferenceReadingTest {

    private static final Map<String, String> COLOURS =
            Map.of("A", "yellow", "B", "purple", "C", "orange", "D", "grey");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // LaTeX and Markdown
                "C | So the final choice is $\\boxed{C}$. | C",
                "A | $\\boxed{\\text{(A)}}$ | A",
                "D | The correct option is \\textbf{D}. | D",
                "B | **B** | B",
                // the pick, then the rejected options discussed
                "B | The answer is (B) purple. Option A is wrong since the car is not yellow, and option C cannot be right. | B",
                "B | **B**\\n\\nOption A is incorrect: the car is darker. Option D is also wrong. | B",
                "C | Option A is wrong and option B is incorrect too, so option C. | C",
                "C | 选C。A选项错误，B选项也不对。 | C",
                "B | The answer is B, not A. | B",
                "B | 答案是B，不是A。 | B",
                // "A:" as an answer prefix
                "B | A: B | B",
                "C | A: The car is orange. | C",
                "A | A: It is the first one. | A",
                "A | A: yellow | A",
                // an invented follow-up question is not the answer
                "B | B\\nQuestion: What colour is the van?\\nAnswer: D | B",
            })
    void picks(String expected, String response, String picked) {
        ChoiceReference ref = new ChoiceReference(expected, COLOURS);
        AnswerMatch m = ref.match(response.replace("\\n", "\n"), "What colour is the car?");
        assertThat(m.explanation())
                .containsPattern("(?:letter|option) " + picked + "\\b")
                .doesNotContain("ambiguous");
        assertThat(m.correct()).isEqualTo(expected.equals(picked));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // a discussion that rejects every option picks nothing
                "Option A is wrong. Option B is wrong as well.",
                // the article "A" is not a letter
                "A purple car is parked there.",
            })
    void rejectedOrArticleLettersPickNoLetter(String response) {
        AnswerMatch m = new ChoiceReference("B", COLOURS).match(response, "");
        assertThat(m.explanation()).doesNotContain("letter");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "B | The ratio of cats to dogs is 5:3. | ",
                "A | By Pythagoras, AB = \\sqrt{4+9} = \\sqrt{13}. | ",
                "A | AB is approximately 3.61. | states the value",
                "C | The area is $\\frac{1}{2} \\cdot 4 \\cdot 3 = 6$, so half of 12. | ",
            })
    void optionsWrittenInLatexAreMatchedAsRendered(String expected, String response, String how) {
        Map<String, String> options =
                Map.of("A", "$\\sqrt{13}$", "B", "$5: 3$", "C", "$6$", "D", "$\\frac{1}{3}$");
        AnswerMatch m = new ChoiceReference(expected, options).match(response, "");
        assertThat(m.correct()).as(m.explanation()).isTrue();
        if (how != null) {
            assertThat(m.explanation()).contains(how);
        }
    }
}
