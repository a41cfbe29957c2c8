package org.vlmeval.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a stream line by line as UTF-8, decoding each line on its own so that one line of bad bytes
 * is reported with its line number and the lines after it are still read.
 */
final class Utf8Lines {

    /** A line that is not valid UTF-8. */
    static final class Undecodable extends Exception {
        Undecodable(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
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
        line.reset();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        if (b == -1) {
            eof = true;
            if (line.size() == 0) {
                return null;
            }
        }
        number++;
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        int offset = 0;
        if (number == 1
                && length >= 3
                && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF) {
            offset = 3; // byte-order mark
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Undecodable("not valid UTF-8");
        }
    }
}
