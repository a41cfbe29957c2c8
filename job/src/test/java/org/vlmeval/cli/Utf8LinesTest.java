package org.vlmeval.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8LinesTest {

    private static List<String> read(byte[] bytes) throws Exception {
        Utf8Lines lines = new Utf8Lines(new ByteArrayInputStream(bytes));
        List<String> out = new ArrayList<>();
        while (true) {
            try {
                String line = lines.next();
                if (line == null) {
                    return out;
                }
                out.add(lines.number() + ":" + line);
            } catch (Utf8Lines.Undecodable e) {
                out.add(lines.number() + ":!" + e.getMessage());
            }
        }
    }

    @Test
    void linesWithCrLfBomEmptyLinesAndNoFinalNewline() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(bom);
        b.write("first\r\n\nthird 图表\nlast".getBytes(StandardCharsets.UTF_8));

        assertThat(read(b.toByteArray())).containsExactly("1:first", "2:", "3:third 图表", "4:last");
    }

    @Test
    void aBadLineIsReportedAndTheNextOnesAreRead() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("ok\n".getBytes(StandardCharsets.UTF_8));
        b.write(new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        b.write("after\n".getBytes(StandardCharsets.UTF_8));

        assertThat(read(b.toByteArray())).containsExactly("1:ok", "2:!not valid UTF-8", "3:after");
    }

    @Test
    void linesLongerThanTheReadBlockAndAcrossItsBoundaries() throws Exception {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        // Lengths around the 64 KiB block and the 8 KiB initial line buffer, multi-byte chars.
        int[] lengths = {0, 1, 8191, 8192, 65535, 65536, 65537, 200_000, 3};
        for (int i = 0; i < lengths.length; i++) {
            String line = "é".repeat(lengths[i] / 2) + "x".repeat(lengths[i] % 2);
            text.append(line).append('\n');
            expected.add((i + 1) + ":" + line);
        }

        assertThat(read(text.toString().getBytes(StandardCharsets.UTF_8)))
                .containsExactlyElementsOf(expected);
    }
}
