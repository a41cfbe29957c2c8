package org.vlmeval.scoring.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ContinuationTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "5\\nQuestion: How many dogs are there?\\nAnswer: 2 | 5\\n",
                "There are 5 people.\\n\\nQ: How many wear hats?\\nA: 3 | There are 5 people.\\n\\n",
                "B\\n### Question 2\\nWhich colour? | B\\n",
                "Red.\\nHuman: what else? | Red.\\n",
                "红色。\\n问题：车是什么颜色？\\n答案：蓝色 | 红色。\\n",
                "七个。\\n用户：那狗呢？ | 七个。\\n",
                "Question: How many?\\nAnswer: 5\\nQuestion: And cats?\\nAnswer: 2 | "
                        + "Question: How many?\\nAnswer: 5\\n",
            })
    void anInventedTurnIsCutOff(String response, String kept) {
        assertThat(Continuation.cut(unescape(response))).isEqualTo(unescape(kept));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Question: How many apples?\\nAnswer: 7",
                "The question: how many apples are there? I count 7.",
                "There are 7 apples.\\nThe answer to your question: 7.",
                "7",
                "Step 1: count the apples.\\nStep 2: add them. Total: 7",
            })
    void answersWithoutAnInventedTurnStayWhole(String response) {
        assertThat(Continuation.cut(unescape(response))).isEqualTo(unescape(response));
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n");
    }
}
