package org.vlmeval.sinks.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;

/**
 * What {@link RowFileSink} needs to know about one kind of row: its natural key, the files it
 * renders to, and its JSON form for checkpoint state. Serializable because it travels inside the
 * sink to the task managers.
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

    /** The row as JSON, for state; {@link #fromJson} must restore an equal row. */
    ObjectNode toJson(T row);

    /** The row from {@link #toJson}'s form. */
    T fromJson(JsonNode json) throws IOException;
}
