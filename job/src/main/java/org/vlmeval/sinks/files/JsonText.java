package org.vlmeval.sinks.files;

import org.vlmeval.model.JsonCodec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Collection;

/** JSON text for the output files, the same bytes on every machine. */
final class JsonText {

    /**
     * Two-space indent and {@code \n} whatever the platform's line separator, so the files are
     * byte-identical everywhere; arrays (the confidence intervals) stay on one line.
     */
    private static final ObjectWriter PRETTY =
            JsonCodec.MAPPER.writer(
                    new DefaultPrettyPrinter()
                            .withSeparators(
                                    Separators.createDefaultInstance()
                                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private JsonText() {}

    static String compact(Object value) throws JsonProcessingException {
        return JsonCodec.MAPPER.writeValueAsString(value);
    }

    static String pretty(Object node) throws JsonProcessingException {
        return PRETTY.writeValueAsString(node) + "\n";
    }

    /** Writes one compact JSON object per line (JSON Lines), atomically. */
    static void writeLines(Path file, Collection<?> rows) throws IOException {
        AtomicFiles.write(
                file,
                out -> {
                    for (Object row : rows) {
                        line(out, compact(row));
                    }
                });
    }

    private static void line(Writer out, String text) throws IOException {
        out.write(text);
        out.write('\n');
    }
}
