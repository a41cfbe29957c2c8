package org.vlmeval.testing;

import org.vlmeval.model.DeadLetter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A seeded stream of hostile input messages for the sources' parser and the router: truncated and
 * deeply nested JSON, huge strings near and over the size limit, invalid UTF-8, wrong types for
 * every field, unknown fields, duplicate keys, control/bidi/NUL characters in every string field,
 * out-of-range numbers, empty and blank values, tombstones, valid events mutated one byte at a
 * time, and image references at internal addresses or outside the image root. The same seed gives
 * the same messages, so a failure reproduces.
 *
 * <p>Each message says what it must become: {@link #QUESTION}, {@link #RECORDED}, a {@link
 * DeadLetter} reason, or null when any single outcome is acceptable (random mutations).
 */
public final class HostileInput implements Iterator<HostileInput.Message> {

    public static final long DEFAULT_SEED = 20261204L;

    public static final String QUESTION = "question";
    public static final String RECORDED = "recorded";

    /** Paths the image root is set up with by {@link HostileRun}: symlinks leading out of it. */
    public static final String SYMLINK_DIR = "out-dir";

    public static final String SYMLINK_FILE = "escape.png";

    /**
     * One message.
     *
     * @param kind the class of hostility, e.g. {@code invalid-utf8}
     * @param value the Kafka record value; null for a tombstone
     * @param expected {@link #QUESTION}, {@link #RECORDED}, a dead-letter reason, or null for any
     * @param imageRefused a valid event whose image the loader must refuse without connecting
     */
    public record Message(String kind, byte[] value, String expected, boolean imageRefused) {}

    private record Kind(String name, int weight) {}

    private static final List<Kind> KINDS =
            List.of(
                    new Kind("valid", 6),
                    new Kind("tombstone", 1),
                    new Kind("empty", 1),
                    new Kind("whitespace", 2),
                    new Kind("truncated", 8),
                    new Kind("deep-nesting", 1),
                    new Kind("huge-string", 1),
                    new Kind("invalid-utf8", 8),
                    new Kind("wrong-type", 15),
                    new Kind("unknown-fields", 5),
                    new Kind("duplicate-keys", 5),
                    new Kind("control-chars", 10),
                    new Kind("out-of-range", 6),
                    new Kind("not-an-object", 3),
                    new Kind("one-byte-mutation", 15),
                    new Kind("image-refused", 6),
                    new Kind("image-bad-scheme", 1));

    /** The kinds of message, as {@link Message#kind()} names them. */
    public static final List<String> KIND_NAMES = KINDS.stream().map(Kind::name).toList();

    private static final int TOTAL_WEIGHT = KINDS.stream().mapToInt(Kind::weight).sum();

    private static final String TEXT =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,?!-的一是在不了有和人这中大为上个";
    private static final String[] EMOJI = {"😀", "🍎", "🐶", "é", "中"};

    private static final String[] WHITESPACE = {
        " ", "\t", "\n", "\r", "\f", "\u000b", "\u001c", "\u001f", "\u2028", "\u2029", "\u3000",
        "\u2003"
    };

    private static final int[][] BAD_UTF8 = {
        {0xC0, 0x80}, // overlong NUL
        {0xC0, 0xAF}, // overlong '/'
        {0xC1, 0xBF},
        {0xE0, 0x80, 0x80},
        {0xE0, 0x80, 0xAF},
        {0xF0, 0x80, 0x80, 0x80},
        {0xF0, 0x80, 0x80, 0xAF},
        {0xED, 0xA0, 0x80}, // encoded high surrogate
        {0xED, 0xB0, 0x80}, // encoded low surrogate
        {0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80}, // CESU-8 surrogate pair
        {0xF4, 0x90, 0x80, 0x80}, // above U+10FFFF
        {0xF5, 0x80, 0x80, 0x80},
        {0xF8, 0x88, 0x80, 0x80, 0x80},
        {0xFC, 0x84, 0x80, 0x80, 0x80, 0x80},
        {0xFE},
        {0xFF},
        {0x80}, // lone continuation byte
        {0xBF},
        {0xE2, 0x82}, // truncated sequences
        {0xF0, 0x9F, 0x98},
        {0xC3},
    };

    /**
     * Inserted escaped (\\uXXXX) or raw: bidi overrides, zero-width, NUL, BEL, ESC, lone halves.
     */
    private static final String[] ODD_CHARS = {
        "\u0000",
        "\u0007",
        "\u001b",
        "\u007f",
        "\u0085",
        "\u202e",
        "\u202d",
        "\u200f",
        "\u2066",
        "\u2069",
        "\u200b",
        "\ufeff",
        "\ufffe",
        "\ud800",
        "\udfff",
        "\udbff\udbff"
    };

    /** JSON values of each type, for wrong-type replacement. */
    private static final String[][] TYPED_VALUES = {
        {"number", "1.5"},
        {"number", "-0.25"},
        {"integer", "42"},
        {"integer", "-7"},
        {"boolean", "true"},
        {"boolean", "false"},
        {"null", "null"},
        {"array", "[]"},
        {"array", "[1,\"a\",null]"},
        {"object", "{}"},
        {"object", "{\"k\":[{}]}"},
        {"string", "\"s\""},
        {"string", "\"2026-11-27T10:15:00Z\""},
    };

    private static final String[] PRIVATE_URLS = {
        "http://127.0.0.1/a.png",
        "http://127.0.0.1:8080/a.png",
        "https://127.1/a.png",
        "http://127.0.0.1./a.png",
        "http://2130706433/a.png", // 127.0.0.1 as a decimal number
        "http://0177.0.0.1/a.png", // octal
        "http://017700000001/a.png",
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://169.254.169.254:80/computeMetadata/v1/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://METADATA.Google.Internal/x",
        "http://[::1]/a.png",
        "http://[::1]:11434/a.png",
        "http://[0:0:0:0:0:0:0:1]/a.png",
        "http://[::ffff:127.0.0.1]/a.png",
        "http://[::ffff:169.254.169.254]/a.png",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[64:ff9b::a9fe:a9fe]/a.png",
        "http://[fe80::1]/a.png",
        "http://[fc00::1]/a.png",
        "http://[::]/a.png",
        "http://10.0.0.1/a.png",
        "http://10.255.255.254/a.png",
        "http://172.16.0.1/a.png",
        "http://172.31.255.1/a.png",
        "http://192.168.1.1/a.png",
        "http://100.64.0.1/a.png",
        "http://0.0.0.0/a.png",
        "http://0/a.png",
        "http://224.0.0.1/a.png",
        "http://255.255.255.255/a.png",
        "http://user:pw@127.0.0.1/a.png",
        "HTTP://127.0.0.1/a.png",
        "http://127.0.0.1%2e/a.png",
        "http://1.2.3.4.5/a.png",
        "http://256.0.0.1/a.png",
    };

    private static final String[] ESCAPING_PATHS = {
        "../etc/passwd",
        "../../../../../../etc/passwd",
        "a/../../etc/passwd",
        "./../x.png",
        "/etc/passwd",
        "/proc/self/environ",
        "//server/share/x.png",
        "a/b/../../../x.png",
        "..",
        "../",
        SYMLINK_DIR + "/passwd",
        SYMLINK_FILE,
        "nul\u0000byte.png",
        "does/not/exist.png",
        ".",
        "C:\\Windows\\win.ini",
        "~/.ssh/id_rsa",
    };

    /** Inline data that is not base64, or not an image. */
    private static final String[] BAD_DATA = {
        "!!!not base64!!!",
        "data:image/png;base64,%%%",
        "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=", // an SVG
        "AAAA",
        "iVBORw0KGgo=", // a PNG signature and nothing after it
        "data:",
    };

    private static final String[] BAD_SCHEMES = {
        "file:///etc/passwd",
        "ftp://127.0.0.1/a.png",
        "gopher://127.0.0.1:6379/_INFO",
        "//127.0.0.1/a.png",
        "jar:http://127.0.0.1/a.jar!/x",
        "dict://127.0.0.1:11211/",
        " http://127.0.0.1/a.png",
    };

    private final SplittableRandom random;
    private final int count;
    private final int maxEventBytes;
    private final int maxAtLimit;
    private int produced;
    private int atLimit;

    /**
     * @param maxEventBytes the parser's size limit: huge strings are made just under and over it
     */
    public HostileInput(long seed, int count, int maxEventBytes) {
        this(seed, count, maxEventBytes, Integer.MAX_VALUE);
    }

    /**
     * @param maxAtLimit how many messages may be made near the size limit; after that, huge strings
     *     are ids of 100-200 KB (with a 10 MiB limit, a thousand messages at the limit would be ten
     *     gigabytes)
     */
    public HostileInput(long seed, int count, int maxEventBytes, int maxAtLimit) {
        this.random = new SplittableRandom(seed);
        this.count = count;
        this.maxEventBytes = maxEventBytes;
        this.maxAtLimit = maxAtLimit;
    }

    @Override
    public boolean hasNext() {
        return produced < count;
    }

    @Override
    public Message next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int pick = random.nextInt(TOTAL_WEIGHT);
        Kind kind = null;
        for (Kind k : KINDS) {
            pick -= k.weight();
            if (pick < 0) {
                kind = k;
                break;
            }
        }
        Message m = make(kind.name(), produced);
        produced++;
        return m;
    }

    private Message make(String kind, int n) {
        Event e = validEvent(n);
        return switch (kind) {
            case "valid" -> msg(kind, e.json(), e.kind());
            case "tombstone" -> new Message(kind, null, DeadLetter.EMPTY, false);
            case "empty" -> new Message(kind, new byte[0], DeadLetter.EMPTY, false);
            case "whitespace" -> whitespace();
            case "truncated" -> truncated(e);
            case "deep-nesting" -> deep(e);
            case "huge-string" -> huge(e);
            case "invalid-utf8" -> invalidUtf8(e);
            case "wrong-type" -> wrongType(e);
            case "unknown-fields" -> unknownFields(e);
            case "duplicate-keys" -> duplicateKeys(e);
            case "control-chars" -> controlChars(e);
            case "out-of-range" -> outOfRange(e);
            case "not-an-object" -> notAnObject(e);
            case "one-byte-mutation" -> mutated(e);
            case "image-refused" -> imageRefused(e);
            case "image-bad-scheme" -> {
                e.fields.remove("image");
                e.fields.put("image", "{\"url\":" + str(pick(BAD_SCHEMES)) + "}");
                yield msg(kind, e.json(), DeadLetter.SCHEMA_VIOLATION);
            }
            default -> throw new IllegalStateException(kind);
        };
    }

    // ----- valid events --------------------------------------------------------------------

    /** A valid request or recorded response, as an ordered map of field to raw JSON value. */
    private static final class Event {
        final Map<String, String> fields = new LinkedHashMap<>();
        final Map<String, String> response = new LinkedHashMap<>();
        boolean recorded;

        String kind() {
            return recorded ? RECORDED : QUESTION;
        }

        String json() {
            Map<String, String> all = new LinkedHashMap<>(fields);
            if (recorded) {
                all.put("response", object(response));
            }
            return object(all);
        }
    }

    private Event validEvent(int n) {
        Event e = new Event();
        e.fields.put("id", str("h-" + n + "-" + text(1, 8)));
        int ts = random.nextInt(4);
        if (ts == 1) {
            e.fields.put("ts", str("2026-11-27T10:" + two(random.nextInt(60)) + ":00Z"));
        } else if (ts == 2) {
            e.fields.put("ts", Long.toString(1_795_000_000_000L + random.nextInt(1_000_000)));
        }
        if (random.nextInt(3) == 0) {
            e.fields.put("run", str("run-" + random.nextInt(5)));
        }
        if (random.nextBoolean()) {
            e.fields.put("category", str(pick(new String[] {"count", "ocr", "chart", "其他"})));
        }
        if (random.nextInt(5) < 2) {
            e.fields.put("lang", str(pick(new String[] {"en", "zh", "zh-Hans", "de-CH"})));
        }
        if (random.nextInt(10) < 3) {
            e.fields.put(
                    "image",
                    pick(
                            new String[] {
                                "{\"url\":\"https://example.org/a.png\"}",
                                "{\"path\":\"img/a.png\"}",
                                "{\"data\":\"iVBORw0KGgo=\",\"mime\":\"image/png\"}"
                            }));
        }
        e.fields.put("question", str(text(1, 60)));
        if (random.nextInt(5) < 2) {
            e.fields.put(
                    "reference",
                    pick(
                            new String[] {
                                "{\"type\":\"exact\",\"answers\":[\"4\"]}",
                                "{\"type\":\"numeric\",\"value\":3.5,\"tolerance\":0.1}",
                                "{\"type\":\"vqa\",\"answers\":[\"yes\",\"no\"]}",
                                "{\"type\":\"choice\",\"answer\":\"A\","
                                        + "\"options\":{\"A\":\"cat\",\"B\":\"dog\"}}",
                                "{\"type\":\"set\",\"items\":[\"cat\",\"dog\"]}"
                            }));
        }
        if (random.nextInt(10) < 3) {
            e.fields.put("objects", "[\"cat\",\"dog\"]");
        }
        if (random.nextInt(5) == 0) {
            e.fields.put("models", "[\"m1\",\"m2\"]");
        }
        if (random.nextInt(10) < 3) {
            e.recorded = true;
            e.fields.put("model", str("m" + random.nextInt(3)));
            e.response.put("text", str(text(0, 40)));
            if (random.nextBoolean()) {
                e.response.put("finish_reason", random.nextBoolean() ? "\"stop\"" : "null");
            }
            if (random.nextBoolean()) {
                e.response.put("latency_ms", Integer.toString(random.nextInt(100_000)));
                e.response.put("input_tokens", Integer.toString(random.nextInt(5_000)));
                e.response.put("output_tokens", Integer.toString(random.nextInt(500)));
            }
        }
        return e;
    }

    // ----- the hostile kinds ---------------------------------------------------------------

    private Message whitespace() {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(20);
        for (int i = 0; i < n; i++) {
            s.append(pick(WHITESPACE));
        }
        return msg("whitespace", s.toString(), DeadLetter.EMPTY);
    }

    private Message truncated(Event e) {
        String json = e.json();
        int cut = 1 + random.nextInt(json.length() - 1);
        if (Character.isLowSurrogate(json.charAt(cut))) {
            cut--; // never split a surrogate pair: that would be invalid UTF-8, not truncated JSON
        }
        return msg("truncated", json.substring(0, cut), DeadLetter.INVALID_JSON);
    }

    private Message deep(Event e) {
        if (random.nextInt(5) == 0) {
            // Just within Jackson's nesting limit (1,000 levels, the event object included).
            int depth = 999;
            e.fields.put("x_deep", "[".repeat(depth) + "]".repeat(depth));
            return msg("deep-nesting", e.json(), e.kind());
        }
        int depth = 10_000;
        String nested =
                switch (random.nextInt(4)) {
                    case 0 -> "[".repeat(depth) + "]".repeat(depth);
                    case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                    case 2 -> "[{\"a\":".repeat(depth / 2) + "null" + "}]".repeat(depth / 2);
                    default -> "[".repeat(depth); // deep and unterminated
                };
        String json;
        switch (random.nextInt(3)) {
            case 0 -> json = nested;
            case 1 -> {
                e.fields.put("x_deep", nested);
                json = e.json();
            }
            default -> {
                e.fields.put("reference", "{\"type\":\"exact\",\"answers\":" + nested + "}");
                json = e.json();
            }
        }
        return msg("deep-nesting", json, DeadLetter.INVALID_JSON);
    }

    /**
     * A question of multi-byte filler sized to land exactly at, just under or just over the limit;
     * or a huge id (a schema violation under the limit) or unknown field.
     */
    private Message huge(Event e) {
        int variant = random.nextInt(5);
        if (variant != 3 && atLimit >= maxAtLimit) {
            variant = 3;
        }
        if (variant != 3) {
            atLimit++;
        }
        if (variant == 3) {
            int size = Math.min(maxEventBytes / 2, 100_000 + random.nextInt(100_000));
            e.fields.put("id", str("i".repeat(size)));
            return msg("huge-string", e.json(), DeadLetter.SCHEMA_VIOLATION);
        }
        String field = variant == 4 ? "x_huge" : "question";
        e.fields.put(field, "\"@@\"");
        String shell = e.json();
        int overhead = utf8(shell).length - 2;
        int target =
                switch (variant) {
                    case 0 -> maxEventBytes; // exactly at the limit: accepted
                    case 1 -> maxEventBytes - 1 - random.nextInt(64);
                    default -> maxEventBytes + 1 + random.nextInt(64);
                };
        int fill = target - overhead;
        StringBuilder s = new StringBuilder(fill);
        String unit = pick(EMOJI);
        int unitBytes = utf8(unit).length;
        while (fill - utf8Length(s) >= unitBytes + 1) {
            int room = (fill - utf8Length(s)) / unitBytes;
            s.append(unit.repeat(Math.max(1, Math.min(room - 1, 4096))));
        }
        while (utf8Length(s) < fill) {
            s.append('x');
        }
        String json = shell.replace("\"@@\"", str(s.toString()));
        String expected = target > maxEventBytes ? DeadLetter.OVERSIZED : e.kind();
        if (utf8(json).length != target) {
            throw new IllegalStateException("huge event of " + utf8(json).length + " bytes");
        }
        return msg("huge-string", json, expected);
    }

    private int utf8LengthCache = -1;
    private StringBuilder utf8LengthOf;

    /** UTF-8 length of a builder that only ever grows. */
    private int utf8Length(StringBuilder s) {
        if (utf8LengthOf != s) {
            utf8LengthOf = s;
            utf8LengthCache = 0;
            counted = 0;
        }
        for (int i = counted; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                utf8LengthCache += 1;
            } else if (c < 0x800) {
                utf8LengthCache += 2;
            } else if (Character.isSurrogate(c)) {
                utf8LengthCache += 2; // a pair is 4 bytes
            } else {
                utf8LengthCache += 3;
            }
        }
        counted = s.length();
        return utf8LengthCache;
    }

    private int counted;

    private Message invalidUtf8(Event e) {
        byte[] json = utf8(e.json());
        int[] bad = BAD_UTF8[random.nextInt(BAD_UTF8.length)];
        // Before an ASCII byte (never inside a valid sequence), or at the very end.
        int at;
        if (random.nextInt(5) == 0) {
            at = json.length;
        } else {
            do {
                at = random.nextInt(json.length);
            } while ((json[at] & 0x80) != 0);
        }
        byte[] out = new byte[json.length + bad.length];
        System.arraycopy(json, 0, out, 0, at);
        for (int i = 0; i < bad.length; i++) {
            out[at + i] = (byte) bad[i];
        }
        System.arraycopy(json, at, out, at + bad.length, json.length - at);
        return new Message("invalid-utf8", out, DeadLetter.UNDECODABLE, false);
    }

    /** Field name to the JSON types the schema allows for it. */
    private static final Map<String, List<String>> FIELD_TYPES = new LinkedHashMap<>();

    static {
        FIELD_TYPES.put("id", List.of("string"));
        FIELD_TYPES.put("ts", List.of("string", "integer"));
        FIELD_TYPES.put("run", List.of("string"));
        FIELD_TYPES.put("category", List.of("string"));
        FIELD_TYPES.put("lang", List.of("string"));
        FIELD_TYPES.put("image", List.of("object"));
        FIELD_TYPES.put("question", List.of("string"));
        FIELD_TYPES.put("reference", List.of("object"));
        FIELD_TYPES.put("objects", List.of("array"));
        FIELD_TYPES.put("models", List.of("array"));
        FIELD_TYPES.put("model", List.of("string"));
        FIELD_TYPES.put("response", List.of("object"));
        FIELD_TYPES.put("response.text", List.of("string"));
        FIELD_TYPES.put("response.finish_reason", List.of("string", "null"));
        FIELD_TYPES.put("response.latency_ms", List.of("integer"));
        FIELD_TYPES.put("response.input_tokens", List.of("integer"));
        FIELD_TYPES.put("response.output_tokens", List.of("integer"));
    }

    /** Values of an allowed type that the schema still refuses. */
    private static final Map<String, String[]> BAD_VALUES =
            Map.ofEntries(
                    Map.entry("id", new String[] {"\"\"", str("x".repeat(513))}),
                    Map.entry("ts", new String[] {"\"\"", "\"yesterday\"", "\"2026-11-27\""}),
                    Map.entry("run", new String[] {"\"\""}),
                    Map.entry("category", new String[] {"\"\"", "\"*\""}),
                    Map.entry("lang", new String[] {"\"\"", "\"english!\"", "\"e\""}),
                    Map.entry(
                            "image",
                            new String[] {
                                "{}",
                                "{\"url\":\"https://a/x\",\"path\":\"a.png\"}",
                                "{\"data\":\"AAAA\"}",
                                "{\"data\":\"AAAA\",\"mime\":\"text/html\"}",
                                "{\"path\":\"\"}",
                                "{\"url\":\"javascript:alert(1)\"}"
                            }),
                    Map.entry("question", new String[] {"\"\""}),
                    Map.entry(
                            "reference",
                            new String[] {
                                "{}",
                                "{\"type\":\"bogus\"}",
                                "{\"type\":\"exact\",\"answers\":[]}",
                                "{\"type\":\"numeric\",\"value\":\"3\"}",
                                "{\"type\":\"numeric\",\"value\":1,\"tolerance\":-1}",
                                "{\"type\":\"choice\",\"answer\":\"AB\",\"options\":{\"A\":\"x\"}}"
                            }),
                    Map.entry("objects", new String[] {"[\"\"]", "[1]", "[null]"}),
                    Map.entry("models", new String[] {"[\"m1\",\"m1\"]", "[\"\"]", "[{}]"}),
                    Map.entry("model", new String[] {"\"\""}),
                    Map.entry("response", new String[] {"{}", "{\"finish_reason\":\"stop\"}"}),
                    Map.entry("response.latency_ms", new String[] {"-1"}),
                    Map.entry("response.input_tokens", new String[] {"-5"}),
                    Map.entry("response.output_tokens", new String[] {"-1"}));

    private Message wrongType(Event e) {
        List<String> fields = new ArrayList<>(FIELD_TYPES.keySet());
        String field = fields.get(random.nextInt(fields.size()));
        List<String> allowed = FIELD_TYPES.get(field);
        String value;
        String[] bad = BAD_VALUES.get(field);
        if (bad != null && random.nextInt(4) == 0) {
            value = pick(bad);
        } else {
            List<String> candidates = new ArrayList<>();
            for (String[] tv : TYPED_VALUES) {
                boolean ok =
                        allowed.contains(tv[0])
                                || (tv[0].equals("integer") && allowed.contains("number"));
                if (!ok) {
                    candidates.add(tv[1]);
                }
            }
            value = candidates.get(random.nextInt(candidates.size()));
        }
        if (field.startsWith("response.")) {
            e.recorded = true;
            e.fields.putIfAbsent("model", "\"m1\"");
            e.response.putIfAbsent("text", "\"t\"");
            e.response.put(field.substring("response.".length()), value);
        } else if (field.equals("response")) {
            e.recorded = false;
            e.fields.putIfAbsent("model", "\"m1\"");
            e.fields.put("response", value);
        } else if (field.equals("model")) {
            e.recorded = true;
            e.response.putIfAbsent("text", "\"t\"");
            e.fields.put("model", value);
        } else {
            e.fields.put(field, value);
        }
        return msg("wrong-type", e.json(), DeadLetter.SCHEMA_VIOLATION);
    }

    private static final String[] ODD_NAMES = {
        "__proto__",
        "constructor",
        "$ref",
        "$schema",
        "ID",
        "Id",
        "id ",
        " id",
        "idx",
        "responses",
        "Response",
        "\u202eid",
        "i\u0000d",
        "",
        "😀",
        "x.y",
        "../",
        "'; DROP TABLE answers; --"
    };

    private Message unknownFields(Event e) {
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            String name = random.nextBoolean() ? pick(ODD_NAMES) + i : "x_" + text(1, 10) + "_" + i;
            String value = randomJson(3);
            if (e.recorded && random.nextBoolean()) {
                e.response.put(name, value);
            } else {
                e.fields.put(name, value);
            }
        }
        return msg("unknown-fields", e.json(), e.kind());
    }

    private Message duplicateKeys(Event e) {
        String json = e.json();
        String[] names = e.fields.keySet().toArray(new String[0]);
        String name = names[random.nextInt(names.length)];
        String dup = "\"" + name + "\":" + (random.nextBoolean() ? e.fields.get(name) : "1") + ",";
        int where = random.nextInt(3);
        if (where == 0) {
            json = "{" + dup + json.substring(1);
        } else if (where == 1) {
            json =
                    json.substring(0, json.length() - 1)
                            + ","
                            + dup.substring(0, dup.length() - 1)
                            + "}";
        } else {
            // Nested: a duplicate inside the response or an unknown object.
            e.fields.put("x_obj", "{\"k\":1,\"k\":2}");
            if (e.recorded) {
                e.response.put("text", "\"a\",\"text\":\"b\"");
            }
            json = e.json();
        }
        return msg("duplicate-keys", json, DeadLetter.INVALID_JSON);
    }

    /** Insert odd characters into one string field, escaped (mostly valid) or raw. */
    private Message controlChars(Event e) {
        List<String> targets = new ArrayList<>();
        for (String f : List.of("id", "question", "run", "category", "lang", "model")) {
            if (e.fields.containsKey(f)) {
                targets.add(f);
            }
        }
        if (e.fields.containsKey("image")) {
            targets.add("image");
        }
        if (e.recorded) {
            targets.add("response.text");
            if ("\"stop\"".equals(e.response.get("finish_reason"))) {
                targets.add("response.finish_reason");
            }
        }
        if (e.fields.containsKey("objects")) {
            targets.add("objects");
        }
        if (e.fields.containsKey("models")) {
            targets.add("models");
        }
        String field = targets.get(random.nextInt(targets.size()));
        String odd = pick(ODD_CHARS);
        boolean raw = random.nextInt(3) == 0;
        // Raw (unescaped) characters below U+0020 are not allowed in JSON strings; everything else
        // is a character like any other. Lone surrogates can only be written escaped.
        boolean rawControl = raw && odd.charAt(0) < 0x20;
        if (raw && Character.isSurrogate(odd.charAt(0))) {
            raw = false;
        }
        String inserted = raw ? odd : escapeAll(odd);
        String expected = e.kind();
        switch (field) {
            case "image" -> {
                String img = e.fields.get("image");
                if (img.contains("\"url\"")) {
                    e.fields.put("image", img.replace("https://", "https://" + inserted));
                } else if (img.contains("\"path\"")) {
                    e.fields.put("image", img.replace("img/", "img/" + inserted));
                } else {
                    // mime must match ^image/[a-z0-9.+-]+$
                    e.fields.put("image", img.replace("image/png", "image/png" + inserted));
                    expected = DeadLetter.SCHEMA_VIOLATION;
                }
            }
            case "response.text", "response.finish_reason" -> {
                String name = field.substring("response.".length());
                e.response.put(name, insertInString(e.response.get(name), inserted));
            }
            case "objects", "models" ->
                    e.fields.put(
                            field,
                            e.fields
                                    .get(field)
                                    .replace("\"m1\"", "\"m" + inserted + "1\"")
                                    .replace("\"cat\"", "\"c" + inserted + "at\""));
            default -> {
                e.fields.put(field, insertInString(e.fields.get(field), inserted));
                if (field.equals("lang")) {
                    expected = DeadLetter.SCHEMA_VIOLATION;
                }
            }
        }
        if (rawControl) {
            expected = DeadLetter.INVALID_JSON;
        }
        return msg("control-chars", e.json(), expected);
    }

    private String insertInString(String jsonString, String inserted) {
        // jsonString is "..." : insert after the opening quote or before the closing one.
        if (random.nextBoolean()) {
            return "\"" + inserted + jsonString.substring(1);
        }
        return jsonString.substring(0, jsonString.length() - 1) + inserted + "\"";
    }

    private static final String[] BAD_TS = {
        "99999999999999999999999", // beyond a long
        "-99999999999999999999999",
        "9223372036854775807", // Long.MAX_VALUE ms: year 292278994
        "-9223372036854775808",
        "253402300800000", // 10000-01-01T00:00:00Z
        "-62167219200001", // just before 0000-01-01
        "\"+999999999-12-31T23:59:59Z\"",
        "\"-999999999-01-01T00:00:00Z\"",
        "\"+10000-01-01T00:00:00Z\"",
        "\"NaN\"",
        "\"Infinity\"",
        "\"-Infinity\"",
        "\"nan\"",
        "\"1e3\"",
        "\"0x10\"",
        "\" \"",
        "\"2026-02-30T00:00:00Z\"",
        "\"2026-11-27T10:15:00\"",
        "\"2026-11-27T25:00:00Z\"",
        "1e400",
        "1e20",
        "-0.0",
        "1.5",
    };

    private static final String[] GOOD_TS = {
        "0",
        "-1",
        "253402300799999", // 9999-12-31T23:59:59.999Z
        "-62167219200000", // 0000-01-01T00:00:00Z
        "\"9999-12-31T23:59:59.999Z\"",
        "\"0000-01-01T00:00:00Z\"",
        "\"1970-01-01T00:00:00+18:00\"",
        "\"2026-11-27T10:15:00.123456789-18:00\"",
    };

    private static final String[] NOT_JSON_NUMBERS = {
        "NaN", "Infinity", "-Infinity", "+1", "01", "1.", ".5", "0x10", "1e", "--1", "1_000"
    };

    private Message outOfRange(Event e) {
        int variant = random.nextInt(10);
        if (variant < 5) {
            e.fields.put("ts", pick(BAD_TS));
            return msg("out-of-range", e.json(), DeadLetter.SCHEMA_VIOLATION);
        }
        if (variant < 7) {
            e.fields.put("ts", pick(GOOD_TS));
            return msg("out-of-range", e.json(), e.kind());
        }
        if (variant < 9) {
            String field =
                    pick(new String[] {"ts", "x_n", "reference-value", "response.latency_ms"});
            String n = pick(NOT_JSON_NUMBERS);
            switch (field) {
                case "reference-value" ->
                        e.fields.put("reference", "{\"type\":\"numeric\",\"value\":" + n + "}");
                case "response.latency_ms" -> {
                    e.recorded = true;
                    e.fields.putIfAbsent("model", "\"m1\"");
                    e.response.putIfAbsent("text", "\"t\"");
                    e.response.put("latency_ms", n);
                }
                default -> e.fields.put(field, n);
            }
            return msg("out-of-range", e.json(), DeadLetter.INVALID_JSON);
        }
        // Counters beyond what the job keeps (a long for latency, an int for tokens) are refused,
        // not wrapped into negative numbers.
        e.recorded = true;
        e.fields.putIfAbsent("model", "\"m1\"");
        e.response.putIfAbsent("text", "\"t\"");
        String field = pick(new String[] {"latency_ms", "input_tokens", "output_tokens"});
        String value =
                pick(new String[] {"99999999999999999999", "2147483648", "9223372036854775807"});
        e.response.put(field, value);
        boolean fits = field.equals("latency_ms") && !value.equals("99999999999999999999");
        return msg("out-of-range", e.json(), fits ? RECORDED : DeadLetter.SCHEMA_VIOLATION);
    }

    private Message notAnObject(Event e) {
        String json = e.json();
        String[] texts = {
            "[]",
            "[" + json + "]",
            "\"" + "str" + "\"",
            "42",
            "null",
            "true",
            json + " " + json,
            json + "garbage",
            json + "}",
            "{" + json,
            "/* comment */" + json,
            json.replace("\"", "'"),
            "{id:\"x\",question:\"q\"}",
            json.replace(",\"question\":", ",,\"question\":"),
            json.replaceFirst(":", "="),
            "{\"id\":\"x\",\"question\":\"q\",}",
        };
        int i = random.nextInt(texts.length);
        return msg("not-an-object", texts[i], DeadLetter.INVALID_JSON);
    }

    private Message mutated(Event e) {
        byte[] json = utf8(e.json());
        int at = random.nextInt(json.length);
        byte[] out;
        switch (random.nextInt(4)) {
            case 0 -> {
                out = json.clone();
                out[at] = (byte) random.nextInt(256);
            }
            case 1 -> {
                out = json.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
            }
            case 2 -> {
                out = new byte[json.length - 1];
                System.arraycopy(json, 0, out, 0, at);
                System.arraycopy(json, at + 1, out, at, json.length - at - 1);
            }
            default -> {
                out = new byte[json.length + 1];
                System.arraycopy(json, 0, out, 0, at);
                out[at] = (byte) random.nextInt(256);
                System.arraycopy(json, at, out, at + 1, json.length - at);
            }
        }
        return new Message("one-byte-mutation", out, null, false);
    }

    private Message imageRefused(Event e) {
        e.fields.remove("image");
        String image;
        switch (random.nextInt(7)) {
            case 0, 1, 2 -> image = "{\"url\":" + str(pick(PRIVATE_URLS)) + "}";
            case 3, 4, 5 -> image = "{\"path\":" + str(pick(ESCAPING_PATHS)) + "}";
            default -> image = "{\"data\":" + str(pick(BAD_DATA)) + ",\"mime\":\"image/png\"}";
        }
        e.fields.put("image", image);
        return new Message("image-refused", utf8(e.json()), e.kind(), true);
    }

    // ----- helpers -------------------------------------------------------------------------

    private Message msg(String kind, String json, String expected) {
        return new Message(kind, utf8(json), expected, false);
    }

    private String randomJson(int depth) {
        int t = random.nextInt(depth <= 0 ? 5 : 7);
        return switch (t) {
            case 0 -> "null";
            case 1 -> Long.toString(random.nextLong());
            case 2 -> Double.toString(random.nextDouble() * 1e300);
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> str(text(0, 20));
            case 5 -> "[" + randomJson(depth - 1) + "," + randomJson(depth - 1) + "]";
            default -> "{\"a\":" + randomJson(depth - 1) + ",\"b\":" + randomJson(depth - 1) + "}";
        };
    }

    private String text(int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(20) == 0) {
                s.append(pick(EMOJI));
            } else {
                s.append(TEXT.charAt(random.nextInt(TEXT.length())));
            }
        }
        return s.toString();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    static String object(Map<String, String> fields) {
        StringBuilder s = new StringBuilder("{");
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (s.length() > 1) {
                s.append(',');
            }
            s.append(str(f.getKey())).append(':').append(f.getValue());
        }
        return s.append('}').toString();
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String str(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) && !isPairAt(value, i)) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }

    private static boolean isPairAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static String escapeAll(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            out.append(String.format("\\u%04x", (int) s.charAt(i)));
        }
        return out.toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
