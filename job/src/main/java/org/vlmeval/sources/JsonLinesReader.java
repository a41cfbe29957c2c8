package org.vlmeval.sources;

import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads one JSONL file line by line as raw bytes and parses each line into a {@link SourceEvent}.
 *
 * <p>Lines end at {@code \n}; a trailing {@code \r} is dropped. Lines that are entirely whitespace
 * are skipped but counted, so positions are exact 1-based line numbers. A line longer than {@code
 * maxEventBytes} is never held whole: at most {@code maxEventBytes + 1} bytes of it are kept, the
 * rest is only counted, and it becomes an {@code oversized} dead letter.
 *
 * <p>The reader buffers ahead of what it has returned, so the stream's position says nothing about
 * progress; it tracks the byte offset just after the last line it consumed itself and reports that
 * as its checkpointed position (see {@link JsonLinesFormat#restoreReader}).
 */
final class JsonLinesReader implements StreamFormat.Reader<SourceEvent> {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int INITIAL_LINE_BYTES = 1024;

    private final InputStream in;
    private final EventParser parser;
    private final String path;
    private final int maxEventBytes;
    private final Instant receivedAt;

    private final byte[] buf = new byte[BUFFER_BYTES];
    private int pos;
    private int limit;

    /** Byte offset in the file of the first byte not yet consumed as part of a line. */
    private long offset;

    /** Lines consumed so far (blank ones included): the number of the last line read. */
    private long line;

    // The current line: the first bytes of it (at most maxEventBytes + 1), its full length.
    private byte[] lineBytes = new byte[INITIAL_LINE_BYTES];
    private int stored;
    private long total;
    private int lastByte;

    JsonLinesReader(
            InputStream in,
            long offset,
            long line,
            EventParser parser,
            String path,
            Instant receivedAt) {
        this.in = in;
        this.offset = offset;
        this.line = line;
        this.parser = parser;
        this.path = path;
        this.maxEventBytes = parser.maxEventBytes();
        this.receivedAt = receivedAt;
    }

    @Override
    public SourceEvent read() throws IOException {
        while (nextLine()) {
            boolean crlf = lastByte == '\r';
            long length = total - (crlf ? 1 : 0);
            String position = path + ":" + line;
            if (length > maxEventBytes) {
                return Oversized.deadLetter(
                        lineBytes,
                        (int) Math.min(stored, length),
                        length,
                        maxEventBytes,
                        position,
                        receivedAt);
            }
            int start = line == 1 && hasBom(lineBytes, (int) length) ? 3 : 0;
            if (isWhitespace(lineBytes, start, (int) length)) {
                continue;
            }
            return parser.parse(
                    Arrays.copyOfRange(lineBytes, start, (int) length), position, receivedAt);
        }
        return null;
    }

    /**
     * Consumes the next line into {@link #lineBytes}, {@link #total} and {@link #lastByte}. Returns
     * false at the end of the file.
     */
    private boolean nextLine() throws IOException {
        stored = 0;
        total = 0;
        lastByte = -1;
        while (true) {
            if (pos == limit && !fill()) {
                if (total == 0) {
                    return false;
                }
                line++; // the last line, without a final newline
                return true;
            }
            int newline = indexOfNewline(buf, pos, limit);
            int end = newline >= 0 ? newline : limit;
            append(pos, end - pos);
            if (newline >= 0) {
                offset += newline + 1 - pos;
                pos = newline + 1;
                line++;
                return true;
            }
            offset += end - pos;
            pos = end;
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** Keeps at most maxEventBytes + 1 bytes (the 1 for a trailing '\r'); counts all. */
    private void append(int from, int length) {
        if (length == 0) {
            return;
        }
        total += length;
        lastByte = buf[from + length - 1] & 0xff;
        int cap = maxEventBytes + 1;
        int keep = Math.min(length, cap - stored);
        if (keep <= 0) {
            return;
        }
        if (stored + keep > lineBytes.length) {
            long grown = Math.max((long) lineBytes.length * 2, (long) stored + keep);
            lineBytes = Arrays.copyOf(lineBytes, (int) Math.min(grown, cap));
        }
        System.arraycopy(buf, from, lineBytes, stored, keep);
        stored += keep;
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** A UTF-8 byte order mark, as editors on Windows write at the start of a file. */
    private static boolean hasBom(byte[] b, int length) {
        return length >= 3
                && (b[0] & 0xff) == 0xEF
                && (b[1] & 0xff) == 0xBB
                && (b[2] & 0xff) == 0xBF;
    }

    private static boolean isWhitespace(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != 0x0B) {
                return false;
            }
        }
        return true;
    }

    /**
     * The offset just after the last consumed line and no records to skip: restoring there and
     * counting the line breaks before it gives back both the stream position and the line number.
     */
    @Override
    public CheckpointedPosition getCheckpointedPosition() {
        return new CheckpointedPosition(offset, 0);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
