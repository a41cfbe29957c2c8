package org.vlmeval.sinks.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {

    @Test
    void replacesTheFileAndLeavesNothingElse(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("sub/out.txt");
        AtomicFiles.write(target, out -> out.write("one\n"));
        AtomicFiles.write(target, out -> out.write("two é\n"));

        assertThat(Files.readString(target)).isEqualTo("two é\n");
        assertThat(names(target.getParent())).containsExactly("out.txt");
    }

    @Test
    void aFailedWriteKeepsTheOldFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicFiles.write(target, out -> out.write("old\n"));

        assertThatThrownBy(
                        () ->
                                AtomicFiles.write(
                                        target,
                                        out -> {
                                            out.write("half");
                                            throw new IOException("disk full");
                                        }))
                .hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("old\n");
        assertThat(names(dir)).containsExactly("out.txt");
    }

    @Test
    void outputHasTheUsualPermissionsNotOwnerOnly(@TempDir Path dir) throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.write(atomic, out -> out.write("x"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(atomic)))
                .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)));
    }

    private static java.util.List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
