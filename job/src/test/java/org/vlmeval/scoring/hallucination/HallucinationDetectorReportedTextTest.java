package org.vlmeval.scoring.hallucination;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quoted and reported text, comparisons, classifying possessives, idioms, parts of listed wholes
 * and examples that continue a negation.
 */
class HallucinationDetectorReportedTextTest {

    private final HallucinationDetector detector = HallucinationDetector.create();

    private static List<String> list(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.split("\\|"));
    }

    private List<String> hallucinated(String response, String objects) {
        return detector.detect(response, list(objects)).hallucinated();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                // quotations and titles
                "A poster for *The Fox and the Hound* hangs above a sofa.; poster|couch; ",
                "The mug is printed with \"I love my cat\" in red letters.; cup; ",
                "A girl reads 《小猪佩奇》 on the bed.; person|bed|book; ",
                "墙上的海报印有「熊猫快跑」四个大字，下面摆着一张桌子。; poster|dining table; ",
                "这本书的书名是老虎，封面上有一只猫。; book|cat; ",
                // emphasis in italics is no title
                "The plate holds *three* apples and a *banana*.; apple|plate; banana",
                // reported text goes to the end of the sentence, not past it
                "The chalkboard reads: soup of the day, grilled fish, apple pie. A dog sleeps below"
                        + " it.; sign; dog",
                "The menu shows a burger for $8, fries for $3 and a milkshake.; sign; ",
                "The sign says Fresh Eggs, and a horse stands beside it.; sign; horse",
                "招牌上写着：烤鸭 68元、炒饭 20元，门口有一只狗。; sign; 狗",
                // comparisons
                "The puppy is about as big as a rabbit.; dog; ",
                "A pony that is slightly taller than a goat stands in the field.; horse; ",
                "The suitcase is roughly the height of a child.; suitcase; ",
                "There are more than two cats on the couch.; couch; cat",
                "A cat as well as a dog sits on the rug.; cat; dog",
                "这是一只狗，它跟一只小羊差不多大。; dog; ",
                "这只猫比兔子还小。; cat; ",
                "桌上有一只猫和一只狗，猫和狗一样大。; cat|dining table; 狗",
                // classifying possessives
                "A butcher's knife lies on the cutting board.; knife; ",
                "The woman's umbrella is open.; umbrella; woman",
                // idioms, materials and parts
                "A cat naps in the warm sun on the windowsill.; cat|window; ",
                "A tiger watches visitors through the glass.; tiger; ",
                "Two deer nibble leaves under an oak tree.; deer|tree; ",
                "一只小猫在台阶上晒太阳。; cat|stairs; ",
                // negation through examples
                "There are no pets here, e.g. dogs or cats.; couch; ",
                "No farm animals, such as cows or pigs, are visible.; tractor; ",
                "画面中没有任何水果，例如苹果或香蕉。; dining table; ",
                // vocabulary
                "A fire engine and an ambulance are parked at the curb.; truck; ambulance",
                "路边停着一辆救护车和一辆滑板车。; motorcycle; 救护车",
                "河岸上趴着一条鳄鱼。; river; 鳄鱼",
                "他在吃一碗牛肉面。; person|bowl|noodle; ",
            })
    void reportedComparedAndIdiomaticNamesAreNotAsserted(
            String response, String objects, String expected) {
        assertThat(hallucinated(response, objects)).containsExactlyElementsOf(list(expected));
    }

    @Test
    void theChefsKnifeKeepsTheChef() {
        assertThat(detector.detect("The chef's knife is on the table.", List.of()).asserted())
                .contains("chef", "knife");
    }

    @Test
    void partsNeedTheirWhole() {
        assertThat(hallucinated("Leaves cover the ground.", "grass")).containsExactly("leaf");
        assertThat(ObjectVocabulary.builtIn().wholes("leaf")).contains("tree");
    }

    @Test
    void partLinesAreValidated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ObjectVocabulary.parse("tree : tree : 树\n@part leaf : tree\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(
                        ObjectVocabulary.parse(
                                        "tree : tree : 树\nleaf : leaf : 叶\n@part leaf : tree\n")
                                .wholes("leaf"))
                .containsExactly("tree");
    }
}
