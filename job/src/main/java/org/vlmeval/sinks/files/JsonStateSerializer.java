package org.vlmeval.sinks.files;

import org.vlmeval.model.JsonCodec;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.IOException;

/**
 * Checkpoint state of the file writers: one row per state entry, as UTF-8 JSON in the form the
 * files use ({@link JsonCodec#MAPPER}'s). Version 1 throughout: the fields are those the rows were
 * written with by hand before the records were mapped by Jackson, so older state restores as is.
 * JSON rather than Java serialization because {@code DeadLetter} is not {@code Serializable} and
 * because a record's Java form breaks on any change to its fields.
 */
final class JsonStateSerializer<T> implements SimpleVersionedSerializer<T> {

    static final int VERSION = 1;

    private final RowFormat<T> format;

    JsonStateSerializer(RowFormat<T> format) {
        this.format = format;
    }

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(T row) throws IOException {
        return JsonCodec.MAPPER.writeValueAsBytes(row);
    }

    @Override
    public T deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "unknown state version " + version + " (this build reads " + VERSION + ")");
        }
        return JsonCodec.MAPPER.readValue(bytes, format.type());
    }
}
