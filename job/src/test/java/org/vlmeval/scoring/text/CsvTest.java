package org.vlmeval.scoring.text;

import org.vlmeval.testing.RandomText;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void simpleRecords() {
        assertThat(Csv.parse("a,b,c\n1,2,3\n"))
                .containsExactly(List.of("a", "b", "c"), List.of("1", "2", "3"));
    }

    @Test
    void trailingNewlineDoesNotAddARecord() {
        assertThat(Csv.parse("a,b\n")).containsExactly(List.of("a", "b"));
        assertThat(Csv.parse("a,b")).containsExactly(List.of("a", "b"));
        assertThat(Csv.parse("a,b\r\n")).containsExactly(List.of("a", "b"));
    }

    @Test
    void crlfAndLfLineBreaks() {
        assertThat(Csv.parse("a,b\r\nc,d\ne,f\r\n"))
                .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"));
    }

    @Test
    void quotedFieldsWithCommasEscapedQuotesAndNewlines() {
        String text = "id,text\r\n1,\"Hello, \"\"world\"\"\nsecond line\r\nthird\"\r\n2,plain\r\n";
        assertThat(Csv.parse(text))
                .containsExactly(
                        List.of("id", "text"),
                        List.of("1", "Hello, \"world\"\nsecond line\r\nthird"),
                        List.of("2", "plain"));
    }

    @Test
    void emptyFields() {
        assertThat(Csv.parse(",a,,\n\"\",x\n"))
                .containsExactly(List.of("", "a", "", ""), List.of("", "x"));
    }

    @Test
    void emptyInputHasNoRecords() {
        assertThat(Csv.parse("")).isEmpty();
    }

    @Test
    void blankLineInTheMiddleIsOneEmptyField() {
        assertThat(Csv.parse("a\n\nb\n")).containsExactly(List.of("a"), List.of(""), List.of("b"));
    }

    @Test
    void quoteInsideUnquotedFieldIsKept() {
        assertThat(Csv.parse("5\" screen,ok\n")).containsExactly(List.of("5\" screen", "ok"));
    }

    @Test
    void unterminatedQuoteRunsToTheEnd() {
        assertThat(Csv.parse("a,\"open\nstill")).containsExactly(List.of("a", "open\nstill"));
    }

    @Test
    void byteOrderMarkIsDropped() {
        assertThat(Csv.parse("\uFEFFmodel,id\n")).containsExactly(List.of("model", "id"));
    }

    @Test
    void chineseAndFullWidthTextPassesThrough() {
        assertThat(Csv.parse("名称,数量\n苹果,\"3，个\"\n"))
                .containsExactly(List.of("名称", "数量"), List.of("苹果", "3，个"));
    }

    @Test
    void readerAndStringAgree() {
        String text = "x,\"y\ny\"\r\n1,2";
        assertThat(Csv.parse(new StringReader(text))).isEqualTo(Csv.parse(text));
    }

    static java.util.stream.Stream<List<List<String>>> randomTables() {
        List<String> cells = RandomText.strings(600).toList();
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        java.util.List<List<List<String>>> tables = new java.util.ArrayList<>();
        int next = 0;
        for (int t = 0; t < 100; t++) {
            List<List<String>> rows = new java.util.ArrayList<>();
            int rowCount = random.nextInt(4);
            for (int r = 0; r < rowCount; r++) {
                List<String> row = new java.util.ArrayList<>();
                int width = 1 + random.nextInt(5);
                for (int c = 0; c < width; c++) {
                    row.add(cells.get(next++ % cells.size()));
                }
                rows.add(row);
            }
            tables.add(rows);
        }
        return tables.stream();
    }

    /** Writing fields the RFC 4180 way and reading them back gives the same fields. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("randomTables")
    void roundTrip(List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append('"').append(row.get(i).replace("\"", "\"\"")).append('"');
            }
            out.append("\r\n");
        }
        assertThat(Csv.parse(out.toString())).isEqualTo(rows);
    }

    static java.util.stream.Stream<String> randomText() {
        return RandomText.strings(500);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("randomText")
    void neverThrows(String text) {
        assertThat(Csv.parse(text)).isNotNull();
    }
}
