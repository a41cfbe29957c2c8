package org.vlmeval.scoring.hallucination;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectVocabularyTest {

    private final ObjectVocabulary vocab = ObjectVocabulary.builtIn();

    @Test
    void builtInIsLoadedOnceAndHasTheCocoClasses() {
        assertThat(ObjectVocabulary.builtIn()).isSameAs(vocab);
        assertThat(vocab.concepts())
                .contains(
                        "person",
                        "bicycle",
                        "car",
                        "motorcycle",
                        "airplane",
                        "bus",
                        "train",
                        "truck",
                        "boat",
                        "traffic light",
                        "fire hydrant",
                        "stop sign",
                        "parking meter",
                        "bench",
                        "bird",
                        "cat",
                        "dog",
                        "horse",
                        "sheep",
                        "cow",
                        "elephant",
                        "bear",
                        "zebra",
                        "giraffe",
                        "backpack",
                        "umbrella",
                        "handbag",
                        "tie",
                        "suitcase",
                        "frisbee",
                        "skis",
                        "snowboard",
                        "sports ball",
                        "kite",
                        "baseball bat",
                        "baseball glove",
                        "skateboard",
                        "surfboard",
                        "tennis racket",
                        "bottle",
                        "wine glass",
                        "cup",
                        "fork",
                        "knife",
                        "spoon",
                        "bowl",
                        "banana",
                        "apple",
                        "sandwich",
                        "orange",
                        "broccoli",
                        "carrot",
                        "hot dog",
                        "pizza",
                        "donut",
                        "cake",
                        "chair",
                        "couch",
                        "potted plant",
                        "bed",
                        "dining table",
                        "toilet",
                        "tv",
                        "laptop",
                        "mouse",
                        "remote",
                        "keyboard",
                        "cell phone",
                        "microwave",
                        "oven",
                        "toaster",
                        "sink",
                        "refrigerator",
                        "book",
                        "clock",
                        "vase",
                        "scissors",
                        "teddy bear",
                        "hair drier",
                        "toothbrush")
                .contains("eggplant", "kiwi", "watermark", "logo", "lemon", "lime", "grape");
        assertThat(vocab.concepts().size()).isGreaterThan(200);
    }

    @ParameterizedTest
    @CsvSource({
        "bananas, banana",
        "Bananas, banana",
        "ＢＡＮＡＮＡＳ, banana",
        "香蕉, banana",
        "aubergine, eggplant",
        "eggplants, eggplant",
        "茄子, eggplant",
        "people, person",
        "children, person",
        "woman, person",
        "男人, person",
        "孩子, person",
        "knives, knife",
        "mice, mouse",
        "geese, bird",
        "sheep, sheep",
        "leaves, leaf",
        "tomatoes, tomato",
        "potatoes, potato",
        "strawberries, strawberry",
        "cherries, cherry",
        "peaches, peach",
        "番茄, tomato",
        "西红柿, tomato",
        "table, dining table",
        "television, tv",
        "smartphone, cell phone",
        "mobile phone, cell phone",
        "手机, cell phone",
        "motorbike, motorcycle",
        "sofa, couch",
        "hotdog, hot dog",
        "hot-dogs, hot dog",
        "热狗, hot dog",
        "teddy bears, teddy bear",
        "traffic lights, traffic light",
        "sports ball, sports ball",
        "橙子, orange",
        "橘子, orange",
        "oranges, orange",
        "a watermark, watermark",
        "水印, watermark",
        "标志, logo",
        "汽车, car",
        "车, car",
        "猫头鹰, bird",
        "t-shirts, shirt",
        "'  The Kiwis ', kiwi",
    })
    void canonicalMapsNamesToOneConcept(String phrase, String canonical) {
        assertThat(vocab.canonical(phrase)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "cartography",
                "unicorn",
                "fruit",
                "图中",
                "bird's eye",
                "令人",
                "橙色"
            })
    void canonicalOfUnknownIsEmpty(String phrase) {
        assertThat(vocab.canonical(phrase)).isEqualTo(Optional.empty());
    }

    @Test
    void canonicalOfNullIsEmpty() {
        assertThat(vocab.canonical(null)).isEmpty();
    }

    @Test
    void cartIsNotCar() {
        assertThat(vocab.canonical("cart")).contains("cart");
        assertThat(vocab.canonical("car")).contains("car");
    }

    @Test
    void parseReadsACustomVocabulary() {
        ObjectVocabulary v =
                ObjectVocabulary.parse(
                        "# test\nunicorn : unicorn, pegasus/pegasi : 独角兽\n- : unicorn horn :\n");
        assertThat(v.canonical("Pegasi")).contains("unicorn");
        assertThat(v.canonical("unicorns")).contains("unicorn");
        assertThat(v.canonical("独角兽")).contains("unicorn");
        assertThat(v.canonical("unicorn horn")).isEmpty();
        assertThat(v.canonical("dog")).isEmpty();
    }

    @Test
    void parseRejectsANameGivenToTwoConcepts() {
        assertThatThrownBy(() -> ObjectVocabulary.parse("a : x : \nb : x :"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> ObjectVocabulary.parse("a only two columns : x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plurals() {
        assertThat(ObjectVocabulary.plurals("bus")).containsExactly("buses");
        assertThat(ObjectVocabulary.plurals("cherry")).containsExactly("cherries");
        assertThat(ObjectVocabulary.plurals("toy")).containsExactly("toys");
        assertThat(ObjectVocabulary.plurals("mango")).containsExactly("mangos", "mangoes");
        assertThat(ObjectVocabulary.plurals("hot dog")).containsExactly("hot dogs");
        assertThat(ObjectVocabulary.plurals("peach")).containsExactly("peaches");
    }
}
