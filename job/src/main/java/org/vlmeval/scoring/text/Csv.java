package org.vlmeval.scoring.text;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 CSV reader.
 *
 * <p>Fields are separated by commas and records by CRLF, LF or a lone CR. A field that starts with
 * a double quote is quoted: it runs to the next lone quote, {@code ""} inside it stands for one
 * quote, and it may hold commas and line breaks. A quote inside an unquoted field is kept as is,
 * and text after the closing quote of a quoted field is appended to the field (lenient, as most
 * readers are). A final line break does not produce an empty record; an empty line in the middle is
 * a record with one empty field. A leading UTF-8 byte order mark is dropped.
 */
public final class Csv {

    private Csv() {}

    /** Parses a whole CSV text into records of fields. */
    public static List<List<String>> parse(String text) {
        return parse(new StringReader(text));
    }

    /**
     * Parses CSV from a reader, which is read to the end but not closed.
     *
     * @throws UncheckedIOException when reading fails
     */
    public static List<List<String>> parse(Reader in) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        // true once anything (a character or a separator) has been seen on the current record
        boolean recordStarted = false;
        boolean fieldStarted = false;
        boolean first = true;
        try {
            int c = in.read();
            while (c != -1) {
                if (first) {
                    first = false;
                    if (c == '\uFEFF') {
                        c = in.read();
                        continue;
                    }
                }
                if (inQuotes) {
                    if (c == '"') {
                        int next = in.read();
                        if (next == '"') {
                            field.append('"');
                            c = in.read();
                        } else {
                            inQuotes = false;
                            c = next;
                        }
                        continue;
                    }
                    field.append((char) c);
                    c = in.read();
                    continue;
                }
                switch (c) {
                    case ',' -> {
                        row.add(field.toString());
                        field.setLength(0);
                        fieldStarted = false;
                        recordStarted = true;
                        c = in.read();
                    }
                    case '\r', '\n' -> {
                        row.add(field.toString());
                        field.setLength(0);
                        rows.add(row);
                        row = new ArrayList<>();
                        fieldStarted = false;
                        recordStarted = false;
                        int next = in.read();
                        if (c == '\r' && next == '\n') {
                            next = in.read();
                        }
                        c = next;
                    }
                    case '"' -> {
                        if (!fieldStarted) {
                            inQuotes = true;
                        } else {
                            field.append('"');
                        }
                        fieldStarted = true;
                        recordStarted = true;
                        c = in.read();
                    }
                    default -> {
                        field.append((char) c);
                        fieldStarted = true;
                        recordStarted = true;
                        c = in.read();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (recordStarted || inQuotes) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
