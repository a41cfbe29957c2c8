package org.vlmeval.scoring.reference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumericReferenceTest {

    @Test
    void comparesTheStatedAnswerWithinTheTolerance() {
        NumericReference ref = new NumericReference(100, 0);
        AnswerMatch m =
                ref.match(
                        "Each piece has 20 kcal, so 5 pieces have 100 kcal.",
                        "How many kcal in 5 pieces?");
        assertThat(m.correct()).isTrue();
        assertThat(m.explanation())
                .isEqualTo(
                        "numeric: read 100 from '100' (conclusion 'so', after 'have'), expected 100");
        assertThat(new NumericReference(3.14, 0.01).match("about 3.149", "").correct()).isTrue();
        assertThat(new NumericReference(3.14, 0.001).match("about 3.149", "").correct()).isFalse();
    }

    @Test
    void decimalRoundingIsNotAMiss() {
        assertThat(new NumericReference(0.3, 0).match("0.30", "").correct()).isTrue();
    }

    @Test
    void noNumberIsExplained() {
        AnswerMatch m = new NumericReference(7, 0.5).match("There are several kinds.", "");
        assertThat(m.correct()).isFalse();
        assertThat(m.explanation()).isEqualTo("numeric: no number found, expected 7 ±0.5");
    }

    @Test
    void rejectsNegativeTolerance() {
        assertThatThrownBy(() -> new NumericReference(1, -1)).hasMessageContaining("tolerance");
    }
}
