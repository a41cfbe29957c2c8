package org.vlmeval.scoring.text;

import org.vlmeval.testing.RandomText;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LevenshteinTest {

    @Test
    void countsEditsOverCodePoints() {
        assertThat(Levenshtein.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Levenshtein.distance("", "abc")).isEqualTo(3);
        assertThat(Levenshtein.distance("葡萄", "葡桃")).isEqualTo(1);
        // One emoji is one character, as Python counts it, not two UTF-16 units.
        assertThat(Levenshtein.distance("a😀", "ab")).isEqualTo(1);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> pairs() {
        List<String> texts = RandomText.strings(301).toList();
        return java.util.stream.IntStream.range(0, texts.size() - 1)
                .mapToObj(
                        i ->
                                org.junit.jupiter.params.provider.Arguments.of(
                                        texts.get(i), texts.get(i + 1)));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void isSymmetricAndBoundedByTheLongerLength(String a, String b) {
        int d = Levenshtein.distance(a, b);
        assertThat(d).isEqualTo(Levenshtein.distance(b, a));
        assertThat(d)
                .isLessThanOrEqualTo(
                        Math.max(a.codePointCount(0, a.length()), b.codePointCount(0, b.length())));
        assertThat(Levenshtein.distance(a, a)).isZero();
    }
}
