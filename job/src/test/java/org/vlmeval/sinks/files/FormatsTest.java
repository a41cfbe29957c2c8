package org.vlmeval.sinks.files;

import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.testing.Rows;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    @Test
    void csvHeaderIsTheJsonFieldNames() {
        List<String> fields = new ArrayList<>();
        JsonCodec.MAPPER
                .valueToTree(Rows.window().build())
                .fieldNames()
                .forEachRemaining(fields::add);

        assertThat(MetricsFormat.COLUMNS).isEqualTo(fields);
    }

    @Test
    void csvQuotesOnlyWhenNeeded() {
        assertThat(MetricsFormat.quote("plain")).isEqualTo("plain");
        assertThat(MetricsFormat.quote("")).isEqualTo("");
        assertThat(MetricsFormat.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(MetricsFormat.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(MetricsFormat.quote("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(MetricsFormat.quote("cr\r")).isEqualTo("\"cr\r\"");
    }

    @Test
    void positionsOrderNumerically() {
        List<String> positions =
                new ArrayList<>(
                        List.of(
                                "in.jsonl:10",
                                "t-10@1",
                                "in.jsonl:9",
                                "t-2@5",
                                "in.jsonl:09",
                                "t-2@40",
                                "a"));
        positions.sort(PositionOrder.INSTANCE);

        assertThat(positions)
                .containsExactly(
                        "a",
                        "in.jsonl:09",
                        "in.jsonl:9",
                        "in.jsonl:10",
                        "t-2@5",
                        "t-2@40",
                        "t-10@1");
        assertThat(PositionOrder.INSTANCE.compare("x:07", "x:7")).isNotZero();
        assertThat(PositionOrder.INSTANCE.compare("t-0@18446744073709551616", "t-0@9"))
                .isPositive();
    }

    /**
     * A request naming two unknown endpoints has two dead letters at one position; a re-read of the
     * same input line is still one.
     */
    @Test
    void deadLettersAreOnePerPositionReasonAndDetail() {
        Comparator<DeadLetter> key = new DeadLettersFormat().naturalKeyOrder();
        TreeSet<DeadLetter> file = new TreeSet<>(key);
        file.add(dead("in.jsonl:3", DeadLetter.UNKNOWN_ENDPOINT, "names endpoint 'x'"));
        file.add(dead("in.jsonl:3", DeadLetter.UNKNOWN_ENDPOINT, "names endpoint 'y'"));
        file.add(dead("in.jsonl:3", DeadLetter.UNKNOWN_ENDPOINT, "names endpoint 'x'"));
        file.add(dead("in.jsonl:2", DeadLetter.INVALID_JSON, "invalid JSON"));
        file.add(dead("in.jsonl:2", DeadLetter.INVALID_JSON, "invalid JSON"));
        assertThat(file)
                .extracting(d -> d.position() + " " + d.detail())
                .containsExactly(
                        "in.jsonl:2 invalid JSON",
                        "in.jsonl:3 names endpoint 'x'",
                        "in.jsonl:3 names endpoint 'y'");
    }

    static DeadLetter dead(String position, String reason, String detail) {
        return new DeadLetter(reason, detail, position, Instant.EPOCH, "{}", 2);
    }

    @Test
    void costsKeepFourSignificantDigits() {
        assertThat(Figures.cost(null)).isEqualTo("—");
        assertThat(Figures.cost(0.0)).isEqualTo("0");
        assertThat(Figures.cost(0.000012346)).isEqualTo("0.00001235");
        assertThat(Figures.cost(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(Figures.cost(1234.5)).isEqualTo("1235");
    }
}
