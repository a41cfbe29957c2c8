package org.vlmeval.scoring.reference;

import org.vlmeval.scoring.text.Csv;
import org.vlmeval.scoring.text.Texts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table answer, e.g. a benchmark table converted to CSV. The response may be CSV, a Markdown
 * table, or either inside a fenced code block. Every cell is identified by its row (the row's first
 * cell) and its column (the header cell), so reordered rows or columns still match, and compared
 * after normalization (case, width, surrounding space and emphasis, thousands separators, trailing
 * zeros). Score = cell-level F1; correct when every cell matches and none is extra.
 */
public record TableReference(String csv, List<List<String>> rows) implements Reference {

    private static final Pattern FENCE =
            Pattern.compile("```[\\w-]*[ \\t]*\\r?\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern MARKDOWN_RULE =
            Pattern.compile("^\\s*\\|?\\s*:?-{2,}:?\\s*(\\|\\s*:?-{2,}:?\\s*)*\\|?\\s*$");
    private static final Pattern MONEY =
            Pattern.compile(
                    "^(?:[$€£¥]|usd|eur|rmb|cny)?\\s*([-+]?\\d[\\d,]*(?:\\.\\d+)?)\\s*(?:元|美元|usd|eur|rmb|cny)?$");
    private static final Pattern NUMBER =
            Pattern.compile("^[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?$|^[-+]?\\d+\\.\\d*?0+$");

    public TableReference {
        rows = rows.stream().map(List::copyOf).toList();
    }

    public static TableReference of(String csv) {
        List<List<String>> rows = Csv.parse(csv);
        if (rows.isEmpty() || rows.get(0).stream().allMatch(String::isBlank)) {
            throw new IllegalArgumentException("csv has no rows");
        }
        return new TableReference(csv, rows);
    }

    @Override
    public String type() {
        return "table";
    }

    @Override
    public AnswerMatch match(String response, String question) {
        List<List<String>> predicted = parseResponse(response);
        if (predicted.isEmpty()) {
            return AnswerMatch.of(false, "table: no table found in the answer");
        }
        Map<String, Integer> expected = cells(rows, 0);
        // The row names are in the column headed like the reference's first column, wherever the
        // answer put it; without such a header, in its first column.
        Map<String, Integer> got =
                cells(predicted, keyColumn(predicted.get(0), cell(rows.get(0).get(0))));
        int expectedCount = expected.values().stream().mapToInt(Integer::intValue).sum();
        int gotCount = got.values().stream().mapToInt(Integer::intValue).sum();
        int matched = 0;
        for (Map.Entry<String, Integer> e : got.entrySet()) {
            matched += Math.min(e.getValue(), expected.getOrDefault(e.getKey(), 0));
        }
        double f1 = matched == 0 ? 0.0 : 2.0 * matched / (expectedCount + gotCount);
        boolean correct = matched == expectedCount && matched == gotCount;
        return new AnswerMatch(
                correct,
                f1,
                String.format(
                        Locale.ROOT,
                        "table: %d of %d cells match, %d extra (%dx%d read)",
                        matched,
                        expectedCount,
                        gotCount - matched,
                        predicted.size(),
                        predicted.get(0).size()));
    }

    /** The table in a response: the first fenced block if any, then Markdown pipes, then CSV. */
    static List<List<String>> parseResponse(String response) {
        String text = response;
        Matcher fence = FENCE.matcher(response);
        if (fence.find()) {
            text = fence.group(1);
        }
        List<String> lines = text.lines().toList();
        List<List<String>> markdown = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("|") || (t.contains("|") && t.split("\\|").length > 2)) {
                if (!MARKDOWN_RULE.matcher(t).matches()) {
                    markdown.add(pipeCells(t));
                }
            } else if (!markdown.isEmpty()) {
                break;
            }
        }
        if (markdown.size() >= 2 || (markdown.size() == 1 && markdown.get(0).size() > 1)) {
            return markdown;
        }
        // CSV: the first run of consecutive lines that contain a comma.
        StringBuilder block = new StringBuilder();
        for (String line : lines) {
            if (line.contains(",")) {
                block.append(line).append('\n');
            } else if (block.length() > 0) {
                break;
            }
        }
        return block.length() == 0 ? List.of() : Csv.parse(block.toString());
    }

    private static List<String> pipeCells(String line) {
        String t = line;
        if (t.startsWith("|")) {
            t = t.substring(1);
        }
        if (t.endsWith("|")) {
            t = t.substring(0, t.length() - 1);
        }
        List<String> out = new ArrayList<>();
        for (String cell : t.split("\\|", -1)) {
            out.add(cell.strip());
        }
        return out;
    }

    /**
     * Cells keyed by (row label, column header, value): header cells on their own, and body cells
     * under their row's cell in the key column and their column's header.
     */
    private static int keyColumn(List<String> header, String keyHeader) {
        for (int c = 0; c < header.size(); c++) {
            if (cell(header.get(c)).equals(keyHeader)) {
                return c;
            }
        }
        return 0;
    }

    private static Map<String, Integer> cells(List<List<String>> table, int keyColumn) {
        Map<String, Integer> out = new HashMap<>();
        List<String> header = table.get(0);
        for (int c = 0; c < header.size(); c++) {
            out.merge("\u0001header\u0000" + cell(header.get(c)), 1, Integer::sum);
        }
        for (int r = 1; r < table.size(); r++) {
            List<String> row = table.get(r);
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            String rowKey = row.size() <= keyColumn ? "" : cell(row.get(keyColumn));
            for (int c = 0; c < row.size(); c++) {
                String column = c < header.size() ? cell(header.get(c)) : "#" + c;
                out.merge(
                        rowKey + "\u0000" + column + "\u0000" + cell(row.get(c)), 1, Integer::sum);
            }
        }
        return out;
    }

    static String cell(String raw) {
        String s =
                Texts.collapseWhitespace(Texts.fold(raw))
                        .replace("**", "")
                        .replace("`", "")
                        .strip();
        // "$12", "12 元", "12 USD": the currency belongs to the column, the cell's value is 12.
        Matcher money = MONEY.matcher(s);
        if (money.matches()) {
            s = money.group(1);
        }
        if (NUMBER.matcher(s).matches()) {
            s = s.replace(",", "");
            if (s.contains(".")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
        }
        return s;
    }
}
