package org.vlmeval.scoring.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LatexTest {

    /** Mode "numbers" reads fractions and roots as values, "text" keeps them symbolic. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "numbers | The shaded part is $\\frac{1}{2}$ of it. | The shaded part is 0.5 of it.",
                "numbers | \\dfrac{3}{4} | 0.75",
                "numbers | \\tfrac{-1}{8} | -0.125",
                "numbers | $\\sqrt{16}$ | 4",
                "numbers | \\sqrt[3]{27} | 3",
                "numbers | $25\\%$ | 25%",
                "numbers | $40^\\circ$ | 40°",
                "numbers | $40^{\\circ}$ | 40°",
                "numbers | $3 \\times 4 = 12$ | 3  ×  4 = 12",
                "numbers | $1{,}000$ | 1,000",
                "numbers | \\(x = 7\\) | ' x = 7 '",
                "text | $\\frac{1}{2}$ | 1/2",
                "text | $\\sqrt{13}$ | sqrt(13)",
                "text | $\\frac{x+1}{2}$ | (x+1)/(2)",
                "text | $\\text{Paris}$ | Paris",
                "text | \\textbf{D} | **D**",
                "text | $\\mathbf{B}$ | **B**",
                "text | $5: 3$ | 5: 3",
                "text | 答案是$\\text{北京}$ | 答案是北京",
                "text | $\\boxed{\\text{(A)}}$ | \\boxed{(A)}",
                "text | \\boxed{\\dfrac{1}{2}} | \\boxed{1/2}",
            })
    void readsLatexAsRendered(String mode, String latex, String rendered) {
        String got = mode.equals("numbers") ? Latex.toNumbers(latex) : Latex.toText(latex);
        assertThat(got).isEqualTo(rendered);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "The price rose from $5 to $10.",
                "It costs $ 5 and $ 6.",
                "Plain text with {braces, kept} and no commands.",
                "There are 7 apples.",
                "图中有七个苹果。",
                "A backslash before a Han character \\答 is not a command",
            })
    void textWithoutLatexIsUnchanged(String text) {
        assertThat(Latex.toText(text)).isEqualTo(text);
        assertThat(Latex.toNumbers(text)).isEqualTo(text);
    }

    @Test
    void unknownCommandsKeepTheirNameSoNothingIsLost() {
        assertThat(Latex.toText("$\\alpha + 1$")).isEqualTo("alpha + 1");
    }

    @Test
    void unbalancedInputDoesNotThrow() {
        assertThat(Latex.toNumbers("\\frac{1}{")).isNotNull();
        assertThat(Latex.toNumbers("\\sqrt[3")).isNotNull();
        assertThat(Latex.toText("\\")).isEqualTo("\\");
    }
}
