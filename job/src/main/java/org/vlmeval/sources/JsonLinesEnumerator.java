package org.vlmeval.sources;

import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Lists the input files, one whole-file split each, sorted by path: a file given directly, or every
 * {@code *.jsonl} file under a given directory, recursively.
 *
 * <p>Skipped: names starting with {@code .} or {@code _} (hidden files, and the in-progress part
 * files of writers such as Flink's FileSink) and empty files (nothing to read, and Flink's stream
 * format adapter refuses a zero-length file).
 */
final class JsonLinesEnumerator implements FileEnumerator {

    static final String SUFFIX = ".jsonl";

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits)
            throws IOException {
        List<FileStatus> files = new ArrayList<>();
        for (Path path : paths) {
            FileSystem fs = path.getFileSystem();
            FileStatus status = fs.getFileStatus(path);
            if (status.isDir()) {
                addJsonLines(fs, status, files);
            } else if (status.getLen() > 0) {
                files.add(status);
            }
        }
        files.sort(Comparator.comparing(f -> f.getPath().toString()));
        List<FileSourceSplit> splits = new ArrayList<>();
        for (FileStatus f : files) {
            splits.add(
                    new FileSourceSplit(
                            String.format("%010d", splits.size()),
                            f.getPath(),
                            0,
                            f.getLen(),
                            f.getModificationTime(),
                            f.getLen()));
        }
        return splits;
    }

    private static void addJsonLines(FileSystem fs, FileStatus dir, List<FileStatus> out)
            throws IOException {
        FileStatus[] children = fs.listStatus(dir.getPath());
        if (children == null) {
            return;
        }
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (child.isDir()) {
                addJsonLines(fs, child, out);
            } else if (name.endsWith(SUFFIX) && child.getLen() > 0) {
                out.add(child);
            }
        }
    }
}
