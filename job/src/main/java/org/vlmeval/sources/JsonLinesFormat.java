package org.vlmeval.sources;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.util.function.SerializableSupplier;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * The {@link StreamFormat} of one JSONL file: each line parsed into a {@link SourceEvent} with
 * position {@code <path>:<line>} (see {@link JsonLinesReader}). Not splittable, so every reader
 * starts at the top of its file and line numbers are exact.
 *
 * <p>A format is bound to the path it names in positions, because a {@link StreamFormat} reader is
 * not told which file it reads; {@link JsonLinesBulkFormat} binds one per file.
 *
 * <p>Checkpoints store the byte offset after the last line returned. On restore the reader counts
 * the line breaks before that offset — a plain byte scan, far cheaper than parsing the lines again
 * — to recover the line number, then continues from there.
 */
public final class JsonLinesFormat implements StreamFormat<SourceEvent> {

    private static final long serialVersionUID = 1L;

    private static final int SCAN_BYTES = 64 * 1024;

    private final EventParser parser;
    private final String path;
    private final SerializableSupplier<Instant> clock;

    /**
     * @param parser parses each line; lines over its size limit become {@code oversized} dead
     *     letters without being loaded
     * @param path the file's name in positions
     * @param clock read once per reader: the arrival time of its events
     */
    public JsonLinesFormat(EventParser parser, String path, SerializableSupplier<Instant> clock) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.path = Objects.requireNonNull(path, "path");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** This format, naming another file in positions. */
    public JsonLinesFormat forFile(String otherPath) {
        return new JsonLinesFormat(parser, otherPath, clock);
    }

    @Override
    public Reader<SourceEvent> createReader(
            Configuration config, FSDataInputStream stream, long fileLen, long splitEnd) {
        // Not splittable: the stream is at the start of the file.
        return new JsonLinesReader(stream, 0, 0, parser, path, clock.get());
    }

    @Override
    public Reader<SourceEvent> restoreReader(
            Configuration config,
            FSDataInputStream stream,
            long restoredOffset,
            long fileLen,
            long splitEnd)
            throws IOException {
        long lines = countLineBreaks(stream, restoredOffset);
        return new JsonLinesReader(stream, restoredOffset, lines, parser, path, clock.get());
    }

    /** Reads the first {@code bytes} bytes of the stream, counting {@code '\n'}. */
    private long countLineBreaks(FSDataInputStream stream, long bytes) throws IOException {
        byte[] buf = new byte[SCAN_BYTES];
        long remaining = bytes;
        long count = 0;
        while (remaining > 0) {
            int n = stream.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (n <= 0) {
                throw new IOException(
                        path
                                + " is shorter than its checkpointed offset "
                                + bytes
                                + ": the file changed since the checkpoint");
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    count++;
                }
            }
            remaining -= n;
        }
        return count;
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<SourceEvent> getProducedType() {
        return TypeInformation.of(SourceEvent.class);
    }
}
