package org.vlmeval.scoring.hallucination;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authors of a depiction, negative subjects, Chinese compounds that hold a shorter name and the
 * Chinese 像…一样 comparison.
 */
class HallucinationDetectorAuthorAndCompoundTest {

    private final HallucinationDetector detector = HallucinationDetector.create();

    private static List<String> list(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.split("\\|"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "The boy painted a blue boat and a yellow moon.; boat|moon",
                "My grandmother sketched an old bicycle leaning on a fence.; bicycle|fence",
                "The girl photographed a horse in the field.; horse",
                "A teacher wrote a story about a cat on the board.; cat",
                "The boy is painting a boat while a dog watches.; boy|painting|boat|dog",
                "A boat painted white floats near a pier.; boat",
                "A woman photographed by the lake holds a kite.; woman|lake|kite",
                "小女孩画了一匹马和一棵树。; 马|树",
                "爸爸拍的照片里有一辆自行车。; 自行车",
                "学生写了一首关于月亮的诗，旁边放着一个杯子。; 月亮|杯子",
                "女孩在画一匹马，旁边有一只狗。; 女孩|马|狗",
            })
    void theAuthorOfADepictionIsNotInIt(String text, String expected) {
        assertThat(detector.detect(text, List.of()).asserted()).isEqualTo(list(expected));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "Although it is raining, nobody on the street carries an umbrella.; ''",
                "No one near the fountain is walking a dog.; ''",
                "None of the players in the photo wears a hat.; ''",
                "Nobody is lying on the bench.; bench",
                "没有人拿着雨伞。; ''",
                "没人在遛狗。; ''",
            })
    void aNegativeSubjectNegatesItsClause(String text, String expected) {
        assertThat(detector.detect(text, List.of()).asserted()).isEqualTo(list(expected));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "沙发上有一只虎斑猫。; 沙发|虎斑猫",
                "一条虎纹围巾挂在椅子上。; 椅子",
                "桌上有一瓶橄榄油和一个面包。; 桌|瓶|面包",
                "一杯西瓜汁放在桌上。; 杯|桌",
                "盘子旁边有一瓶番茄酱。; 盘子|瓶",
                "桌上有一瓶苹果汁和一个西瓜。; 桌|瓶|苹果汁|西瓜",
                "一个橙子和一串葡萄。; 橙子|葡萄",
            })
    void chineseCompoundsDoNotNameTheShorterObject(String text, String expected) {
        assertThat(detector.detect(text, List.of()).asserted()).isEqualTo(list(expected));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "一只像小马一样高的狗站在门口。; 狗|门口",
                "一只体型像老虎一样大的猫。; 猫",
                "像狗和猫一样的动物在草地上。; 草地",
                "图中有各种动物，像狗和猫。; 狗|猫",
            })
    void chineseLikeAsComparisonIsNoAssertion(String text, String expected) {
        assertThat(detector.detect(text, List.of()).asserted()).isEqualTo(list(expected));
    }
}
