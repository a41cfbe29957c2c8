package org.vlmeval.scoring.numeric;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** LaTeX, answer-then-explanation, invented follow-ups and the question's scale. */
class NumberExtractorReadingTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // LaTeX read as rendered
                "What fraction is red? | Red covers $\\frac{1}{4}$ of the flag. | 0.25",
                "What fraction is red? | Thus the answer is \\boxed{\\dfrac{3}{8}}. | 0.375",
                "How long is the side? | The side is $\\sqrt{49}$ cm. | 7",
                "What is the angle? | $\\angle ABC = 35^\\circ$ | 35",
                "What share is blue? | Blue is $42\\%$ of the total. | 42",
                "How many in total? | $6 \\times 7 = 42$ | 42",
                // the answer first, then working that ends elsewhere
                "How many eggs? | 18\\nExplanation: 3 cartons, so each carton holds 6. | 18",
                "How many eggs? | **18 eggs**\\nReasoning: there are 3 rows, so 6 per row. | 18",
                "一共几个鸡蛋？ | 18个\\n解释：有3盒，所以每盒6个。 | 18",
                // counterexample: no explanation label, the working's conclusion still decides
                "How many eggs? | 3 cartons\\nEach holds 6, so there are 18 eggs. | 18",
                // an invented follow-up question and its answer are cut off
                "How many birds? | 4\\nQuestion: How many are flying?\\nAnswer: 2 | 4",
                "有几只鸟？ | 有4只鸟。\\n问题：有几只在飞？\\n答案：2只 | 4",
                // the question's scale
                "What was the population in thousands? | About 2,300 thousand people. | 2300",
                "What was the population in thousands? | Roughly 2.3 million. | 2300",
                "What was the GDP in billions of dollars? | About $1.2 trillion. | 1200",
                "What was the debt in trillions? | It was 31,400 billion dollars. | 31.4",
                "Revenue (in millions of USD)? | Revenue was 4.5 billion dollars. | 4500",
                "该公司营收多少亿元？ | 营收为12亿元。 | 12",
                "该市人口有多少万？ | 约350万人。 | 350",
                // counterexamples: no scale in the question, or no scale word in the answer
                "What was the population? | About 2,300 thousand people. | 2300000",
                "What was the population in thousands? | 2300 | 2300",
                "该公司营收多少元？ | 营收为12亿元。 | 1200000000",
                // a ratio, when the question asks for one
                "What is the ratio of boys to girls? | The ratio is 5:3. | 1.6666666667",
                "男生与女生人数之比是多少？ | 男女之比为3∶2。 | 1.5",
                "What is the ratio of red to blue? | 12 red and 4 blue, so 3 : 1. | 3",
                // counterexample: without a ratio question, 9:30 is a time and not read
                "How many hours is the shop open? | It opens at 9:30, 9 hours a day. | 9",
            })
    void reads(String question, String response, double expected) {
        ExtractedNumber n =
                NumberExtractor.extractAnswer(response.replace("\\n", "\n"), question)
                        .orElseThrow();
        assertThat(n.value())
                .as(n.rule())
                .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }
}
