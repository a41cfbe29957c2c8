package org.vlmeval.scoring.reference;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SetReferenceTest {

    private static final SetReference FRUIT =
            new SetReference(
                    List.of("apple", "banana", "orange", "grape", "lemon", "pear", "strawberry"));

    @Test
    void everyItemAndNothingElseIsCorrect() {
        AnswerMatch m =
                FRUIT.match(
                        "Apples, bananas, oranges, grapes, lemons, pears and strawberries.", "");
        assertThat(m.correct()).isTrue();
        assertThat(m.score()).isEqualTo(1.0);
        assertThat(m.explanation()).isEqualTo("set: 7 of 7 items named");
    }

    @Test
    void aMissingItemLowersRecall() {
        AnswerMatch m =
                FRUIT.match("I can see apples, bananas, oranges, grapes, lemons and pears.", "");
        assertThat(m.correct()).isFalse();
        // tp 6, fn 1, fp 0: F1 = 12 / 13
        assertThat(m.score()).isCloseTo(12.0 / 13, within(1e-12));
        assertThat(m.explanation()).endsWith("missing strawberry");
    }

    @Test
    void anExtraObjectLowersPrecision() {
        AnswerMatch m =
                FRUIT.match(
                        "The basket contains: apples, bananas, oranges, grapes, lemons, pears, strawberries and a kiwi.",
                        "");
        assertThat(m.correct()).isFalse();
        // tp 7, fp 1: F1 = 14 / 15
        assertThat(m.score()).isCloseTo(14.0 / 15, within(1e-12));
        assertThat(m.explanation()).contains("extra kiwi");
    }

    @Test
    void synonymsPluralsAndChineseNamesMatchTheSameObject() {
        assertThat(
                        new SetReference(List.of("tv", "cell phone"))
                                .match("A television and two smartphones.", "")
                                .correct())
                .isTrue();
        assertThat(
                        new SetReference(List.of("apple", "banana", "grape"))
                                .match("图中有苹果、香蕉和葡萄。", "")
                                .correct())
                .isTrue();
        assertThat(new SetReference(List.of("苹果", "香蕉")).match("apples and bananas", "").correct())
                .isTrue();
    }

    @Test
    void numbersListedWithChineseEnumerationCommasAreItemsNotABullet() {
        SetReference tiles = new SetReference(List.of("1", "6", "8"));
        assertThat(tiles.match("1、6、8", "").correct()).isTrue();
        assertThat(tiles.match("有西红柿的格子是：1、6、8", "").correct()).isTrue();
        assertThat(tiles.match("1、6", "").correct()).isFalse();
        // A numbered Chinese list keeps its numbering out of the items.
        assertThat(new SetReference(List.of("苹果", "香蕉")).match("1、苹果\n2、香蕉", "").correct())
                .isTrue();
    }

    @Test
    void anIntroductionBeforeTheFirstItemIsNotAnExtra() {
        SetReference ref = new SetReference(List.of("pear", "plum"));
        assertThat(ref.match("From what I can see on the label, pears and plums.", "").correct())
                .isTrue();
        // An unknown entry after the first item in a bare list still counts.
        assertThat(ref.match("pears, plums, quince jam", "").correct()).isFalse();
    }

    @Test
    void negatedSegmentsCountForNothing() {
        AnswerMatch m =
                new SetReference(List.of("apple", "banana"))
                        .match("apples and bananas, but no grapes", "");
        assertThat(m.correct()).as(m.explanation()).isTrue();
    }

    @Test
    void bareListsCountUnknownEntriesAsExtras() {
        AnswerMatch m =
                new SetReference(List.of("apple", "banana"))
                        .match("- Apple\n- Banana\n- Quince jam", "");
        assertThat(m.correct()).isFalse();
        assertThat(m.explanation()).contains("extra quince jam");
    }

    @Test
    void remarksAboutOtherObjectsDoNotSpoilAListOfPositions() {
        SetReference tiles = new SetReference(List.of("top left", "bottom right"));
        AnswerMatch m =
                tiles.match(
                        "Top left, bottom right. The grid also shows peppers and an eggplant.", "");
        assertThat(m.correct()).as(m.explanation()).isTrue();
    }
}
