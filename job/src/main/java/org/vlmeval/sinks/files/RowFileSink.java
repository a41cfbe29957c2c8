package org.vlmeval.sinks.files;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A sink that keeps every row in memory, keyed by natural key, and rewrites its files in one
 * directory at every flush (checkpoints and end of input). The rows are the writer's checkpoint
 * state, so a restored job rewrites everything it had, not just what came after the restore.
 *
 * <p>It must run with parallelism 1: two writers would overwrite each other's files.
 */
final class RowFileSink<T> implements Sink<T>, SupportsWriterState<T, T> {

    private static final long serialVersionUID = 1L;

    /** A String, not a {@link Path}: the sink is Java-serialized and Path is not Serializable. */
    private final String dir;

    private final RowFormat<T> format;

    RowFileSink(Path dir, RowFormat<T> format) {
        this.dir = dir.toAbsolutePath().toString();
        this.format = Objects.requireNonNull(format, "format");
    }

    @Override
    public StatefulSinkWriter<T, T> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, T> restoreWriter(
            WriterInitContext context, Collection<T> recoveredState) {
        int parallelism = context.getTaskInfo().getNumberOfParallelSubtasks();
        if (parallelism != 1) {
            throw new IllegalStateException(
                    "the output directory sinks must run with parallelism 1 (one writer per file),"
                            + " got "
                            + parallelism);
        }
        return new RowFileWriter<>(Path.of(dir), format, recoveredState);
    }

    @Override
    public SimpleVersionedSerializer<T> getWriterStateSerializer() {
        return new JsonStateSerializer<>(format);
    }
}
