package org.vlmeval.pipeline;

import org.vlmeval.model.Question;

import org.apache.flink.util.Collector;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepeatSamplesTest {

    private static Question question(Integer repeats) {
        return new Question(
                "q1",
                "run",
                null,
                null,
                Instant.EPOCH,
                "How many?",
                null,
                "{}",
                "file:1",
                false,
                repeats,
                0);
    }

    private static List<Integer> samples(RepeatSamples f, Question q) {
        List<Integer> out = new ArrayList<>();
        f.flatMap(
                q,
                new Collector<>() {
                    @Override
                    public void collect(Question record) {
                        assertThat(record.withSample(0)).isEqualTo(q);
                        out.add(record.sample());
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }

    @Test
    void theEndpointsRepeatsNumberTheSamples() {
        assertThat(samples(new RepeatSamples(3), question(null))).containsExactly(0, 1, 2);
        assertThat(samples(new RepeatSamples(1), question(null))).containsExactly(0);
    }

    @Test
    void theEventsOwnRepeatsWin() {
        assertThat(samples(new RepeatSamples(3), question(1))).containsExactly(0);
        assertThat(samples(new RepeatSamples(1), question(4))).containsExactly(0, 1, 2, 3);
    }

    @Test
    void atLeastOneSample() {
        assertThatThrownBy(() -> new RepeatSamples(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
