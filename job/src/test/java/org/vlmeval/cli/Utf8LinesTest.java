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

    @Test
    void aLineThatSpellsOutTheReplacementCharacterIsRead() throws Exception {
        assertThat(read("a\uFFFDb\n".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("1:a\uFFFDb");
    }

    /** Random bytes, valid or not: each line as the strict decoder alone reads it. */
    @Test
    void randomBytesReadAsTheStrictDecoderReadsThem() throws Exception {
        java.util.Random random = new java.util.Random(15);
        byte[][] pieces = {
            "a".getBytes(StandardCharsets.UTF_8),
            "é".getBytes(StandardCharsets.UTF_8),
            "图".getBytes(StandardCharsets.UTF_8),
            "\uFFFD".getBytes(StandardCharsets.UTF_8),
            "\ud83d\ude00".getBytes(StandardCharsets.UTF_8),
            {(byte) 0xC3},
            {(byte) 0xA9},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xF8},
            {(byte) 0xFF}
        };
        java.nio.charset.CharsetDecoder strict =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 5000; n++) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int parts = random.nextInt(6);
            for (int p = 0; p < parts; p++) {
                line.write(pieces[random.nextInt(pieces.length)]);
            }
            try {
                expected.add(
                        n
                                + ":"
                                + strict.reset()
                                        .decode(java.nio.ByteBuffer.wrap(line.toByteArray())));
            } catch (java.nio.charset.CharacterCodingException e) {
                expected.add(n + ":!not valid UTF-8");
            }
            all.write(line.toByteArray());
            all.write('\n');
        }

        assertThat(read(all.toByteArray())).containsExactlyElementsOf(expected);
    }
}
