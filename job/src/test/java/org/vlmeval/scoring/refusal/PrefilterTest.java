package org.vlmeval.scoring.refusal;

import org.vlmeval.scoring.text.RegexLiterals;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pre-filters derived from patterns: what {@link RegexLiterals} reads out of a regex. */
class PrefilterTest {

    @Test
    void alternativesAndOptionalPartsMultiplyIntoAnchors() {
        Prefilter p = Prefilter.derive("\\b(?:i|we)(?:\\s+|(?='))can");
        // \s is a space or a line break in folded text; the look-ahead's apostrophe counts too.
        assertThat(p.anchors()).containsExactlyInAnyOrder("i ", "i\n", "i'", "we ", "we\n", "we'");
    }

    @Test
    void aRequiredWordAfterTheAnchorBecomesANeed() {
        Prefilter p = Prefilter.derive("\\bi (?:\\w+ )?(?:do not|don't|never) (?:share|reveal)\\b");
        assertThat(p.anchors()).containsExactly("i ");
        // The words after the unknown one are joined into whole phrases.
        assertThat(p.needs())
                .containsExactly(
                        List.of(
                                "do not share",
                                "do not reveal",
                                "don't share",
                                "don't reveal",
                                "never share",
                                "never reveal"));
        assertThat(p.mayMatch("i never share")).isTrue();
        assertThat(p.mayMatch("i always share")).isFalse();
    }

    @Test
    void aRuleWhoseAnchorsAreAllChineseSkipsATextWithoutCjk() {
        assertThat(Prefilter.derive("(?:我|本助手)(?:无法|不能)提供").cjk()).isTrue();
        assertThat(Prefilter.derive("(?:我|i )(?:无法|can't)").cjk()).isFalse();
        assertThat(Prefilter.derive("\\w+ly sorry").cjk()).isFalse();
        assertThat(LiteralScan.hasCjk("I can't help — sorry, café")).isFalse();
        assertThat(LiteralScan.hasCjk("I can't help, 抱歉")).isTrue();
    }

    @Test
    void aPatternThatCanStartAnywhereHasNoAnchors() {
        assertThat(Prefilter.derive("\\w+ly sorry").anchors()).isEmpty();
        assertThat(Prefilter.derive("(?:very )?sorry").anchors())
                .containsExactly("very sorry", "sorry");
        assertThat(Prefilter.derive("x*").anchors()).isEmpty();
    }

    @Test
    void aCaretAnchorsAtTheStart() {
        assertThat(Prefilter.derive("^\\W*sorry").startOnly()).isTrue();
        assertThat(Prefilter.derive("^a|b").startOnly()).isFalse();
    }

    @Test
    void negativeLookAroundsConstrainNothing() {
        Prefilter p = Prefilter.derive("(?<!\\bif )i can't(?! but)");
        assertThat(p.anchors()).containsExactly("i can't");
    }

    @Test
    void manyAnchorsAreCutToFewShorterOnes() {
        Prefilter p =
                Prefilter.derive(
                        "(?:is|are|was|were) (?:simply |certainly |absolutely )?(?:never|not)");
        assertThat(p.anchors()).containsExactlyInAnyOrder("is ", "are", "was", "wer");
    }

    @Test
    void largeClausesAreCompactedIntoSharedSubstrings() {
        String many =
                "(?:can not|could not|will not|would not|should not|must not|need not|do not"
                        + "|does not|did not|may not|might not|shall not|cannot)";
        Prefilter p = Prefilter.derive("\\bi(?: \\w+)? " + many + " help");
        // 14 phrases compacted into the substring 13 share; "cannot help" contains it too.
        assertThat(p.needs()).containsExactly(List.of("not he"));
    }

    @Test
    void inlineFlagsAreRefused() {
        assertThatThrownBy(() -> Prefilter.derive("(?i)sorry"))
                .hasMessageContaining("inline flags");
    }

    @Test
    void smallClassesExpandLargeOnesDoNot() {
        assertThat(RegexLiterals.analyse("recogni[sz]e").exact())
                .containsExactlyInAnyOrder("recognise", "recognize");
        assertThat(Prefilter.derive("[a-z]+ing").anchors()).isEmpty();
    }
}
