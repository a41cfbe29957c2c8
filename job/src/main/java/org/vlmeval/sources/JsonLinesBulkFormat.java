package org.vlmeval.sources;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;

import java.io.IOException;
import java.util.Objects;

/**
 * Runs a {@link JsonLinesFormat} through Flink's own {@link StreamFormatAdapter} (batching and
 * checkpointed positions as with {@code FileSource.forRecordStreamFormat}), but binds the format to
 * each split's file first: a stream format's reader is never told which file it reads, and
 * positions must name it.
 *
 * <p>Files are named as the user gave the input: a file under the given directory {@code corpora/x}
 * is {@code corpora/x/sub/a.jsonl}, not the fully qualified {@code file:/…} path Flink lists.
 */
final class JsonLinesBulkFormat implements BulkFormat<SourceEvent, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    private final JsonLinesFormat format;
    private final String givenRoot;
    private final String qualifiedRoot;

    /**
     * @param format the format, bound to any path (rebound per split)
     * @param givenRoot the input path as the user wrote it
     * @param qualifiedRoot the path part of its fully qualified URI
     */
    JsonLinesBulkFormat(JsonLinesFormat format, String givenRoot, String qualifiedRoot) {
        this.format = Objects.requireNonNull(format, "format");
        this.givenRoot = stripTrailingSlash(givenRoot);
        this.qualifiedRoot = stripTrailingSlash(qualifiedRoot);
    }

    @Override
    public Reader<SourceEvent> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return adapter(split).createReader(config, split);
    }

    @Override
    public Reader<SourceEvent> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return adapter(split).restoreReader(config, split);
    }

    private StreamFormatAdapter<SourceEvent> adapter(FileSourceSplit split) {
        return new StreamFormatAdapter<>(
                format.forFile(displayName(split.path().toUri().getPath())));
    }

    /** The file's path as the user would write it, relative to the given input path. */
    String displayName(String filePath) {
        String p = stripTrailingSlash(filePath);
        if (p.equals(qualifiedRoot)) {
            return givenRoot;
        }
        if (p.startsWith(qualifiedRoot + "/")) {
            return givenRoot + p.substring(qualifiedRoot.length());
        }
        return filePath;
    }

    private static String stripTrailingSlash(String s) {
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<SourceEvent> getProducedType() {
        return format.getProducedType();
    }
}
