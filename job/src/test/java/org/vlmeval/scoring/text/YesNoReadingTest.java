package org.vlmeval.scoring.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class YesNoReadingTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // leading word
                "Is there a cat? | Yes, a grey cat sits on the mat. | true | leading",
                "Is there a cat? | No. | false | leading",
                "Is there a cat? | Nope, only a dog. | false | leading",
                "Is the bus red? | Correct, it is red. | true | leading",
                "桌上有杯子吗？ | 有，桌上有一个白色杯子。 | true | leading",
                "桌上有杯子吗？ | 没有。 | false | leading",
                "这是苹果吗？ | 不是，这是梨。 | false | leading",
                "这是苹果吗？ | 是的。 | true | leading",
                // marker
                "Is the sum above 50? | 20 + 40 = 60, which is above 50. Final answer: yes | true | marker",
                "Is the sum above 50? | Let me check each bar. The answer is **No**. | false | marker",
                "和大于50吗？ | 20加40等于60。答案：是 | true | marker",
                // first sentence, POPE's convention
                "Is there a dog in the picture? | There is no dog in the picture. | false | first",
                "Is there a dog in the picture? | A dog is lying under the table. | true | first",
                "Is Peru the largest? | Peru isn't the largest; Chile is. | false | first",
                "Is Peru the largest? | Peru is not the largest country in the chart. | false | first",
                "图中有狗吗？ | 图中没有狗，只有一只猫。 | false | first",
                "图中有狗吗？ | 图中一只小狗在草地上奔跑。 | true | first",
                // conclusion about the question's subject
                "Is Peru the largest? | Peru has 30 and Chile 45. Therefore, Peru is not the largest. | false | conclusion",
                "A国的收入最高吗？ | A国收入为30，B国为45。所以A国的收入不是最高的。 | false | conclusion",
            })
    void readsTheYesOrTheNo(String question, String response, boolean yes, String rule) {
        YesNoReading.Read read = YesNoReading.read(response, question).orElseThrow();
        assertThat(read.yes()).isEqualTo(yes);
        assertThat(read.rule()).startsWith(rule);
    }

    @Test
    void idiomsNegateNothing() {
        assertThat(YesNoReading.read("No doubt about it, a cat is there.", "Is there a cat?"))
                .map(YesNoReading.Read::yes)
                .contains(true);
        assertThat(YesNoReading.read("Not only a cat but also a dog.", "Is there a cat?"))
                .map(YesNoReading.Read::yes)
                .contains(true);
    }

    @Test
    void aConclusionAboutSomethingElseIsNotTheAnswer() {
        // "so it is not a cat" speaks of a cat, not of the dog asked about
        YesNoReading.Read read =
                YesNoReading.read(
                                "There is a dog on the grass. So it is not a cat.",
                                "Is there a dog?")
                        .orElseThrow();
        assertThat(read.yes()).isTrue();
        assertThat(read.rule()).startsWith("first sentence");
    }

    @Test
    void nothingToReadGivesNothing() {
        assertThat(YesNoReading.read("...", "Is there a dog?")).isEmpty();
        assertThat(YesNoReading.read("42", "Is there a dog?")).isEmpty();
    }

    private static Boolean yes(String answer, String question) {
        return YesNoReading.read(answer, question).map(YesNoReading.Read::yes).orElse(null);
    }

    @Test
    void aStatementOfTheOppositeStateIsANo() {
        assertThat(yes("The door is closed.", "Is the door open?")).isFalse();
        assertThat(yes("The door is shut tight.", "Is the door open?")).isFalse();
        assertThat(yes("The glass is empty.", "Is the glass full?")).isFalse();
        assertThat(yes("The road looks dry.", "Is the road wet?")).isFalse();
        assertThat(yes("The two cups are different colours.", "Are the cups the same colour?"))
                .isFalse();
        assertThat(yes("Looking closely, the door is closed.", "Is the door open?")).isFalse();
        // The opposite negated is the asked state.
        assertThat(yes("The door is not closed.", "Is the door open?")).isTrue();
        assertThat(yes("The door isn't shut.", "Is the door open?")).isTrue();
        // Asked the other way round.
        assertThat(yes("The door is open.", "Is the door closed?")).isFalse();
        assertThat(yes("The door is closed.", "Is the door closed?")).isTrue();
    }

    @Test
    void theOppositeRuleStaysOutOfWhatItCannotTell() {
        // The asked state named too: the sentence is about it.
        assertThat(yes("The door is open and the window is closed.", "Is the door open?")).isTrue();
        // Two states asked: not a question about one of them.
        assertThat(yes("The door is closed.", "Is the door open or closed?")).isTrue();
        // No state asked.
        assertThat(yes("The door is closed.", "Is there a door?")).isTrue();
        // A leading word or a marker still decides first.
        assertThat(yes("Yes, the door is open; the lid is closed.", "Is the door open?")).isTrue();
        assertThat(yes("No, it is open.", "Is the door closed?")).isFalse();
        assertThat(
                        YesNoReading.read("The door is closed.", "Is the door open?")
                                .orElseThrow()
                                .rule())
                .isEqualTo("first sentence, states 'closed'");
    }
}
