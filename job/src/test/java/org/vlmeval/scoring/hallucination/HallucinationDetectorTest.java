package org.vlmeval.scoring.hallucination;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HallucinationDetectorTest {

    private final HallucinationDetector detector = HallucinationDetector.create();

    private List<String> asserted(String response) {
        return detector.detect(response, List.of()).asserted();
    }

    /** Splits a '|'-separated expectation; an empty one is the empty list. */
    private static List<String> list(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.split("\\|"));
    }

    @Test
    void createReturnsOneSharedInstance() {
        assertThat(HallucinationDetector.create()).isSameAs(detector);
    }

    @Test
    void fruitBasket() {
        ObjectMentions m =
                detector.detect(
                        "The basket holds red apples, two bananas, oranges, a bunch of grapes, a"
                                + " lemon, pears and strawberries. A sliced kiwi lies in front.",
                        List.of(
                                "apple",
                                "banana",
                                "orange",
                                "grape",
                                "lemon",
                                "pear",
                                "strawberry"));
        assertThat(m.asserted())
                .containsExactly(
                        "basket",
                        "apple",
                        "banana",
                        "orange",
                        "grape",
                        "lemon",
                        "pear",
                        "strawberry",
                        "kiwi");
        // The basket is a container the annotation does not cover (no household item listed).
        assertThat(m.hallucinated()).containsExactly("kiwi");
    }

    @Test
    void backgroundFurnishingsAndClothingAreJudgedOnlyWhenTheirGroupIsListed() {
        String answer = "A man in a red shirt sits on a bench under a tree, next to a flower bed.";
        assertThat(detector.detect(answer, List.of("person", "bench")).hallucinated()).isEmpty();
        // Reported as the answer names it.
        assertThat(detector.detect(answer, List.of("person", "bench", "tree")).hallucinated())
                .containsExactly("flower bed");
        assertThat(detector.detect(answer, List.of("person", "bench", "hat")).hallucinated())
                .containsExactly("shirt");
        // Objects (COCO classes, fruit, food, animals) and invented artifacts are always judged.
        assertThat(detector.detect("A dog and a watermark.", List.of()).hallucinated())
                .containsExactly("dog", "watermark");
    }

    @Test
    void fruitBasketWithBasketPresent() {
        ObjectMentions m =
                detector.detect(
                        "Apples, bananas, oranges, grapes, lemons, pears, strawberries and a kiwi.",
                        List.of(
                                "apple",
                                "banana",
                                "orange",
                                "grape",
                                "lemon",
                                "pear",
                                "strawberry"));
        assertThat(m.hallucinated()).containsExactly("kiwi");
    }

    @Test
    void captchaGrid() {
        ObjectMentions m =
                detector.detect(
                        "The image shows a CAPTCHA grid with tomatoes and an eggplant",
                        List.of("tomato"));
        assertThat(m.asserted()).containsExactly("tomato", "eggplant");
        assertThat(m.hallucinated()).containsExactly("eggplant");
    }

    @Test
    void inventedWatermark() {
        ObjectMentions m = detector.detect("There is a faint watermark in the corner", List.of());
        assertThat(m.asserted()).containsExactly("watermark");
        assertThat(m.hallucinated()).containsExactly("watermark");
        assertThat(
                        detector.detect("There is a faint watermark.", List.of("watermark"))
                                .hallucinated())
                .isEmpty();
    }

    @Test
    void emptyAndBlankResponses() {
        assertThat(detector.detect("", List.of("dog")))
                .isEqualTo(new ObjectMentions(List.of(), List.of()));
        assertThat(detector.detect("   \n ", List.of()))
                .isEqualTo(new ObjectMentions(List.of(), List.of()));
        assertThat(detector.detect(null, null).asserted()).isEmpty();
        assertThat(detector.detect("A dog.", null).hallucinated()).containsExactly("dog");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                // plurals and synonyms, reported singular as written
                "Two eggplants and an aubergine. => eggplant",
                "An aubergine and two eggplants. => aubergine",
                "Three men and two women are talking with the children. => man",
                "A group of people stand near the knives. => person|knife",
                "Geese and sheep graze; mice hide under the leaves. => goose|sheep|mouse|leaf",
                "Tomatoes, potatoes, cherries and peaches. => tomato|potato|cherry|peach",
                "A sofa and a TV, plus a smartphone on the couch. => sofa|tv|smartphone",
                "ＴＨＲＥＥ ＤＯＧＳ on a Motorbike => dog|motorbike",
                // longest match
                "A hot dog and a teddy bear => hot dog|teddy bear",
                "A hotdog next to a hot-dog. => hotdog",
                "A fire hydrant, a traffic light and a cell phone. => fire hydrant|traffic light|cell phone",
                "A cell phone and a phone. => cell phone",
                "A stop sign near a dog. => stop sign|dog",
                // word boundaries
                "A cart full of pineapples. => cart|pineapple",
                "The cartoon shows a catalog about dogmatic carpenters. => ",
                "Scattered caterpillars. => ",
                // modifier use of colour/material/brand words
                "A man holds an orange umbrella. => man|umbrella",
                "An orange cat sleeps. => cat",
                "The cat is orange. => cat",
                "The cat is orange and white. => cat",
                "A black and orange striped shirt. => shirt",
                "A glass of orange juice. => glass|orange juice",
                "An orange sits next to an apple. => orange|apple",
                "There is an apple and an orange. => apple|orange",
                "A laptop with an Apple logo. => laptop|logo",
                "A lime green car. => car",
                "A glass vase. => vase",
                "A dog-shaped cloud. => cloud",
                "A bird's-eye view of a street. => street",
            })
    void assertsObjects(String response, String expected) {
        assertThat(asserted(response)).containsExactlyElementsOf(list(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                "There is no eggplant. => ",
                "I don't see any dog. => ",
                "I do not see any dog. => ",
                "No watermark is visible. => ",
                "A man without a hat. => man",
                "Neither a cat nor a dog is present. => ",
                "There isn't a tv. => ",
                "There aren’t any cars. => ",
                "It is not a lemon but a lime. => lime",
                "It is a lime, not a lemon. => lime",
                "It's a lime instead of a lemon. => lime",
                "Is there a dog? No. => ",
                "Is there a dog in the image? No, there is not. => ",
                "Is there a dog in the image? No, but there is a cat. => cat",
                "Is there a dog? Yes. => dog",
                "There is no dog, but there is a cat. => cat",
                "There is no dog; there is a cat. => cat",
                "There is no dog. A cat sleeps. => cat",
                "There is no dog however a cat sleeps. => cat",
                "There are no dogs, cats, or birds. => ",
                "There are no dogs, cats and birds in the picture. => ",
                "There is no dog, a cat is sleeping. => cat",
                "There is no dog on the sofa. => sofa",
                "The apple is not on the table but on the chair. => apple|table|chair",
                "The dog is not visible. => ",
                "A cat sits on the sofa and the dog cannot be seen. => cat|sofa",
                "The cat and the dog are absent. => ",
                "If there were a dog, it would bark. => ",
                "If you look closely, there is a dog. => dog",
                "The question asks whether there is a dog. There is a cat. => cat",
                "Not only a cat but also a dog. => cat|dog",
                "No, there is a cat. => cat",
                "There is nothing but a cat. => cat",
            })
    void handlesNegation(String response, String expected) {
        assertThat(asserted(response)).containsExactlyElementsOf(list(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                "图中没有茄子。 => ",
                "图中有苹果和香蕉，没有茄子。 => 苹果|香蕉",
                "图中有苹果、香蕉、橙子及葡萄。 => 苹果|香蕉|橙子|葡萄",
                "桌上有苹果和香蕉以及一个橘子 => 桌|苹果|香蕉|橘子",
                "图中无狗。 => ",
                "这不是柠檬，而是青柠。 => 青柠",
                "这不是柠檬而是青柠。 => 青柠",
                "画面中并无水印。 => ",
                "未见任何车辆。 => ",
                "我看不到猫。 => ",
                "图中不存在狗 => ",
                "没有狗，但是有一只猫。 => 猫",
                "没有苹果、香蕉和橙子。 => ",
                "狗不在图中，猫在沙发上。 => 猫|沙发",
                "如果有狗，它会叫。 => ",
                "图中有狗吗？没有。 => ",
                "图中有狗吗？是的。 => 狗",
                "一只猫头鹰站在树上。 => 猫头鹰|树",
                "桌上有西红柿和番茄酱 => 桌|西红柿",
                "一个热狗和一只狗。 => 热狗|狗",
                "一件橙色的衣服。 => ",
                "有两个男人和一个女人。 => 男人",
                "一个人在人行道上走，令人惊讶。 => 人|人行道",
                "无花果和无人机。 => 无花果|无人机",
                "图片右下角有一个水印和一个logo。 => 水印|logo",
                "我无法看到任何狗。 => ",
            })
    void handlesChinese(String response, String expected) {
        assertThat(asserted(response)).containsExactlyElementsOf(list(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                // failing to perceive is a negation, scoped like "can't find"
                "We were unable to locate a giraffe; the meadow has only zebras. => zebra",
                "The model failed to spot any truck near the bus. => bus",
                "I failed to clearly notice a kite, but a boy runs on the grass. => boy|grass",
                "I could not detect a horse in this photo. => ",
                "They did not find a bottle, only cups. => cup",
                "You do not notice the cat at first. => ",
                "The dog failed to catch the frisbee. => dog|frisbee",
                "The boy is unable to reach the kite. => boy|kite",
                "我未能在图中找到长颈鹿，草地上只有斑马。 => 草地|斑马",
                "模型没能发现卡车。 => ",
                "我们没有看到马，只看到一头牛。 => 牛",
                "无法找到任何风筝。 => ",
                "未检测到自行车，但有一辆汽车。 => 汽车",
            })
    void failingToPerceiveNegates(String response, String expected) {
        assertThat(asserted(response)).containsExactlyElementsOf(list(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                "The cloud looks a bit like a horse. => cloud",
                "From afar the rock looked like a bear, yet it is a boulder. => rock",
                "The puppy resembling a fox sleeps on the rug. => puppy|rug",
                "The vase is shaped like a pineapple. => vase",
                "This pillow is similar in shape to a banana. => pillow",
                "The kite reminds me of an eagle or a hawk. => kite",
                "The sculpture, reminiscent of a lion, stands by the gate. => gate",
                "A cushion in the shape of a cat lies on the sofa. => cushion|sofa",
                "It looks more like a wolf than a dog, sitting on a bench. => bench",
                // hedged assertions stay assertions
                "It looks like there is a cow behind the fence. => cow|fence",
                "It looks like a horse is grazing on the grass. => horse|grass",
                "There seems to be a goat on the hill. => goat|hill",
                "The bird looks happy. => bird",
                "I like the dog. => dog",
                "这块石头看起来像一只熊。 => 石头",
                "云朵好像一匹马，天空很蓝。 => 云朵",
                "那个枕头很像香蕉和黄瓜。 => 枕头",
                "这只小狗不像猫。 => 小狗",
                "好像有一只猫在沙发上。 => 猫|沙发",
                "图像中有一只猫。 => 猫",
                "院子里有几种动物，像鸡和小狗。 => 鸡|小狗",
            })
    void comparisonsDoNotAssert(String response, String expected) {
        assertThat(asserted(response)).containsExactlyElementsOf(list(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = " => ",
            value = {
                "As for the giraffe, the enclosure only holds zebras. => zebra",
                "Concerning the truck: only a bus is parked here. => bus",
                "With regard to the horse, I see none. => ",
                "About the laptop you mentioned: the desk has a keyboard. => desk|keyboard",
                "The giraffe: the picture shows two zebras instead. => zebra",
                "Horse: not present. => ",
                // the next clause takes the topic up: it is asserted
                "As for the horse, it is grazing near the barn. => horse|barn",
                "Regarding the apples, they are on the table. => apple|table",
                "As for the horse, it is not visible. => ",
                "Dog: yes. => dog",
                "Cups: 2 => cup",
                "Laptop: open on the desk. => laptop|desk",
                // not a topic
                "About three dogs sit by the car. => dog|car",
                "A book about horses lies on the bed. => book|horse|bed",
                "There are two animals: a horse and a cow. => horse|cow",
                "至于长颈鹿，围栏里只有斑马。 => 围栏|斑马",
                "对于您提到的卡车：停车场里只有公交车。 => 公交车",
                "关于狗，它正在沙发上睡觉。 => 狗|沙发",
                "长颈鹿：没有。 => ",
            })
    void topicRestatementsDoNotAssert(String response, String expected) {
        assertThat(asserted(response)).containsExactlyElementsOf(list(expected));
    }

    @Test
    void topicAndComparisonAreJudgedAgainstTheImage() {
        List<String> present = List.of("zebra", "cat");
        assertThat(
                        detector.detect(
                                        "Regarding the giraffe: I'm unable to see one; the zebra"
                                                + " resembles a horse, and the cat looks like a"
                                                + " fox.",
                                        present)
                                .hallucinated())
                .isEmpty();
        assertThat(detector.detect("As for the giraffe, it eats leaves.", present).hallucinated())
                .containsExactly("giraffe");
    }

    @Test
    void chinesePresentListWithEnglishAnswer() {
        ObjectMentions m =
                detector.detect("A woman eats an eggplant and a tomato.", List.of("女人", "茄子"));
        assertThat(m.asserted()).containsExactly("woman", "eggplant", "tomato");
        assertThat(m.hallucinated()).containsExactly("tomato");
    }

    @Test
    void englishPresentListWithChineseAnswer() {
        ObjectMentions m = detector.detect("图中有一个男人、一只狗和一个西红柿。", List.of("person", "Tomatoes"));
        assertThat(m.asserted()).containsExactly("男人", "狗", "西红柿");
        assertThat(m.hallucinated()).containsExactly("狗");
    }

    @Test
    void presentEntriesAreMappedThroughSynonymsAndUnknownOnesByText() {
        assertThat(
                        detector.detect(
                                        "A sofa, a television and a puppy.",
                                        List.of("couch", "TV", "dogs"))
                                .hallucinated())
                .isEmpty();
        ObjectVocabulary v = ObjectVocabulary.parse("gizmo : gizmo : 小玩意\n");
        HallucinationDetector custom = HallucinationDetector.create(v);
        assertThat(custom.detect("Two gizmos.", List.of("Gizmos")).hallucinated()).isEmpty();
        assertThat(custom.detect("Two gizmos.", List.of("widget")).hallucinated())
                .containsExactly("gizmo");
    }

    @Test
    void repeatsOfAConceptAreReportedOnce() {
        ObjectMentions m =
                detector.detect(
                        "A dog. Another dog, a puppy and 狗. The dogs play.", List.of("cat"));
        assertThat(m.asserted()).containsExactly("dog");
        assertThat(m.hallucinated()).containsExactly("dog");
    }

    @Test
    void negatedMentionDoesNotHideALaterAssertion() {
        assertThat(asserted("There is no dog. Wait, there is a dog behind the tree."))
                .containsExactly("dog", "tree");
    }
}
