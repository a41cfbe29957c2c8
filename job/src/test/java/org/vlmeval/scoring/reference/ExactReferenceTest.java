package org.vlmeval.scoring.reference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExactReferenceTest {

    @ParameterizedTest(name = "[{index}] {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "grape|Grape|true",
                "grape|grapes.|true",
                "grape|The answer is: the grape!|true",
                "grape|ＧＲＡＰＥ|true",
                "grape|The smallest fruit is the grape.|true",
                "grape|Grapes are the smallest.|true",
                "grape|The smallest is the grape and the sourest is the lemon.|true",
                "grape|The smallest is the lemon and the sourest is the grape.|false",
                "grape|lemon|false",
                "grape|A grapefruit|false",
                "red and white|The flag is red and white.|true",
                "red and white|The flag is red.|false",
                "葡萄|葡萄|true",
                "葡萄|答案是：葡萄。|true",
                "葡萄|最小的水果是葡萄。|true",
                "葡萄|最小的是柠檬，最酸的是葡萄。|false",
                "New York|new-york|true",
                "orange|The umbrella appears to be orange.|true",
                "red|It looks red.|true",
                "red|The car is red in colour.|true",
                "umbrella|She is holding an umbrella.|true",
                "红色|汽车是红色的。|true",
                "红色|红色的。|true",
                "猫|是一只猫。|true",
                "狗|图中的动物是狗（dog）。|true",
                "狗|图中的动物是猫（不是狗）。|false",
            })
    void comparesNormalizedShortAnswers(String answer, String response, boolean correct) {
        AnswerMatch m =
                new ExactReference(List.of(answer)).match(response, "Which fruit is the smallest?");
        assertThat(m.correct()).as(m.explanation()).isEqualTo(correct);
        assertThat(m.score()).isEqualTo(correct ? 1.0 : 0.0);
    }

    @org.junit.jupiter.api.Test
    void anyAcceptedAnswerCounts() {
        ExactReference ref = new ExactReference(List.of("lemon", "柠檬"));
        assertThat(ref.match("柠檬", "").correct()).isTrue();
        assertThat(ref.match("Lemons", "").correct()).isTrue();
        assertThat(ref.match("lime", "").explanation())
                .isEqualTo("exact: 'lime' is not one of lemon | 柠檬");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Moby Dick|**Book title:** _Moby Dick_|true",
                "green|Colour: green|true",
                "Rome|The train on platform 4 is bound for Rome.|true",
                "Rome|This bus goes to Rome.|true",
                "Rome|The train is not bound for Rome.|false",
                "Rome|It goes to either Rome or Milan.|false",
                "Rome|The train to Milan leaves first, then one for Rome.|false",
                "Mark Twain|I believe the novel on the left is Tom Sawyer by Mark Twain.|true",
                "tulip|That's a tulip in the window box.|true",
                "tulip|That's a rose next to the tulip.|false",
                "杭州|这趟高铁开往杭州。|true",
                "杭州|这趟高铁不是开往杭州的。|false",
                "老舍|书架上那本是老舍的《骆驼祥子》。|true",
                "green|Answer: **green**|true",
                "蓝色|颜色：蓝色|true",
                "green|Colour: blue, not green|false",
                "green|The door is **green** and a brass knocker hangs on it.|true",
                "green|The door is green with brass hinges.|true",
                "green|The kettle is green, with a black handle.|true",
                "green|The door is blue with green hinges.|false",
                "green|The car that is parked is **green**.|true",
                "green|It is a blue car which has **green** mirrors and **red** seats.|false",
            })
    void labelsAndModifiersAreNotPartOfTheAnswer(String answer, String response, boolean ok) {
        AnswerMatch m = new ExactReference(List.of(answer)).match(response, "");
        assertThat(m.correct()).as(m.explanation()).isEqualTo(ok);
    }
}
