package org.vlmeval.scoring.hallucination;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compounds assert their head noun, not their modifier (objects.txt, "head nouns of compounds"):
 * each row is an answer and the objects it asserts ({@code |}-separated, empty for none; one name
 * per object, the first the answer uses).
 */
class HallucinationDetectorHeadNounTest {

    private static final HallucinationDetector DETECTOR = HallucinationDetector.create();

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = ';',
            value = {
                // passenger + vehicle: the vehicle, no person
                "A passenger train waits at the platform.;passenger train",
                "Two passenger jets fly overhead.;passenger jet",
                "A passenger ferry crosses the bay.;passenger ferry",
                // ... but a passenger on its own is a person
                "A passenger waits for the train.;passenger|train",
                // baby / adult + animal: the animal, no person
                "A baby elephant walks behind the herd.;baby elephant",
                "An adult giraffe feeds its baby giraffe.;adult giraffe",
                "Three baby sheep in a pen.;baby sheep",
                // ... but a baby next to an animal is a person
                "A baby sits next to an elephant.;baby|elephant",
                // tracks and stations are there without a train
                "Train tracks run through the snow.;",
                "The train station is empty.;",
                "A train stands on the train tracks.;train",
                // a sport is not a ball
                "Kids playing baseball in a park.;kid",
                "A crowd watches the football match.;crowd",
                "The basketball court is wet.;",
                "A boy holds a basketball.;boy|basketball",
                "He played football with a football.;football",
                // Chinese
                "一列客运火车停在站台。;客运火车",
                "孩子们在打棒球。;孩子",
                "足球场上有一只狗。;狗",
                "火车轨道穿过雪地。;",
                "鸟瞰整个城市。;",
                "一只鸟站在火车轨道上。;鸟",
                "男孩手里拿着一个篮球。;男孩|篮球",
            })
    void compoundsAssertTheirHead(String answer, String expected) {
        List<String> want = expected == null ? List.of() : Arrays.asList(expected.split("\\|"));
        assertThat(DETECTOR.detect(answer, List.of()).asserted())
                .as(answer)
                .containsExactlyElementsOf(want);
    }

    @Test
    void theHeadIsJudgedAgainstTheObjectsListAsItsObject() {
        List<String> objects = List.of("train", "elephant");
        for (String answer : List.of("A passenger train and a baby elephant.", "客运火车旁边有一头小象。")) {
            assertThat(DETECTOR.detect(answer, objects).hallucinated()).as(answer).isEmpty();
            assertThat(DETECTOR.detect(answer, List.of("person")).hallucinated())
                    .as(answer)
                    .hasSize(2);
        }
    }
}
