package org.vlmeval.sinks.files;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.JudgementRow;
import org.vlmeval.model.WindowMetricsRow;

import org.apache.flink.streaming.api.datastream.DataStream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes the job's outputs as files in one directory, for runs without a PostgreSQL store:
 *
 * <ul>
 *   <li>{@code answers.jsonl}: one answer row (JSON) per line, sorted by (run, request_id,
 *       endpoint);
 *   <li>{@code summary.json}: {@link RunSummary#document} of the same rows;
 *   <li>{@code metrics.csv}: one line per window metrics row, sorted by (run, model, category,
 *       window_start, window_end), with a header of the store's column names;
 *   <li>{@code dead-letters.jsonl}: one dead letter (JSON) per line, in position order.
 * </ul>
 *
 * <p>Every file holds one row per natural key, the last version received: a restarted job re-sends
 * rows, and a late window firing replaces the earlier one. Sorting by key makes a re-run of the
 * same replay produce byte-identical files. The files are rewritten whole at every checkpoint and
 * at the end of a bounded job, each through a temporary file and an atomic rename, so a reader
 * never sees half a file (though it may see {@code answers.jsonl} one checkpoint ahead of {@code
 * summary.json}). The rows are kept in the writers' checkpoint state, so a restored job loses none.
 *
 * <p>This output is meant for bounded replays and modest live runs: each sink keeps every row it
 * has seen in memory and in its checkpoint, and rewrites whole files each checkpoint. The store is
 * for production and long-running jobs.
 */
public final class OutputDirectory {

    private OutputDirectory() {}

    /**
     * Adds the three file sinks, each with parallelism 1 (one writer per file), named after their
     * files and with uids {@code uidPrefix + "answers-file"}, {@code "metrics-file"} and {@code
     * "dead-letters-file"}.
     *
     * @param dir the output directory, created if missing; a path on the task manager's file
     *     system, so a shared directory on a multi-machine cluster
     */
    public static void attach(
            DataStream<AnswerRow> answers,
            DataStream<WindowMetricsRow> metrics,
            DataStream<DeadLetter> deadLetters,
            Path dir,
            String uidPrefix) {
        answers.sinkTo(new RowFileSink<>(dir, new AnswersFormat()))
                .name(AnswersFormat.ANSWERS_FILE + " + " + AnswersFormat.SUMMARY_FILE)
                .uid(uidPrefix + "answers-file")
                .setParallelism(1);
        metrics.sinkTo(new RowFileSink<>(dir, new MetricsFormat()))
                .name(MetricsFormat.FILE)
                .uid(uidPrefix + "metrics-file")
                .setParallelism(1);
        deadLetters
                .sinkTo(new RowFileSink<>(dir, new DeadLettersFormat()))
                .name(DeadLettersFormat.FILE)
                .uid(uidPrefix + "dead-letters-file")
                .setParallelism(1);
    }

    /**
     * Writes what the judges did into {@code dir} too: {@code judgements.jsonl} and {@code
     * judges.json} (operator uid {@code uidPrefix + "judgements-file"}).
     */
    public static void attachJudgements(
            DataStream<JudgementRow> judgements, Path dir, String uidPrefix) {
        judgements
                .sinkTo(new RowFileSink<>(dir, new JudgementsFormat()))
                .name(JudgementsFormat.FILE + " + " + JudgementsFormat.SUMMARY_FILE)
                .uid(uidPrefix + "judgements-file")
                .setParallelism(1);
    }

    /** The judges' figures of a run directory's {@code judges.json}; empty when it has none. */
    public static java.util.SortedMap<String, JudgeStats> readJudges(Path dir) throws IOException {
        java.util.SortedMap<String, JudgeStats> out = new java.util.TreeMap<>();
        Path file = dir.resolve(JudgementsFormat.FILE);
        if (!Files.exists(file)) {
            return out;
        }
        List<JudgementRow> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(org.vlmeval.model.JsonCodec.MAPPER.readValue(line, JudgementRow.class));
            }
        }
        out.putAll(JudgeStats.byJudge(rows));
        return out;
    }

    /**
     * Writes the answer files a run's output directory holds ({@code answers.jsonl}, {@code
     * summary.json}) for these rows, byte for byte as the job's file sink does: for tools and tests
     * that make a run directory without running the job.
     */
    public static void writeAnswers(Path dir, Collection<AnswerRow> rows) throws IOException {
        Files.createDirectories(dir);
        List<AnswerRow> sorted = new ArrayList<>(rows);
        AnswersFormat format = new AnswersFormat();
        sorted.sort(format.naturalKeyOrder());
        format.writeFiles(dir, sorted);
    }

    /** Reads the answers a run wrote to {@code dir/answers.jsonl} back into rows. */
    public static List<AnswerRow> readAnswers(Path dir) throws IOException {
        List<AnswerRow> rows = new ArrayList<>();
        Path file = dir.resolve(AnswersFormat.ANSWERS_FILE);
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(JsonCodec.MAPPER.readValue(line, AnswerRow.class));
            }
        }
        return rows;
    }
}
