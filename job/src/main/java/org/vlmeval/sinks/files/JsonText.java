package org.vlmeval.sinks.files;

import org.vlmeval.model.JsonCodec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.function.Function;

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

    static String compact(JsonNode node) throws JsonProcessingException {
        return JsonCodec.MAPPER.writeValueAsString(node);
    }

    static String pretty(JsonNode node) throws JsonProcessingException {
        return PRETTY.writeValueAsString(node) + "\n";
    }

    /** Writes one compact JSON object per line (JSON Lines), atomically. */
    static <T> void writeLines(Path file, Collection<T> rows, Function<T, ? extends JsonNode> json)
            throws IOException {
        AtomicFiles.write(
                file,
                out -> {
                    for (T row : rows) {
                        line(out, compact(json.apply(row)));
                    }
                });
    }

    private static void line(Writer out, String text) throws IOException {
        out.write(text);
        out.write('\n');
    }
}
