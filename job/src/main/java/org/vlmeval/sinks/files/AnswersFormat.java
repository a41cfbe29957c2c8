package org.vlmeval.sinks.files;

import org.vlmeval.model.AnswerRow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;

/** {@code answers.jsonl} (one answer row's JSON per line) and {@code summary.json}. */
final class AnswersFormat implements RowFormat<AnswerRow> {

    static final String ANSWERS_FILE = "answers.jsonl";
    static final String SUMMARY_FILE = "summary.json";

    private static final long serialVersionUID = 1L;

    @Override
    public Comparator<AnswerRow> naturalKeyOrder() {
        return Comparator.comparing(AnswerRow::run)
                .thenComparing(AnswerRow::requestId)
                .thenComparing(AnswerRow::endpoint)
                .thenComparingInt(AnswerRow::sample);
    }

    @Override
    public void writeFiles(Path dir, Collection<AnswerRow> rows) throws IOException {
        JsonText.writeLines(dir.resolve(ANSWERS_FILE), rows);
        String summary = JsonText.pretty(RunSummary.document(rows));
        AtomicFiles.write(dir.resolve(SUMMARY_FILE), out -> out.write(summary));
    }

    @Override
    public Class<AnswerRow> type() {
        return AnswerRow.class;
    }
}
