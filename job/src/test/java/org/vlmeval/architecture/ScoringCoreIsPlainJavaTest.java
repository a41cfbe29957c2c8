package org.vlmeval.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scoring core is shared by the Flink job, the CLI and tests; it must not depend on Flink, on
 * JSON or on our other packages, so that it stays cheap to call and to reason about.
 */
class ScoringCoreIsPlainJavaTest {

    private static final Path SCORING = Path.of("src/main/java/org/vlmeval/scoring");

    @Test
    void scoringImportsOnlyTheJdkAndItself() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.walk(SCORING)) {
            offending =
                    files.filter(p -> p.toString().endsWith(".java"))
                            .flatMap(
                                    file ->
                                            imports(file)
                                                    .filter(i -> !i.startsWith("java."))
                                                    .filter(
                                                            i ->
                                                                    !i.startsWith(
                                                                            "org.vlmeval.scoring."))
                                                    .map(i -> file.getFileName() + " imports " + i))
                            .toList();
        }
        assertThat(offending).isEmpty();
    }

    @Test
    void theCheckSeesTheSources() throws IOException {
        try (Stream<Path> files = Files.walk(SCORING)) {
            assertThat(files.filter(p -> p.toString().endsWith(".java")).count()).isGreaterThan(10);
        }
    }

    private static Stream<String> imports(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .map(String::strip)
                    .filter(l -> l.startsWith("import "))
                    .map(l -> l.replaceFirst("^import (static )?", "").replace(";", ""));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
