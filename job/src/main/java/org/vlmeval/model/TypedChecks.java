package org.vlmeval.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schemas' constraints on requests and recorded responses written out as plain checks, for
 * speed: the schema validator took ~20 µs of the ~25 µs of parsing an event. One-sided on purpose:
 * {@code true} means the schema surely accepts the event; {@code false} means "not sure", and
 * {@link Schemas} then asks the schema validator, which gives the verdict and the error messages.
 * So no message and no verdict changes; valid events, the common case, skip the validator. Where a
 * check here is narrower than the schema (lengths in UTF-16 units rather than code points, strict
 * regular expressions, integers that fit a long), it only sends more events to the validator.
 *
 * <p>A field it does not know (the schemas accept unknown fields) also means "not sure", so a field
 * added to a schema without a check here is still validated, only more slowly; a constraint changed
 * on a known field needs the same change here ({@code TypedChecksTest} tries each field with many
 * values against the validator and fails on any event accepted here that the schema rejects).
 * {@code repeats} and {@code response.sample} are checked as the schemas that add them constrain
 * them (integers 1 to 20 and 0 to 19).
 */
final class TypedChecks {

    private static final Set<String> REFERENCE_TYPES =
            Set.of("numeric", "exact", "vqa", "choice", "anls", "set", "table", "regex");

    private TypedChecks() {}

    /** eval-request.schema.json (with reference.schema.json). */
    static boolean evalRequest(JsonNode node) {
        if (!node.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!requestField(field.getKey(), field.getValue())) {
                return false;
            }
        }
        return node.has("id") && node.has("question");
    }

    /** recorded-response.schema.json: a request plus the endpoint and its response. */
    static boolean recordedResponse(JsonNode node) {
        if (!evalRequest(node) || !text(node.get("model"), 1, Integer.MAX_VALUE)) {
            return false;
        }
        JsonNode response = node.get("response");
        if (response == null || !response.isObject() || !response.has("text")) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = response.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode v = field.getValue();
            boolean ok =
                    switch (field.getKey()) {
                        case "text" -> v.isTextual();
                        case "finish_reason" -> v.isTextual() || v.isNull();
                        case "latency_ms" -> (v.isInt() || v.isLong()) && v.asLong() >= 0;
                        case "input_tokens", "output_tokens" -> v.isInt() && v.asInt() >= 0;
                        case "sample" -> v.isInt() && v.intValue() >= 0 && v.intValue() <= 19;
                        default -> false;
                    };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean requestField(String name, JsonNode v) {
        return switch (name) {
            case "id" -> text(v, 1, 512);
            case "ts" -> v.isTextual() || v.isIntegralNumber();
            case "run" -> text(v, 1, 200);
            case "category" -> text(v, 1, 200) && !v.textValue().equals("*");
            case "lang" -> v.isTextual() && isLanguageTag(v.textValue());
            case "image" -> image(v);
            case "question" -> text(v, 1, Integer.MAX_VALUE);
            case "reference" -> reference(v);
            case "objects" -> texts(v, 1, false);
            case "objects_vocabulary" -> v.isTextual() && isVocabularyName(v.textValue());
            case "models" -> texts(v, 1, true);
            case "repeats" -> v.isInt() && v.intValue() >= 1 && v.intValue() <= 20;
            // A recorded response's own fields, checked by recordedResponse().
            case "model", "response" -> true;
            default -> false;
        };
    }

    /** ^[a-z0-9][a-z0-9_-]{0,63}$, the schema's pattern for objects_vocabulary. */
    private static boolean isVocabularyName(String s) {
        if (s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '_' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    /** A string of {@code min} to {@code max} UTF-16 units (so also of that many code points). */
    private static boolean text(JsonNode v, int min, int max) {
        if (v == null || !v.isTextual()) {
            return false;
        }
        int length = v.textValue().length();
        return length >= min && length <= max;
    }

    /** An array of strings each at least {@code minLength} long; distinct when asked. */
    private static boolean texts(JsonNode v, int minLength, boolean unique) {
        if (!v.isArray()) {
            return false;
        }
        Set<String> seen = unique ? new HashSet<>() : null;
        for (JsonNode item : v) {
            if (!text(item, minLength, Integer.MAX_VALUE)) {
                return false;
            }
            if (unique && !seen.add(item.textValue())) {
                return false;
            }
        }
        return true;
    }

    /** Exactly one of url, data (with mime) or path, each as its branch of the oneOf wants. */
    private static boolean image(JsonNode v) {
        if (!v.isObject()) {
            return false;
        }
        JsonNode url = v.get("url");
        JsonNode data = v.get("data");
        JsonNode path = v.get("path");
        int given = (url != null ? 1 : 0) + (data != null ? 1 : 0) + (path != null ? 1 : 0);
        if (given != 1) {
            return false;
        }
        if (url != null) {
            return url.isTextual() && isHttpUrl(url.textValue());
        }
        if (data != null) {
            JsonNode mime = v.get("mime");
            return text(data, 1, Integer.MAX_VALUE)
                    && mime != null
                    && mime.isTextual()
                    && isImageMime(mime.textValue());
        }
        return text(path, 1, Integer.MAX_VALUE);
    }

    private static boolean reference(JsonNode v) {
        if (!v.isObject()) {
            return false;
        }
        JsonNode type = v.get("type");
        if (type == null || !type.isTextual() || !REFERENCE_TYPES.contains(type.textValue())) {
            return false;
        }
        return switch (type.textValue()) {
            case "numeric" ->
                    plainNumber(v.get("value"))
                            && Double.isFinite(v.get("value").doubleValue())
                            && optionalNumber(v.get("tolerance"), 0, false, Double.MAX_VALUE);
            case "exact", "vqa" -> answers(v.get("answers"));
            case "anls" ->
                    answers(v.get("answers")) && optionalNumber(v.get("threshold"), 0, true, 1);
            case "choice" -> choice(v.get("answer"), v.get("options"));
            case "set" ->
                    v.has("items") && v.get("items").size() >= 1 && texts(v.get("items"), 1, false);
            case "table" -> text(v.get("csv"), 1, Integer.MAX_VALUE);
            case "regex" -> text(v.get("pattern"), 1, Integer.MAX_VALUE);
            default -> false;
        };
    }

    private static boolean answers(JsonNode v) {
        return v != null && v.isArray() && v.size() >= 1 && texts(v, 0, false);
    }

    /**
     * Absent, or a finite number above (or from, unless exclusive) {@code min} up to {@code max}.
     */
    private static boolean optionalNumber(JsonNode v, double min, boolean exclusive, double max) {
        if (v == null) {
            return true;
        }
        if (!plainNumber(v)) {
            return false;
        }
        double d = v.doubleValue();
        return (exclusive ? d > min : d >= min) && d <= max && Double.isFinite(d);
    }

    /** An int, long or double: its double value is exactly what the validator compares. */
    private static boolean plainNumber(JsonNode v) {
        return v != null && (v.isInt() || v.isLong() || v.isDouble());
    }

    private static boolean choice(JsonNode answer, JsonNode options) {
        if (answer == null || !answer.isTextual() || !isOneLetter(answer.textValue())) {
            return false;
        }
        if (options == null || !options.isObject() || options.size() < 2) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> option = it.next();
            if (!isOneLetter(option.getKey()) || !text(option.getValue(), 1, Integer.MAX_VALUE)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isOneLetter(String s) {
        return s.length() == 1 && isAsciiLetter(s.charAt(0));
    }

    /** {@code ^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$}, with nothing after the last subtag. */
    static boolean isLanguageTag(String s) {
        int i = 0;
        while (i < s.length() && isAsciiLetter(s.charAt(i))) {
            i++;
        }
        if (i < 2 || i > 3) {
            return false;
        }
        while (i < s.length()) {
            if (s.charAt(i) != '-') {
                return false;
            }
            int start = ++i;
            while (i < s.length()
                    && (isAsciiLetter(s.charAt(i)) || (s.charAt(i) >= '0' && s.charAt(i) <= '9'))) {
                i++;
            }
            if (i - start < 1 || i - start > 8) {
                return false;
            }
        }
        return true;
    }

    /** {@code ^[Hh][Tt][Tt][Pp][Ss]?://}: ASCII letters only (no case folding of others). */
    static boolean isHttpUrl(String s) {
        int i = 0;
        for (char c : new char[] {'h', 't', 't', 'p'}) {
            if (i >= s.length() || (s.charAt(i) | 0x20) != c) {
                return false;
            }
            i++;
        }
        if (i < s.length() && (s.charAt(i) | 0x20) == 's') {
            i++;
        }
        return s.startsWith("://", i);
    }

    /** {@code ^image/[a-z0-9.+-]+$}, with nothing after the last character. */
    static boolean isImageMime(String s) {
        if (!s.startsWith("image/") || s.length() == 6) {
            return false;
        }
        for (int i = 6; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9')
                            || c == '.'
                            || c == '+'
                            || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
