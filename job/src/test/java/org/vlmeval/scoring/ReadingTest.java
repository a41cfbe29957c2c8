package org.vlmeval.scoring;

import org.vlmeval.scoring.reference.ChoiceReference;
import org.vlmeval.scoring.reference.NumericReference;
import org.vlmeval.scoring.reference.Reference;
import org.vlmeval.scoring.reference.SetReference;
import org.vlmeval.scoring.reference.VqaReference;
import org.vlmeval.scoring.reference.YesNoReference;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict's reading: what repeated answers are compared by. */
class ReadingTest {

    private static String reading(Reference reference, String answer) {
        return Scorer.standard()
                .score(new ScoringInput("How many?", reference, null, answer, "stop"))
                .reading();
    }

    @Test
    void everyCorrectAnswerReadsTheSameHoweverWorded() {
        NumericReference seven = new NumericReference(7, 0);
        assertThat(reading(seven, "There are 7 kinds of fruit."))
                .isEqualTo(reading(seven, "Seven."))
                .isEqualTo(Verdict.CORRECT_READING);
        VqaReference grape = new VqaReference(List.of("grape"));
        assertThat(reading(grape, "grape")).isEqualTo(Verdict.CORRECT_READING);
    }

    @Test
    void wrongAnswersReadByWhatTheySay() {
        NumericReference seven = new NumericReference(7, 0);
        assertThat(reading(seven, "I count 6 kinds."))
                .isEqualTo(reading(seven, "There are six kinds of fruit in the basket."))
                .isEqualTo("number:6");
        assertThat(reading(seven, "I count 8.")).isEqualTo("number:8");

        ChoiceReference choice = new ChoiceReference("A", Map.of("A", "cat", "B", "dog"));
        assertThat(reading(choice, "The answer is B.")).isEqualTo(reading(choice, "B) dog"));
        assertThat(reading(choice, "The answer is B.")).isEqualTo("option:B");

        SetReference fruit = new SetReference(List.of("apple", "pear", "plum"));
        assertThat(reading(fruit, "pear, apple")).isEqualTo(reading(fruit, "apple, pear"));
    }

    @Test
    void refusalsAndFreeAnswers() {
        assertThat(reading(new NumericReference(7, 0), "I'm sorry, but I can't help with that."))
                .isEqualTo(Verdict.REFUSAL_READING);
        assertThat(reading(null, "A red car.")).isEqualTo(reading(null, "a red car"));
        assertThat(reading(null, "A red car.")).isNotEqualTo(reading(null, "A blue car."));
    }

    /**
     * A match that reads the answer on the way carries that reading, so a wrong answer is not read
     * again: it must be the reading the reference gives on its own, whatever the answer.
     */
    @Test
    void theReadingAMatchCarriesIsTheReferencesOwn() {
        List<String> answers =
                List.of(
                        "7",
                        "Seven.",
                        "There are 6 apples, next to 2 plates.",
                        "I count 1,200 thousand people (about 1.2 million).",
                        "$28 each, $84 in total.",
                        "\\boxed{12}",
                        "Yes.",
                        "No, it is not open.",
                        "The door is closed.",
                        "Racing",
                        "a red car",
                        "我数了一下，有十二个苹果。",
                        "不是。",
                        "",
                        "None of them.",
                        "apple, pear and a red car",
                        "- apples\n- not the pear\n- 6 plates",
                        "The fruits are: apple; banana");
        List<Reference> references =
                List.of(
                        new NumericReference(7, 0),
                        new NumericReference(1200, 0),
                        new YesNoReference("yes"),
                        new YesNoReference("no"),
                        new VqaReference(List.of("racing", "racing", "motocross")),
                        new SetReference(List.of("apple", "red car", "6")));
        List<String> questions =
                List.of("How many?", "Population in thousands?", "Is the door open?", "");
        int carried = 0;
        for (Reference reference : references) {
            for (String question : questions) {
                for (String answer : answers) {
                    String read = reference.match(answer, question).reading();
                    if (read != null) {
                        carried++;
                        assertThat(read)
                                .as(reference + " / " + question + " / " + answer)
                                .isEqualTo(reference.reading(answer, question));
                    }
                }
            }
        }
        assertThat(carried).isGreaterThan(references.size() * questions.size() * 5);
    }
}
