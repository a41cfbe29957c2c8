package org.vlmeval.endpoints;

import org.vlmeval.options.ConfigException;
import org.vlmeval.options.InvalidOptionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The answers of a {@code protocol: recorded} endpoint: a JSONL file with one line per (request,
 * endpoint), as {@code vlm-eval replay --record} writes it:
 *
 * <pre>{@code
 * {"request_id": "fruit-kinds", "endpoint": "qwen2-vl-7b", "text": "There are 7 kinds.",
 *  "finish_reason": "stop", "latency_ms": 1830, "input_tokens": 1290, "output_tokens": 9}
 * {"request_id": "captcha-1", "endpoint": "dead", "error_kind": "timeout", "error_message": "...",
 *  "latency_ms": 60000, "attempts": 4}
 * }</pre>
 *
 * Lines of other endpoints are ignored, so one file can hold several endpoints; a later line for
 * the same request (and {@code sample}, 0 when absent: the repeated answers of an endpoint with
 * {@code repeats}) replaces an earlier one. Played back instantly, with the recorded latency and
 * tokens, and no network.
 */
public final class Recordings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ModelAnswer> byRequest;

    private Recordings(Map<String, ModelAnswer> byRequest) {
        this.byRequest = byRequest;
    }

    /**
     * Reads the lines of {@code endpoint} from {@code file}.
     *
     * @throws ConfigException naming the file and line for an unreadable file or line
     */
    public static Recordings load(Path file, String endpoint) {
        Map<String, ModelAnswer> answers = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException e) {
                    throw problem(file, number, "invalid JSON");
                }
                if (!endpoint.equals(n.path("endpoint").asText(null))) {
                    continue;
                }
                String requestId = n.path("request_id").asText(null);
                if (requestId == null || requestId.isBlank()) {
                    throw problem(file, number, "request_id is missing");
                }
                int sample = n.path("sample").asInt(0);
                if (sample < 0) {
                    throw problem(file, number, "sample must be >= 0");
                }
                answers.put(key(requestId, sample), answer(n, endpoint, file, number));
            }
        } catch (IOException e) {
            throw new InvalidOptionException("recordings", "cannot read " + file + ": " + e);
        }
        return new Recordings(answers);
    }

    private static ModelAnswer answer(JsonNode n, String endpoint, Path file, int line) {
        long latency = n.path("latency_ms").asLong(0);
        if (latency < 0) {
            throw problem(file, line, "latency_ms must be >= 0");
        }
        if (n.hasNonNull("error_kind")) {
            ErrorKind kind;
            try {
                kind = ErrorKind.fromJsonName(n.get("error_kind").asText());
            } catch (IllegalArgumentException e) {
                throw problem(
                        file, line, "unknown error_kind '" + n.get("error_kind").asText() + "'");
            }
            String message = n.path("error_message").asText("recorded " + kind.jsonName());
            int attempts = n.path("attempts").asInt(1);
            if (attempts < 0) {
                throw problem(file, line, "attempts must be >= 0");
            }
            return ModelAnswer.failure(
                    endpoint, new AnswerError(kind, message), latency, null, attempts);
        }
        if (!n.hasNonNull("text")) {
            throw problem(file, line, "text (or error_kind) is missing");
        }
        return new ModelAnswer(
                endpoint,
                n.get("text").asText(),
                n.hasNonNull("finish_reason") ? n.get("finish_reason").asText() : null,
                latency,
                n.hasNonNull("input_tokens") ? n.get("input_tokens").asInt() : null,
                n.hasNonNull("output_tokens") ? n.get("output_tokens").asInt() : null,
                null,
                Math.max(1, n.path("attempts").asInt(1)),
                null);
    }

    private static ConfigException problem(Path file, int line, String what) {
        return new ConfigException(file + " line " + line + ": " + what);
    }

    private static String key(String requestId, int sample) {
        return sample == 0 ? requestId : requestId + '\u0000' + sample;
    }

    /** The recorded first answer, or a {@link ErrorKind#NOT_RECORDED} failure. */
    public ModelAnswer answer(String endpoint, String requestId) {
        return answer(endpoint, requestId, 0);
    }

    /** The recorded answer of one sample, or a {@link ErrorKind#NOT_RECORDED} failure. */
    public ModelAnswer answer(String endpoint, String requestId, int sample) {
        ModelAnswer a = byRequest.get(key(requestId, sample));
        if (a != null) {
            return a;
        }
        return ModelAnswer.failure(
                endpoint,
                new AnswerError(
                        ErrorKind.NOT_RECORDED,
                        "no recording for request '"
                                + requestId
                                + "'"
                                + (sample == 0 ? "" : " sample " + sample)),
                0,
                null,
                0);
    }

    public int size() {
        return byRequest.size();
    }
}
