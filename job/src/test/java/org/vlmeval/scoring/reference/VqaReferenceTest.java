package org.vlmeval.scoring.reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VqaReferenceTest {

    /** Ten human answers of which {@code k} are "racing". */
    private static VqaReference answersWith(int k) {
        List<String> answers = new ArrayList<>(Collections.nCopies(k, "racing"));
        while (answers.size() < 10) {
            answers.add("other " + answers.size());
        }
        return new VqaReference(answers);
    }

    @ParameterizedTest(name = "{0} of 10 humans agree -> {1}")
    @CsvSource({"0, 0.0", "1, 0.3", "2, 0.6", "3, 0.9", "4, 1.0", "10, 1.0"})
    void isTheMeanOverLeaveOneOutSubsets(int k, double expected) {
        AnswerMatch m = answersWith(k).match("Racing.", "What sport?");
        assertThat(m.score()).isCloseTo(expected, within(1e-12));
        assertThat(m.correct()).isEqualTo(expected == 1.0);
    }

    @Test
    void normalizesNumberWordsArticlesAndPunctuationOnBothSides() {
        VqaReference ref =
                new VqaReference(List.of("2", "2", "2", "two", "2", "2", "3", "3", "2", "2"));
        assertThat(ref.match("Two.", "").score()).isEqualTo(1.0);
        assertThat(ref.match("the 3", "").score()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void chineseAnswersCompareAsWholeStrings() {
        VqaReference ref =
                new VqaReference(
                        List.of(
                                "赛车", "赛车", "赛车", "赛车", "赛车", "赛车", "摩托车越野赛", "摩托车越野赛", "骑行",
                                "骑行"));
        assertThat(ref.match("赛车", "").score()).isEqualTo(1.0);
        assertThat(ref.match("骑行", "").score()).isCloseTo(0.6, within(1e-12));
        assertThat(ref.match("消防车", "").score()).isZero();
    }

    @Test
    void explainsWhatWasCompared() {
        assertThat(answersWith(2).match("racing", "").explanation())
                .isEqualTo("vqa: 'racing' matches 2 of 10 answers");
    }
}
