package org.vlmeval.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a stream line by line as UTF-8, decoding each line on its own so that one line of bad bytes
 * is reported with its line number and the lines after it are still read.
 *
 * <p>Reads blocks into its own buffer and scans them for line ends, with one reused decoder: the
 * byte-at-a-time reads of a {@code BufferedInputStream} (a lock per byte) and a decoder per line
 * were most of the {@code score} command's time on short answers (JFR, 100,000 VQA lines).
 */
final class Utf8Lines {

    /** A line that is not valid UTF-8. */
    static final class Undecodable extends Exception {
        Undecodable(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder =
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] block = new byte[64 * 1024];
    private int blockStart;
    private int blockEnd;
    private byte[] line = new byte[8192];
    private int lineLength;
    private long number;
    private boolean eof;

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    /** The number of the line last returned, from 1. */
    long number() {
        return number;
    }

    /**
     * The next line without its terminator (LF or CRLF), null at the end of the stream.
     *
     * @throws Undecodable when the line's bytes are not UTF-8 (the line is consumed)
     */
    String next() throws IOException, Undecodable {
        if (eof) {
            return null;
        }
        lineLength = 0;
        boolean ended = false;
        while (!ended) {
            if (blockStart == blockEnd) {
                int n = in.read(block);
                if (n < 0) {
                    eof = true;
                    if (lineLength == 0) {
                        return null;
                    }
                    break;
                }
                blockStart = 0;
                blockEnd = n;
                continue;
            }
            int i = blockStart;
            while (i < blockEnd && block[i] != '\n') {
                i++;
            }
            append(blockStart, i);
            ended = i < blockEnd;
            blockStart = ended ? i + 1 : i;
        }
        number++;
        int length = lineLength;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        int offset = 0;
        if (number == 1
                && length >= 3
                && (line[0] & 0xFF) == 0xEF
                && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF) {
            offset = 3; // byte-order mark
        }
        try {
            CharBuffer chars =
                    decoder.reset().decode(ByteBuffer.wrap(line, offset, length - offset));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new Undecodable("not valid UTF-8");
        }
    }

    private void append(int from, int to) {
        int n = to - from;
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        }
        System.arraycopy(block, from, line, lineLength, n);
        lineLength += n;
    }
}
