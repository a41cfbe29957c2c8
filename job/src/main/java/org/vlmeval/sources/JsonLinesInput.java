package org.vlmeval.sources;

import org.vlmeval.options.Check;
import org.vlmeval.options.InvalidOptionException;

import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.util.function.SerializableSupplier;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;

/**
 * A bounded source of events from a JSONL file, or from every {@code *.jsonl} file under a
 * directory (recursively, started in sorted order): immutable and validated; errors name the field.
 *
 * <pre>{@code
 * JsonLinesInput input = JsonLinesInput.builder().path("corpora/vqa").build();
 * env.fromSource(input.source(parser), watermarks, "jsonl");
 * }</pre>
 *
 * <p>Each non-blank line is one event, parsed at read time; its position is {@code <file>:<line>}
 * with the file named as given (relative paths stay relative) and 1-based line numbers that count
 * blank lines too. Its arrival time is the clock read when the file's reader opened. Lines longer
 * than the parser's limit become {@code oversized} dead letters without being loaded whole.
 * Checkpoints resume at the exact line (see {@link JsonLinesFormat}).
 */
@JsonDeserialize(builder = JsonLinesInput.Builder.class)
public final class JsonLinesInput implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final SerializableSupplier<Instant> clock;

    private JsonLinesInput(Builder b) {
        this.path = Check.nonBlank("path", b.path);
        this.clock = Check.required("clock", b.clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A file, or a directory searched recursively for {@code *.jsonl} files. */
    public String path() {
        return path;
    }

    /**
     * The bounded file source. Checks here, on the client, that the path exists, so a typo fails
     * before the job is submitted.
     */
    public FileSource<SourceEvent> source(EventParser parser) {
        Objects.requireNonNull(parser, "parser");
        Path root = new Path(path);
        String qualified;
        try {
            FileSystem fs = root.getFileSystem();
            if (!fs.exists(root)) {
                throw new InvalidOptionException("path", path + " does not exist");
            }
            qualified = root.makeQualified(fs).toUri().getPath();
        } catch (IOException e) {
            throw new UncheckedIOException("path: cannot read " + path, e);
        }
        JsonLinesFormat format = new JsonLinesFormat(parser, path, clock);
        return FileSource.forBulkFileFormat(new JsonLinesBulkFormat(format, path, qualified), root)
                .setFileEnumerator(JsonLinesEnumerator::new)
                .setSplitAssigner(InOrderSplitAssigner::new)
                .build();
    }

    @Override
    public String toString() {
        return "JsonLinesInput{path=" + path + "}";
    }

    /**
     * Builder with the documented defaults; also what job.yaml's {@code source.files} binds to.
     * {@link #build()} validates.
     */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String path;
        private SerializableSupplier<Instant> clock = Instant::now;

        private Builder() {}

        public Builder path(String value) {
            this.path = value;
            return this;
        }

        /** The arrival-time clock, read once per file reader; default the system clock. */
        @JsonIgnore
        public Builder clock(SerializableSupplier<Instant> value) {
            this.clock = value;
            return this;
        }

        public JsonLinesInput build() {
            return new JsonLinesInput(this);
        }
    }
}
