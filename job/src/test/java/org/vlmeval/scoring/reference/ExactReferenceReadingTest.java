package org.vlmeval.scoring.reference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Quoted answers, boxed answers, LaTeX, yes/no answers and invented follow-ups in exact. */
class ExactReferenceReadingTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // a quoted answer inside a sentence
                "Music is Great | The banner says \"Music is Great\". | true",
                "Music is Great | The banner reads “Music is Great” in red letters. | true",
                "Open Late | The shop's sign: 'Open Late'. | true",
                "欢迎光临 | 牌子上写着「欢迎光临」。 | true",
                "骆驼祥子 | 这本书是老舍写的《骆驼祥子》。 | true",
                // counterexamples: a negated quote, an apostrophe that quotes nothing
                "Music is Great | The banner does not say \"Music is Great\"; it says \"Hello\". | false",
                "dog | It is the cat's bowl, the dog's is gone. | false",
                // boxed and LaTeX
                "Paris | After checking the map, the city is \\boxed{\\text{Paris}}. | true",
                "x | The variable is $\\text{x}$. | true",
                // yes/no answers read as answers to a yes/no question
                "no | There isn't any umbrella in the picture. | true",
                "no | An umbrella hangs on the hook. | false",
                "yes | Yes — two umbrellas, both open. | true",
                "否 | 图中没有雨伞。 | true",
                "是 | 图中没有雨伞。 | false",
                // an invented follow-up is not the answer
                "red | Red.\\nQuestion: What colour is the bag?\\nAnswer: blue | true",
                "blue | Red.\\nQuestion: What colour is the bag?\\nAnswer: blue | false",
            })
    void reads(String accepted, String response, boolean correct) {
        ExactReference ref = new ExactReference(List.of(accepted));
        AnswerMatch m = ref.match(response.replace("\\n", "\n"), "");
        assertThat(m.correct()).as(m.explanation()).isEqualTo(correct);
    }
}
