package org.vlmeval.sinks.files;

import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.WindowMetricsRow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * {@code metrics.csv}: one line per window metrics row, columns named and ordered as the row's JSON
 * fields (the store's column names), {@code errors_by_kind} as a JSON object in one cell.
 *
 * <p>RFC 4180 quoting: a cell holding a comma, a quote or a line break is quoted, quotes doubled. A
 * null is an empty cell; numbers are written as in the JSON files. Lines end with {@code \n}.
 */
final class MetricsFormat implements RowFormat<WindowMetricsRow> {

    static final String FILE = "metrics.csv";

    /**
     * The header: the store's column names, so that a file without rows still has it; {@link
     * #cells} checks every row's JSON against it, so a field added to the row fails loudly instead
     * of shifting columns.
     */
    static final List<String> COLUMNS = WindowMetricsRow.COLUMNS;

    private static final long serialVersionUID = 1L;

    @Override
    public Comparator<WindowMetricsRow> naturalKeyOrder() {
        return Comparator.comparing(WindowMetricsRow::run)
                .thenComparing(WindowMetricsRow::model)
                .thenComparing(WindowMetricsRow::category)
                .thenComparing(WindowMetricsRow::windowStart)
                .thenComparing(WindowMetricsRow::windowEnd);
    }

    @Override
    public void writeFiles(Path dir, Collection<WindowMetricsRow> rows) throws IOException {
        AtomicFiles.write(
                dir.resolve(FILE),
                out -> {
                    line(out, COLUMNS);
                    for (WindowMetricsRow row : rows) {
                        line(out, cells(row));
                    }
                });
    }

    @Override
    public Class<WindowMetricsRow> type() {
        return WindowMetricsRow.class;
    }

    static List<String> cells(WindowMetricsRow row) throws IOException {
        ObjectNode json = JsonCodec.MAPPER.valueToTree(row);
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        if (!fields.equals(COLUMNS)) {
            throw new IllegalStateException(
                    "WindowMetricsRow JSON fields " + fields + " differ from the CSV columns");
        }
        List<String> cells = new ArrayList<>(COLUMNS.size());
        for (String column : COLUMNS) {
            cells.add(cell(json.get(column)));
        }
        return cells;
    }

    private static String cell(JsonNode value) throws IOException {
        if (value.isNull()) {
            return "";
        }
        if (value.isContainerNode()) {
            return JsonText.compact(value);
        }
        return value.asText();
    }

    private static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(cells.get(i)));
        }
        out.write('\n');
    }

    /** RFC 4180: quote only when needed, doubling quotes inside. */
    static String quote(String cell) {
        boolean needs =
                cell.indexOf(',') >= 0
                        || cell.indexOf('"') >= 0
                        || cell.indexOf('\n') >= 0
                        || cell.indexOf('\r') >= 0;
        return needs ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
