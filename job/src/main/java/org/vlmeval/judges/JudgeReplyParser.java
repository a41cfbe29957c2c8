package org.vlmeval.judges;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JSON a judge was asked for out of what models actually write: a fenced block (```json …
 * ```), JSON with prose before or after it, single quotes, unquoted keys, trailing commas,
 * comments. Every JSON object in the reply is a candidate; the ones with the expected key decide.
 * Whatever cannot be read is a {@link JudgeReplyException} with its {@link JudgeErrorKind}, never a
 * guessed verdict.
 */
public final class JudgeReplyParser {

    /** A parsed grade: the verdict and the judge's reason (empty when it gave none). */
    public record Grade(JudgeVerdict verdict, String rationale) {}

    /** A parsed objects list, names trimmed, repeats (ignoring case) dropped, in order. */
    public record Objects(List<String> objects, String rationale) {}

    private static final JsonMapper LENIENT =
            JsonMapper.builder()
                    .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                    .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                    .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                    .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                    .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
                    .build();

    private static final Pattern FENCE =
            Pattern.compile(
                    "```[ \\t]*(?:json|JSON|javascript)?[ \\t]*\\r?\\n?(.*?)```", Pattern.DOTALL);

    /**
     * Replies longer than this are not searched further: answers are short, and scanning is
     * quadratic at worst.
     */
    private static final int MAX_SCANNED_CHARS = 64 * 1024;

    private JudgeReplyParser() {}

    public static Grade grade(String reply, String finishReason) throws JudgeReplyException {
        List<JsonNode> json = candidates(reply, false);
        List<JsonNode> withKey = withKey(json, "verdict");
        if (withKey.isEmpty()) {
            throw nothingFound(json, finishReason, JudgeErrorKind.MISSING_VERDICT, "verdict");
        }
        Map<JudgeVerdict, JsonNode> verdicts = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode node : withKey) {
            JsonNode v = field(node, "verdict");
            String written = v.isTextual() ? v.asText() : v.toString();
            JudgeVerdict.parse(written)
                    .ifPresentOrElse(
                            verdict -> verdicts.putIfAbsent(verdict, node),
                            () -> unknown.add(written));
        }
        if (verdicts.isEmpty()) {
            throw new JudgeReplyException(
                    JudgeErrorKind.UNKNOWN_VERDICT,
                    "verdict " + quoted(unknown.get(0)) + " is not correct, incorrect or unsure");
        }
        if (verdicts.size() > 1) {
            throw new JudgeReplyException(
                    JudgeErrorKind.AMBIGUOUS_VERDICT,
                    "the reply gives several verdicts: " + verdicts.keySet());
        }
        Map.Entry<JudgeVerdict, JsonNode> only = verdicts.entrySet().iterator().next();
        return new Grade(only.getKey(), rationale(only.getValue()));
    }

    public static Objects objects(String reply, String finishReason) throws JudgeReplyException {
        List<JsonNode> json = candidates(reply, true);
        List<JsonNode> withKey = withKey(json, "objects");
        JsonNode list;
        String rationale = "";
        if (!withKey.isEmpty()) {
            list = field(withKey.get(0), "objects");
            rationale = rationale(withKey.get(0));
        } else {
            // A bare list is what was asked for, minus the wrapper; cheap to accept.
            list = json.stream().filter(JsonNode::isArray).findFirst().orElse(null);
            if (list == null) {
                throw nothingFound(json, finishReason, JudgeErrorKind.MISSING_OBJECTS, "objects");
            }
        }
        if (!list.isArray()) {
            throw new JudgeReplyException(
                    JudgeErrorKind.BAD_OBJECTS,
                    "objects is not a list: " + shorten(list.toString()));
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : list) {
            JsonNode name = item.isObject() ? field(item, "name") : item;
            if (name == null || !name.isTextual()) {
                throw new JudgeReplyException(
                        JudgeErrorKind.BAD_OBJECTS,
                        "objects has an entry that is not a name: " + shorten(item.toString()));
            }
            String trimmed = name.asText().strip();
            if (!trimmed.isEmpty() && seen.add(trimmed.toLowerCase(Locale.ROOT))) {
                names.add(trimmed);
            }
        }
        return new Objects(List.copyOf(names), rationale);
    }

    private static JudgeReplyException nothingFound(
            List<JsonNode> json, String finishReason, JudgeErrorKind missing, String key) {
        boolean anyObject = json.stream().anyMatch(JsonNode::isObject);
        if (anyObject) {
            return new JudgeReplyException(missing, "the reply's JSON has no " + key);
        }
        if ("length".equals(finishReason)) {
            return new JudgeReplyException(
                    JudgeErrorKind.TRUNCATED,
                    "the reply was cut off at max_tokens before its JSON");
        }
        return new JudgeReplyException(JudgeErrorKind.NO_JSON, "the reply holds no JSON object");
    }

    /** Fenced blocks first, then every balanced {…} (and […] when asked) of the whole text. */
    static List<JsonNode> candidates(String reply, boolean arrays) {
        List<JsonNode> out = new ArrayList<>();
        if (reply == null || reply.isBlank()) {
            return out;
        }
        String text =
                reply.length() > MAX_SCANNED_CHARS ? reply.substring(0, MAX_SCANNED_CHARS) : reply;
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            JsonNode node = read(fence.group(1).strip());
            if (node != null && (node.isObject() || (arrays && node.isArray()))) {
                out.add(node);
            }
        }
        scan(text, '{', '}', out);
        if (arrays) {
            scan(text, '[', ']', out);
        }
        return out;
    }

    /** Adds each outermost balanced span that opens with {@code open} and parses. */
    private static void scan(String text, char open, char close, List<JsonNode> out) {
        int from = 0;
        while (true) {
            int start = text.indexOf(open, from);
            if (start < 0) {
                return;
            }
            int end = matching(text, start, open, close);
            if (end < 0) {
                from = start + 1;
                continue;
            }
            JsonNode node = read(text.substring(start, end + 1));
            if (node != null) {
                out.add(node);
                from = end + 1;
            } else {
                // Prose in braces, e.g. "{see above}": look for JSON inside it.
                from = start + 1;
            }
        }
    }

    /**
     * The index of the bracket closing the one at {@code start}, skipping quoted text; -1 if none.
     */
    private static int matching(String text, int start, char open, char close) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || (c == '\'' && isQuoteStart(text, i))) {
                quote = c;
            } else if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** A single quote opens a string after {, [, : or , (ignoring spaces), not in "it's". */
    private static boolean isQuoteStart(String text, int i) {
        for (int j = i - 1; j >= 0; j--) {
            char p = text.charAt(j);
            if (!Character.isWhitespace(p)) {
                return p == '{' || p == '[' || p == ':' || p == ',';
            }
        }
        return false;
    }

    private static JsonNode read(String json) {
        try {
            return LENIENT.readTree(json);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static List<JsonNode> withKey(List<JsonNode> json, String key) {
        return json.stream().filter(n -> n.isObject() && field(n, key) != null).toList();
    }

    /** A field by name, ignoring case ("Verdict"). */
    private static JsonNode field(JsonNode object, String key) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().strip().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String rationale(JsonNode object) {
        for (String key : List.of("rationale", "reason", "explanation")) {
            JsonNode r = field(object, key);
            if (r != null && r.isTextual()) {
                return r.asText().strip();
            }
        }
        return "";
    }

    private static String quoted(String s) {
        return "'" + shorten(s) + "'";
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
