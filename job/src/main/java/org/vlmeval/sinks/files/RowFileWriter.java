package org.vlmeval.sinks.files;

import org.apache.flink.api.connector.sink2.StatefulSinkWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * Holds the rows by natural key (the last write wins: a restarted job re-sends rows) and rewrites
 * the files on flush when something changed.
 */
final class RowFileWriter<T> implements StatefulSinkWriter<T, T> {

    private final Path dir;
    private final RowFormat<T> format;

    /**
     * Keyed by the row itself under the natural-key order, so the map's value is always the latest
     * version of the row (TreeMap.put keeps the first key object but replaces the value).
     */
    private final TreeMap<T, T> rows;

    /**
     * Starts true so that the first flush writes the files even without rows: a replay whose input
     * had no dead letters still leaves an (empty) dead-letters.jsonl, so "empty" and "not run" are
     * told apart.
     */
    private boolean dirty = true;

    RowFileWriter(Path dir, RowFormat<T> format, Collection<T> restored) {
        this.dir = dir;
        this.format = format;
        this.rows = new TreeMap<>(format.naturalKeyOrder());
        restored.forEach(this::put);
    }

    @Override
    public void write(T row, Context context) {
        put(row);
    }

    private void put(T row) {
        rows.put(row, row);
        dirty = true;
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        if (dirty) {
            format.writeFiles(dir, rows.values());
            dirty = false;
        }
    }

    @Override
    public List<T> snapshotState(long checkpointId) {
        return new ArrayList<>(rows.values());
    }

    @Override
    public void close() {
        // Nothing open between flushes; in particular no files are written on close, which also
        // happens on failure.
    }
}
