package org.vlmeval.model;

import org.vlmeval.images.ImageRef;
import org.vlmeval.scoring.hallucination.ClosedVocabulary;
import org.vlmeval.scoring.reference.AnlsReference;
import org.vlmeval.scoring.reference.ChoiceReference;
import org.vlmeval.scoring.reference.ExactReference;
import org.vlmeval.scoring.reference.NumericReference;
import org.vlmeval.scoring.reference.Reference;
import org.vlmeval.scoring.reference.RegexReference;
import org.vlmeval.scoring.reference.SetReference;
import org.vlmeval.scoring.reference.TableReference;
import org.vlmeval.scoring.reference.VqaReference;
import org.vlmeval.scoring.reference.YesNoReference;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and writes vlm-eval's JSON messages. Every read of an input validates against the JSON
 * Schema first, then builds the records; every error names the field. {@link #MAPPER} also maps the
 * job's own records (see {@link RecordJson}).
 */
public final class JsonCodec {

    /** Strict reader: duplicate keys and trailing content are errors, not silently accepted. */
    public static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .addModule(new RecordJson())
                    .build();

    private JsonCodec() {}

    /** Parses one JSON object from text. */
    public static ObjectNode readObject(String json) throws InvalidInputException {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidInputException("invalid JSON: empty input");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidInputException(
                    "expected a JSON object, got " + node.getNodeType().name().toLowerCase());
        }
        return object;
    }

    public static EvalRequest toEvalRequest(JsonNode node) throws InvalidInputException {
        Schemas.get().validateEvalRequest(node);
        return evalRequest(node);
    }

    public static RecordedResponse toRecordedResponse(JsonNode node) throws InvalidInputException {
        Schemas.get().validateRecordedResponse(node);
        JsonNode response = node.get("response");
        JsonNode finish = response.get("finish_reason");
        return new RecordedResponse(
                evalRequest(node),
                node.get("model").asText(),
                response.get("text").asText(),
                finish == null || finish.isNull() ? null : finish.asText());
    }

    /**
     * A label (label.schema.json), checked against its schema; {@code runOverride} (a replay's run
     * id), when not null, replaces its run as it does the requests'.
     */
    public static Label toLabel(JsonNode node, String runOverride, String position)
            throws InvalidInputException {
        Schemas.get().validateLabel(node);
        String run = runOverride != null ? runOverride : text(node, "run");
        return new Label(
                node.get("request_id").asText(),
                run == null ? EvalRequest.LIVE_RUN : run,
                node.get("labeler").asText(),
                timestamp(node.get("ts")),
                node.hasNonNull("reference") ? node.get("reference").toString() : null,
                strings(node.get("objects")),
                position);
    }

    /**
     * Decodes a request from JSON that was already validated against eval-request.schema.json (the
     * pipeline's own {@code requestJson}): no schema check, which is most of the cost.
     */
    public static EvalRequest decodeValidatedRequest(String json) throws InvalidInputException {
        return evalRequest(readRequestTree(json));
    }

    /** The last request text this thread read, and its tree ({@link #readRequestTree}). */
    private static final ThreadLocal<Object[]> LAST_REQUEST =
            ThreadLocal.withInitial(() -> new Object[2]);

    /**
     * A request's JSON tree, <b>read-only</b>: as {@link #readObject}, but the tree of the last
     * text this thread read is given again when asked for the very same {@code String} object. One
     * request text is read by several steps of one chain in a row (the dedup fingerprint, then
     * scoring; the objects judge's route, then the judge): the text is then parsed once. Callers
     * must not change the tree.
     */
    public static ObjectNode readRequestTree(String json) throws InvalidInputException {
        Object[] last = LAST_REQUEST.get();
        if (last[0] == json && json != null) {
            return (ObjectNode) last[1];
        }
        ObjectNode tree = readObject(json);
        last[0] = json;
        last[1] = tree;
        return tree;
    }

    private static EvalRequest evalRequest(JsonNode n) throws InvalidInputException {
        return new EvalRequest(
                n.get("id").asText(),
                timestamp(n.get("ts")),
                text(n, "run"),
                text(n, "category"),
                text(n, "lang"),
                image(n.get("image")),
                n.get("question").asText(),
                n.hasNonNull("reference") ? reference(n.get("reference")) : null,
                strings(n.get("objects")),
                strings(n.get("models")),
                n.hasNonNull("repeats") ? n.get("repeats").asInt() : null,
                objectsVocabulary(n));
    }

    /** objects_vocabulary, which must name a vocabulary this build has (the schema cannot know). */
    private static String objectsVocabulary(JsonNode n) throws InvalidInputException {
        String name = text(n, "objects_vocabulary");
        if (name != null && !ClosedVocabulary.exists(name)) {
            throw new InvalidInputException(
                    "objects_vocabulary: unknown vocabulary '"
                            + name
                            + "' (built in: "
                            + ClosedVocabulary.OPEN
                            + ", coco80)");
        }
        return name;
    }

    /** The earliest event time accepted: 0000-01-01T00:00:00Z. */
    static final Instant MIN_TS = Instant.parse("0000-01-01T00:00:00Z");

    /** The latest event time accepted: 9999-12-31T23:59:59.999Z, the last epoch millisecond. */
    static final Instant MAX_TS = Instant.parse("9999-12-31T23:59:59.999Z");

    /**
     * The event time, within the years 0000 to 9999: an event time is also the source's timestamp
     * in epoch milliseconds, which a year of ±999999999 overflows (an exception on every restart),
     * and a number beyond a long must not be silently wrapped.
     */
    static Instant timestamp(JsonNode ts) throws InvalidInputException {
        if (ts == null || ts.isNull()) {
            return null;
        }
        Instant instant;
        if (ts.isIntegralNumber()) {
            if (!ts.canConvertToLong()) {
                throw outOfRange(ts);
            }
            instant = Instant.ofEpochMilli(ts.asLong());
        } else {
            try {
                instant = IsoInstants.parse(ts.asText());
            } catch (DateTimeException e) {
                throw new InvalidInputException(
                        "ts: '"
                                + ts.asText()
                                + "' is neither ISO-8601 with an offset (2026-11-27T10:15:00Z) nor epoch milliseconds");
            }
        }
        if (instant.isBefore(MIN_TS) || instant.isAfter(MAX_TS)) {
            throw outOfRange(ts);
        }
        return instant;
    }

    private static InvalidInputException outOfRange(JsonNode ts) {
        return new InvalidInputException(
                "ts: '" + ts.asText() + "' is outside the years 0000 to 9999 (UTC)");
    }

    private static ImageRef image(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return new ImageRef(text(n, "url"), text(n, "data"), text(n, "mime"), text(n, "path"));
    }

    /** Builds a reference from JSON already checked against reference.schema.json. */
    public static Reference reference(JsonNode r) throws InvalidInputException {
        String type = r.get("type").asText();
        try {
            return switch (type) {
                case "numeric" ->
                        new NumericReference(
                                r.get("value").asDouble(), r.path("tolerance").asDouble(0.0));
                case "exact" -> new ExactReference(strings(r.get("answers")));
                case "vqa" -> new VqaReference(strings(r.get("answers")));
                case "anls" ->
                        new AnlsReference(
                                strings(r.get("answers")),
                                r.path("threshold").asDouble(AnlsReference.DEFAULT_THRESHOLD));
                case "choice" ->
                        new ChoiceReference(r.get("answer").asText(), options(r.get("options")));
                case "set" -> new SetReference(strings(r.get("items")));
                case "table" -> TableReference.of(r.get("csv").asText());
                case "regex" -> RegexReference.of(r.get("pattern").asText());
                case "yesno" -> new YesNoReference(r.get("answer").asText());
                default ->
                        throw new InvalidInputException(
                                "reference.type: unknown type '" + type + "'");
            };
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException(
                    "reference.pattern: not a valid regular expression: " + e.getDescription());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("reference (" + type + "): " + e.getMessage());
        }
    }

    private static Map<String, String> options(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static List<String> strings(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>(n.size());
        n.forEach(e -> out.add(e.asText()));
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
