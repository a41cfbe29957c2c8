package org.vlmeval.scoring.text;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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

    /** Writing fields the RFC 4180 way and reading them back gives the same fields. */
    @Property
    void roundTrip(
            @ForAll List<@net.jqwik.api.constraints.Size(min = 1, max = 5) List<String>> rows) {
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

    @Property
    void neverThrows(@ForAll String text) {
        assertThat(Csv.parse(text)).isNotNull();
    }
}
