package org.vlmeval.sinks.files;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Replaces a file's content all at once: the content goes to a temporary file in the same directory
 * (the same file system, so the rename is atomic) which is then moved over the target. A reader
 * sees the old file or the new one, never half of one.
 */
final class AtomicFiles {

    /** Writes a file's content as UTF-8. */
    @FunctionalInterface
    interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private AtomicFiles() {}

    static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: it makes the file owner-only (0600), and the rename would
        // carry that over to the output, hiding it from other users.
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (Writer out =
                    Files.newBufferedWriter(
                            tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
                content.writeTo(out);
            }
            Files.move(
                    tmp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
