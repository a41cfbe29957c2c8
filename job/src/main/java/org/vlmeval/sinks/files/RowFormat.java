package org.vlmeval.sinks.files;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;

/**
 * What {@link RowFileSink} needs to know about one kind of row: its natural key, the files it
 * renders to, and its class for checkpoint state. Serializable because it travels inside the sink
 * to the task managers.
 */
interface RowFormat<T> extends Serializable {

    /**
     * Orders rows by natural key. Rows comparing equal are versions of the same row: the later one
     * replaces the earlier one.
     */
    Comparator<T> naturalKeyOrder();

    /**
     * Writes this format's files into {@code dir}, each one atomically, from {@code rows} in
     * natural-key order.
     */
    void writeFiles(Path dir, Collection<T> rows) throws IOException;

    /** The row's class, for reading its JSON back from state. */
    Class<T> type();
}
