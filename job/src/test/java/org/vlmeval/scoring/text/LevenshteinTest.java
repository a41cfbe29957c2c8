package org.vlmeval.scoring.text;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

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

    @Property(tries = 300)
    void isSymmetricAndBoundedByTheLongerLength(@ForAll String a, @ForAll String b) {
        int d = Levenshtein.distance(a, b);
        assertThat(d).isEqualTo(Levenshtein.distance(b, a));
        assertThat(d)
                .isLessThanOrEqualTo(
                        Math.max(a.codePointCount(0, a.length()), b.codePointCount(0, b.length())));
        assertThat(Levenshtein.distance(a, a)).isZero();
    }
}
