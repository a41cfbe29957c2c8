package org.vlmeval.scoring.hallucination;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WordClassTest {

    /** Every word of every list: its bits are exactly the lists that hold it. */
    @Test
    void theBitsOfAWordAreTheListsThatHoldIt() {
        Set<String> all = new HashSet<>();
        WordClass.LISTS.forEach(all::addAll);
        assertThat(all).hasSizeGreaterThan(100);
        for (String word : all) {
            int expected = 0;
            for (int bit = 0; bit < WordClass.LISTS.size(); bit++) {
                if (WordClass.LISTS.get(bit).contains(word)) {
                    expected |= 1 << bit;
                }
            }
            assertThat(WordClass.of(word)).as(word).isEqualTo(expected);
        }
    }

    @Test
    void theConstantsNameTheListsInBitOrder() {
        assertThat(
                        List.of(
                                WordClass.VERB,
                                WordClass.BOUNDARY,
                                WordClass.FINITE,
                                WordClass.TITLE,
                                WordClass.REPORT,
                                WordClass.OBJECT_READING,
                                WordClass.TEXT_HOLDER_VERB,
                                WordClass.FAIL,
                                WordClass.NEGATION,
                                WordClass.NEGATIVE_SUBJECT,
                                WordClass.POST_NEGATION,
                                WordClass.HYPOTHETICAL,
                                WordClass.LOCATIVE,
                                WordClass.DEPICTION_VERB))
                .containsExactly(
                        WordClass.LISTS.stream()
                                .map(list -> 1 << WordClass.LISTS.indexOf(list))
                                .toArray(Integer[]::new));
        assertThat(WordClass.of(Words.VERBS.iterator().next()) & WordClass.VERB).isNotZero();
        assertThat(WordClass.of(Words.NEGATIONS.iterator().next()) & WordClass.NEGATION)
                .isNotZero();
        assertThat(WordClass.of(Words.LOCATIVES.iterator().next()) & WordClass.LOCATIVE)
                .isNotZero();
    }

    @Test
    void aWordInNoListHasNoBits() {
        assertThat(WordClass.of("zebra")).isZero();
        assertThat(WordClass.of("")).isZero();
    }
}
