package org.vlmeval.sinks.files;

import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.JudgementRow;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;

/**
 * {@code judgements.jsonl}: one judgement per line in natural-key order (run, request, endpoint,
 * sample, judge, task), and {@code judges.json}: what each judge did and cost ({@link JudgeStats}).
 * Written only by jobs whose endpoints file has judges.
 */
final class JudgementsFormat implements RowFormat<JudgementRow> {

    static final String FILE = "judgements.jsonl";
    static final String SUMMARY_FILE = "judges.json";

    private static final long serialVersionUID = 1L;

    @Override
    public Comparator<JudgementRow> naturalKeyOrder() {
        return Comparator.comparing(JudgementRow::run)
                .thenComparing(JudgementRow::requestId)
                .thenComparing(JudgementRow::endpoint)
                .thenComparingInt(JudgementRow::sample)
                .thenComparing(JudgementRow::judge)
                .thenComparing(JudgementRow::task);
    }

    @Override
    public void writeFiles(Path dir, Collection<JudgementRow> rows) throws IOException {
        JsonText.writeLines(dir.resolve(FILE), rows);
        ObjectNode judges = JsonCodec.MAPPER.createObjectNode();
        JudgeStats.byJudge(rows).forEach((name, stats) -> judges.set(name, stats.toJson()));
        ObjectNode doc = JsonCodec.MAPPER.createObjectNode();
        doc.set("judges", judges);
        String text = JsonText.pretty(doc);
        AtomicFiles.write(dir.resolve(SUMMARY_FILE), out -> out.write(text));
    }

    @Override
    public Class<JudgementRow> type() {
        return JudgementRow.class;
    }
}
