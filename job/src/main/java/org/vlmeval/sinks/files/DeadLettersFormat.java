package org.vlmeval.sinks.files;

import org.vlmeval.model.DeadLetter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;

/**
 * {@code dead-letters.jsonl}: one dead letter's JSON per line in input order, one per position,
 * reason and detail (an input line or offset is rejected once, however often it is re-read; a
 * request naming two unknown endpoints has two dead letters at one position).
 */
final class DeadLettersFormat implements RowFormat<DeadLetter> {

    static final String FILE = "dead-letters.jsonl";

    private static final long serialVersionUID = 1L;

    @Override
    public Comparator<DeadLetter> naturalKeyOrder() {
        return Comparator.comparing(DeadLetter::position, PositionOrder.INSTANCE)
                .thenComparing(DeadLetter::reason)
                .thenComparing(DeadLetter::detail);
    }

    @Override
    public void writeFiles(Path dir, Collection<DeadLetter> rows) throws IOException {
        JsonText.writeLines(dir.resolve(FILE), rows);
    }

    @Override
    public Class<DeadLetter> type() {
        return DeadLetter.class;
    }
}
