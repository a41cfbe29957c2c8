package org.vlmeval.options;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one configuration path: YAML files (job.yaml, endpoints.yaml) bound with Jackson into
 * immutable options objects, whose builders validate once at build time.
 *
 * <ul>
 *   <li>snake_case names; unknown fields and duplicate keys are errors;
 *   <li>no silent coercion: {@code "5"} is not a number, {@code 2.5} not an integer, {@code 5} not
 *       a string (quote it);
 *   <li>durations ({@code 500ms 30s 2m 1h}) and sizes ({@code 1048576 512KiB 10MiB}) through one
 *       deserializer each;
 *   <li>{@code ${env:NAME}} in any string value is replaced by the variable's value, here and
 *       nowhere else;
 *   <li>every error becomes a {@link ConfigException} naming the file and the YAML path a user
 *       writes, including {@link InvalidOptionException}s raised deep in an options builder: {@code
 *       job.yaml: sinks.store.batch_size: must be in [1, 10000], was 0}.
 * </ul>
 */
public final class YamlOptions {

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private static final ObjectMapper MAPPER = mapper();

    private final String file;
    private final JsonNode root;

    private YamlOptions(String file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /** Reads a file; its name (without directories) prefixes every message. */
    public static YamlOptions read(Path path, UnaryOperator<String> env) {
        String name = path.getFileName().toString();
        try {
            return parse(Files.readString(path, StandardCharsets.UTF_8), name, env);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses YAML text: a mapping at the top, no duplicate keys, placeholders resolved from {@code
     * env}.
     */
    public static YamlOptions parse(String yaml, String file, UnaryOperator<String> env) {
        JsonNode root;
        try {
            root = MAPPER.readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(file + ": expected a mapping of options at the top");
        }
        resolvePlaceholders(root, "", file, env);
        return new YamlOptions(file, root);
    }

    public String file() {
        return file;
    }

    /** The parsed document, placeholders resolved. */
    public JsonNode root() {
        return root;
    }

    /** The whole document bound to {@code type}. */
    public <T> T bind(Class<T> type) {
        try {
            return MAPPER.treeToValue(root, type);
        } catch (JsonProcessingException e) {
            throw explain(e);
        }
    }

    /**
     * Runs a step after binding (a path resolved, a file loaded) whose {@link
     * InvalidOptionException} is reported under {@code path}, e.g. {@code run_id}.
     */
    public <T> T at(String path, Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidOptionException e) {
            throw error(join(path, e.field()), e.problem(), e);
        }
    }

    /** A message about {@code path} in this file. */
    public ConfigException error(String path, String problem, Throwable cause) {
        String where = path.isEmpty() ? file : file + ": " + path;
        return new ConfigException(where + ": " + problem, cause);
    }

    private ConfigException explain(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? path(m) : "";
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof InvalidOptionException)) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidOptionException o) {
            return error(join(path, o.field()), o.problem(), e);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return error(path, "unknown field (known: " + known(u.getKnownPropertyIds()) + ")", e);
        }
        if (e instanceof FormatProblem) {
            return error(path, e.getOriginalMessage(), e);
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return error(
                    path, "must be " + expected(m.getTargetType()) + ", was " + shown(path), e);
        }
        return error(path, e.getOriginalMessage(), e);
    }

    /** {@code sinks.store}, {@code endpoints[1].timeout}: the path a user writes. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String join(String path, String field) {
        if (field.isEmpty()) {
            return path;
        }
        if (path.isEmpty() || field.startsWith("[")) {
            return path + field;
        }
        return path + "." + field;
    }

    private static String known(Collection<Object> ids) {
        TreeSet<String> names = new TreeSet<>();
        ids.forEach(id -> names.add(String.valueOf(id)));
        return String.join(", ", names);
    }

    /** What a value of {@code type} looks like in YAML, for "must be …". */
    private static String expected(Class<?> type) {
        if (type == int.class
                || type == Integer.class
                || type == long.class
                || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string (quote it)";
        }
        if (type == Duration.class) {
            return "a duration such as 500ms, 30s, 2m or 1h";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + enumNames(type);
        }
        return "a mapping";
    }

    private static String enumNames(Class<?> type) {
        StringBuilder out = new StringBuilder();
        for (Object constant : type.getEnumConstants()) {
            String name =
                    constant instanceof YamlName y ? y.yamlName() : ((Enum<?>) constant).name();
            out.append(out.length() == 0 ? "" : ", ").append(name);
        }
        return out.toString();
    }

    /** The value at {@code path} as written, shortened; for messages. */
    private String shown(String path) {
        JsonNode node = root;
        for (String part : path.split("\\.|(?=\\[)")) {
            if (node == null || part.isEmpty()) {
                continue;
            }
            node =
                    part.startsWith("[")
                            ? node.get(Integer.parseInt(part.substring(1, part.length() - 1)))
                            : node.get(part);
        }
        if (node == null || node.isNull()) {
            return "empty";
        }
        String text = node.isTextual() ? "'" + node.asText() + "'" : node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static void resolvePlaceholders(
            JsonNode node, String path, String file, UnaryOperator<String> env) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                JsonNode value = e.getValue();
                if (value.isTextual()) {
                    e.setValue(resolve(value.asText(), child, file, env));
                } else {
                    resolvePlaceholders(value, child, file, env);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String child = path + "[" + i + "]";
                if (array.get(i).isTextual()) {
                    array.set(i, resolve(array.get(i).asText(), child, file, env));
                } else {
                    resolvePlaceholders(array.get(i), child, file, env);
                }
            }
        }
    }

    private static JsonNode resolve(
            String text, String path, String file, UnaryOperator<String> env) {
        if (!text.contains("${env:")) {
            return TextNode.valueOf(text);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.apply(m.group(1));
            if (value == null) {
                // Names the variable, never a value: placeholders usually stand for secrets.
                throw new ConfigException(
                        file
                                + ": "
                                + path
                                + ": environment variable "
                                + m.group(1)
                                + " is not set (referenced as ${env:"
                                + m.group(1)
                                + "})");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (PLACEHOLDER.matcher(text).replaceAll("").contains("${env:")) {
            throw new ConfigException(
                    file
                            + ": "
                            + path
                            + ": malformed placeholder; write ${env:NAME} with NAME of letters,"
                            + " digits and _");
        }
        return TextNode.valueOf(out.toString());
    }

    private static ObjectMapper mapper() {
        YAMLFactory yaml =
                YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        SimpleModule units = new SimpleModule("vlm-eval-units");
        units.addDeserializer(Duration.class, new DurationDeserializer());
        YAMLMapper mapper =
                YAMLMapper.builder(yaml)
                        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                        .addModule(units)
                        .build();
        // No silent coercion between strings, numbers and booleans.
        for (LogicalType type :
                new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /** A value of the right YAML type that a unit deserializer cannot read. */
    static final class FormatProblem extends JsonMappingException {
        private static final long serialVersionUID = 1L;

        FormatProblem(JsonParser parser, String problem) {
            super(parser, problem);
        }
    }

    private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {
        private static final long serialVersionUID = 1L;

        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            try {
                return Durations.parse(p.getText());
            } catch (IllegalArgumentException e) {
                throw new FormatProblem(p, e.getMessage());
            }
        }
    }

    /**
     * Sizes in bytes: a whole number, or text with a unit ({@code 10MiB}); see {@link ByteSizes}.
     */
    public static final class ByteSizeDeserializer extends StdScalarDeserializer<Long> {
        private static final long serialVersionUID = 1L;

        public ByteSizeDeserializer() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Long) ctxt.handleUnexpectedToken(Long.class, p);
            }
            try {
                return ByteSizes.parse(p.getText());
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new FormatProblem(p, e.getMessage());
            }
        }
    }
}
