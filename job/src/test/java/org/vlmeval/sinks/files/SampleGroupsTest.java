package org.vlmeval.sinks.files;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.scoring.Verdict;
import org.vlmeval.testing.Rows;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SampleGroupsTest {

    private static AnswerRow sample(String request, int sample, String reading, Boolean correct) {
        return Rows.answer()
                .requestId(request)
                .sample(sample)
                .reading(reading)
                .correct(correct)
                .build();
    }

    private static AnswerRow failed(String request, int sample) {
        return Rows.answer().requestId(request).sample(sample).error("timeout").build();
    }

    @Test
    void requestsAskedOnceAreNotRepeated() {
        SampleGroups g = SampleGroups.of(List.of(sample("a", 0, "number:6", false)));

        assertThat(g).isEqualTo(SampleGroups.NONE);
        assertThat(g.stability()).isNull();
        assertThat(g.stabilityCi()).isNull();
    }

    @Test
    void stableWhenEveryAnsweredSampleReadsTheSame() {
        List<AnswerRow> rows =
                List.of(
                        // stable and right
                        sample("a", 0, Verdict.CORRECT_READING, true),
                        sample("a", 1, Verdict.CORRECT_READING, true),
                        // wavering 6 / 7 / 6: the majority is wrong, the first sample too
                        sample("b", 0, "number:6", false),
                        sample("b", 1, Verdict.CORRECT_READING, true),
                        sample("b", 2, "number:6", false),
                        // a failed sample does not break agreement; the two answers agree
                        sample("c", 0, "option:B", false),
                        failed("c", 1),
                        sample("c", 2, "option:B", false),
                        // one answer and one failure: nothing to compare
                        sample("d", 0, "number:1", false),
                        failed("d", 1));

        SampleGroups g = SampleGroups.of(rows);

        assertThat(g.repeatedEvents()).isEqualTo(3);
        assertThat(g.stableEvents()).isEqualTo(2);
        assertThat(g.firstScored()).isEqualTo(3);
        assertThat(g.firstCorrect()).isEqualTo(1);
        assertThat(g.majorityScored()).isEqualTo(3);
        assertThat(g.majorityCorrect()).isEqualTo(1);
        assertThat(g.stability()).isEqualTo(2.0 / 3);
    }

    @Test
    void aTieGoesToTheEarliestSamplesReadingWhateverTheRowOrder() {
        List<AnswerRow> rows =
                new ArrayList<>(
                        List.of(
                                sample("a", 0, "number:6", false),
                                sample("a", 1, Verdict.CORRECT_READING, true),
                                sample("b", 0, Verdict.CORRECT_READING, true),
                                sample("b", 1, "number:8", false)));
        SampleGroups forward = SampleGroups.of(rows);
        java.util.Collections.reverse(rows);
        SampleGroups backward = SampleGroups.of(rows);

        assertThat(forward).isEqualTo(backward);
        assertThat(forward.majorityCorrect()).as("b's first sample wins its tie").isEqualTo(1);
        assertThat(forward.stableEvents()).isZero();
    }

    @Test
    void withoutAReferenceOnlyStabilityIsKnown() {
        SampleGroups g =
                SampleGroups.of(
                        List.of(
                                sample("a", 0, "text:a red car", null),
                                sample("a", 1, "text:a red car", null),
                                sample("b", 0, Verdict.REFUSAL_READING, null),
                                sample("b", 1, "text:a cat", null)));

        assertThat(g.repeatedEvents()).isEqualTo(2);
        assertThat(g.stableEvents()).isEqualTo(1);
        assertThat(g.firstSampleAccuracy()).isNull();
        assertThat(g.majorityAccuracy()).isNull();
    }

    @Test
    void ratesOfTheSummaryCountFirstSamplesAndCallsCountThemAll() {
        List<AnswerRow> rows =
                List.of(
                        sample("a", 0, "number:6", false),
                        sample("a", 1, Verdict.CORRECT_READING, true),
                        sample("a", 2, Verdict.CORRECT_READING, true),
                        failed("b", 0));

        EndpointStats s = EndpointStats.of(rows);

        assertThat(s.requests()).as("calls").isEqualTo(4);
        assertThat(s.errors()).isEqualTo(1);
        assertThat(s.answered()).as("first samples answered").isEqualTo(1);
        assertThat(s.scored()).isEqualTo(1);
        assertThat(s.correct()).isZero();
        assertThat(s.inputTokens()).isEqualTo(3000);
        assertThat(s.samples().majorityCorrect()).isEqualTo(1);
    }
}
