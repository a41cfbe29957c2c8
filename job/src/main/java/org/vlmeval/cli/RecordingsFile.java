package org.vlmeval.cli;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.JsonCodec;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a run's call outcomes in the recordings format that {@code protocol: recorded} endpoints
 * play back (connectors/README.md): answers with their text, finish reason, latency and tokens,
 * failed calls with their error kind, so a re-scoring run reproduces the original exactly.
 */
final class RecordingsFile {

    private RecordingsFile() {}

    static void write(Path file, List<AnswerRow> rows) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        List<AnswerRow> sorted =
                rows.stream()
                        .sorted(
                                Comparator.comparing(AnswerRow::endpoint)
                                        .thenComparing(AnswerRow::requestId)
                                        .thenComparingInt(AnswerRow::sample))
                        .toList();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (AnswerRow r : sorted) {
                ObjectNode o = JsonCodec.MAPPER.createObjectNode();
                o.put("request_id", r.requestId());
                o.put("endpoint", r.endpoint());
                if (r.sample() != 0) {
                    o.put("sample", r.sample());
                }
                if (r.errorKind() == null) {
                    o.put("text", r.responseText());
                    o.put("finish_reason", r.finishReason());
                } else {
                    o.put("error_kind", r.errorKind());
                    o.put("error_message", r.errorMessage());
                }
                o.put("latency_ms", r.latencyMs());
                o.put("attempts", r.attempts());
                if (r.inputTokens() != null) {
                    o.put("input_tokens", r.inputTokens());
                }
                if (r.outputTokens() != null) {
                    o.put("output_tokens", r.outputTokens());
                }
                out.write(o.toString());
                out.write('\n');
            }
        }
    }
}
