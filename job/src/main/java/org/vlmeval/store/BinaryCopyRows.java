package org.vlmeval.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, built in memory for one {@code COPY … FROM STDIN
 * (FORMAT binary)}: the header, then per row a field count and each field as its length and its
 * bytes in the type's binary wire form ({@code -1} for NULL), then the trailer.
 *
 * <p>Why binary: no escaping of text (questions and responses are most of a row's bytes), and
 * instants as exact microseconds. Each value must be written in the binary form of its column's
 * exact type ({@code int4} for {@code integer}, {@code int8} for {@code bigint}…); the server
 * rejects a field of the wrong length. Text is written as {@link PostgresStore#text} stores it (NUL
 * as U+FFFD), instants rounded to microseconds half up, as the JDBC driver sends them, so that both
 * ways of writing a row store the same values.
 *
 * <p>Not thread-safe; {@link #reset} reuses the buffer for the next batch.
 */
final class BinaryCopyRows implements RowColumns {

    /** "PGCOPY\n\377\r\n\0", then flags (0) and header extension length (0). */
    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };

    /** PostgreSQL's epoch, 2000-01-01T00:00:00Z, in microseconds since the Unix epoch. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    /** The OID of {@code text}, the element type of {@code text[]}. */
    private static final int TEXT_OID = 25;

    /** The largest buffer kept from one batch to the next. */
    private static final int MAX_KEPT = 8 << 20;

    private byte[] buf = new byte[1 << 16];
    private int size;
    private int rows;

    BinaryCopyRows() {
        reset();
    }

    /** Empties the rows, keeping the buffer unless a batch of long texts made it large. */
    void reset() {
        if (buf.length > MAX_KEPT) {
            buf = new byte[1 << 16];
        }
        size = 0;
        rows = 0;
        put(HEADER, 0, HEADER.length);
    }

    /** Starts a row of {@code fields} fields. */
    BinaryCopyRows row(int fields) {
        int2(fields);
        rows++;
        return this;
    }

    @Override
    public BinaryCopyRows text(String value) {
        if (value == null) {
            return nul();
        }
        byte[] bytes = PostgresStore.text(value).getBytes(StandardCharsets.UTF_8);
        int4(bytes.length);
        put(bytes, 0, bytes.length);
        return this;
    }

    @Override
    public BinaryCopyRows int4(Integer value) {
        if (value == null) {
            return nul();
        }
        int4(4);
        int4(value.intValue());
        return this;
    }

    @Override
    public BinaryCopyRows int8(Long value) {
        if (value == null) {
            return nul();
        }
        int4(8);
        int8(value.longValue());
        return this;
    }

    @Override
    public BinaryCopyRows float8(Double value) {
        if (value == null) {
            return nul();
        }
        int4(8);
        int8(Double.doubleToLongBits(value));
        return this;
    }

    @Override
    public BinaryCopyRows bool(Boolean value) {
        if (value == null) {
            return nul();
        }
        int4(1);
        ensure(1);
        buf[size++] = (byte) (value ? 1 : 0);
        return this;
    }

    /** A {@code timestamptz}: microseconds since 2000-01-01 UTC, rounded half up. */
    @Override
    public BinaryCopyRows timestamptz(Instant value) {
        if (value == null) {
            return nul();
        }
        int4(8);
        int8(PostgresStore.micros(value) - POSTGRES_EPOCH_MICROS);
        return this;
    }

    /** A one-dimensional {@code text[]} (lower bound 1; empty: no dimensions, as {@code '{}'}). */
    @Override
    public BinaryCopyRows textArray(List<String> values) {
        if (values == null) {
            return nul();
        }
        int lengthAt = size;
        int4(0); // the field's length, filled in below
        int start = size;
        boolean hasNull = false;
        for (String v : values) {
            hasNull |= v == null; // (List.of(..).contains(null) throws)
        }
        int4(values.isEmpty() ? 0 : 1);
        int4(hasNull ? 1 : 0);
        int4(TEXT_OID);
        if (!values.isEmpty()) {
            int4(values.size());
            int4(1);
            for (String v : values) {
                text(v);
            }
        }
        int length = size - start;
        buf[lengthAt] = (byte) (length >>> 24);
        buf[lengthAt + 1] = (byte) (length >>> 16);
        buf[lengthAt + 2] = (byte) (length >>> 8);
        buf[lengthAt + 3] = (byte) length;
        return this;
    }

    /** Rows written since the last {@link #reset}. */
    int rows() {
        return rows;
    }

    /** Ends the data with the trailer; the bytes are {@code buffer()[0, length())}. */
    BinaryCopyRows finish() {
        int2(-1);
        return this;
    }

    byte[] buffer() {
        return buf;
    }

    int length() {
        return size;
    }

    private BinaryCopyRows nul() {
        int4(-1);
        return this;
    }

    private void int2(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void int4(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void int8(long v) {
        int4((int) (v >>> 32));
        int4((int) v);
    }

    private void put(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, buf, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
