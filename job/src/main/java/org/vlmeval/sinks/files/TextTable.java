package org.vlmeval.sinks.files;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed-width text table: the first column left-aligned (names), the others right-aligned
 * (numbers line up by their last digit), two spaces between columns, a dashed rule under the header
 * and no trailing spaces. Widths count UTF-16 chars, which is right for the Latin text and the dash
 * characters used here but not for wide (CJK) characters.
 */
public final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    public TextTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException(
                    "row has " + cells.size() + " cells, header " + header.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public String render() {
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        List<String> rule = new ArrayList<>();
        for (int w : widths) {
            rule.add("-".repeat(w));
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        line(out, rule, widths);
        rows.forEach(r -> line(out, r, widths));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(widths[i] - c.length());
            if (i > 0) {
                l.append("  ").append(pad).append(c);
            } else {
                l.append(c).append(pad);
            }
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }
}
