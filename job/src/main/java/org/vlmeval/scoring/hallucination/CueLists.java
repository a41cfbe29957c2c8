package org.vlmeval.scoring.hallucination;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The detector's word lists and Chinese cue table, read from {@code cues/en-words.txt} and {@code
 * cues/zh-cues.txt} (formats in their header comments and docs/rules.md). Plain Java on purpose:
 * the scoring core has no Jackson or Flink dependency. A malformed line fails loading with the file
 * and line, so a bad edit stops the job at start instead of silently changing verdicts.
 */
final class CueLists {

    static final String ENGLISH = "cues/en-words.txt";
    static final String CHINESE = "cues/zh-cues.txt";

    private final String file;
    private final Map<String, Set<String>> lists;

    private CueLists(String file, Map<String, Set<String>> lists) {
        this.file = file;
        this.lists = lists;
    }

    /** The built-in English lists, read once. */
    static CueLists english() {
        return BuiltIn.ENGLISH_LISTS;
    }

    /** The built-in Chinese cue table, read once: cue → kind. */
    static Map<String, Token.Cue> chinese() {
        return BuiltIn.CHINESE_CUES;
    }

    private static final class BuiltIn {
        static final CueLists ENGLISH_LISTS = parseLists(ENGLISH, read(ENGLISH));
        static final Map<String, Token.Cue> CHINESE_CUES = parseCues(CHINESE, read(CHINESE));
    }

    /** The list called {@code name}; a list the code uses but the file lacks is a bug. */
    Set<String> get(String name) {
        Set<String> words = lists.get(name);
        if (words == null) {
            throw new IllegalStateException(file + ": no list '" + name + "'");
        }
        return words;
    }

    Set<String> names() {
        return lists.keySet();
    }

    /**
     * Parses {@code name : entry, entry ...} lines; entries may be {@code @list} or {@code !word}.
     */
    static CueLists parseLists(String file, String text) {
        Map<String, Set<String>> building = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String[] nv = split(file, i + 1, lines[i]);
            if (nv == null) {
                continue;
            }
            if (!nv[0].matches("[a-z0-9-]+")) {
                throw error(file, i + 1, "bad list name '" + nv[0] + "'");
            }
            Set<String> list = building.computeIfAbsent(nv[0], k -> new LinkedHashSet<>());
            for (String entry : entries(file, i + 1, nv[1])) {
                if (entry.startsWith("@")) {
                    Set<String> other = building.get(entry.substring(1));
                    if (other == null || other == list) {
                        throw error(file, i + 1, "unknown list " + entry + " (define it above)");
                    }
                    list.addAll(other);
                } else if (entry.startsWith("!")) {
                    if (!list.remove(entry.substring(1))) {
                        throw error(file, i + 1, entry + ": the word is not in the list");
                    }
                } else if (!entry.equals(entry.toLowerCase(Locale.ROOT))
                        || entry.chars().anyMatch(Character::isWhitespace)) {
                    throw error(file, i + 1, "'" + entry + "' is not one folded word");
                } else {
                    list.add(entry);
                }
            }
        }
        Map<String, Set<String>> lists = new LinkedHashMap<>();
        building.forEach((name, words) -> lists.put(name, Set.copyOf(words)));
        return new CueLists(file, Map.copyOf(lists));
    }

    /** Parses {@code kind : cue, cue ...} lines into cue → kind. */
    static Map<String, Token.Cue> parseCues(String file, String text) {
        Map<String, Token.Cue> cues = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String[] kv = split(file, i + 1, lines[i]);
            if (kv == null) {
                continue;
            }
            Token.Cue kind;
            try {
                kind = Token.Cue.valueOf(kv[0].toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw error(file, i + 1, "unknown cue kind '" + kv[0] + "'");
            }
            for (String cue : entries(file, i + 1, kv[1])) {
                if (cue.chars().anyMatch(Character::isWhitespace)) {
                    throw error(file, i + 1, "'" + cue + "' has a space");
                }
                Token.Cue before = cues.put(cue, kind);
                if (before != null) {
                    throw error(file, i + 1, cue + " is both " + before + " and " + kind);
                }
            }
        }
        return Map.copyOf(cues);
    }

    /** {name, rest} of a {@code name : rest} line, or null for a blank or comment line. */
    private static String[] split(String file, int line, String raw) {
        String s = raw.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return null;
        }
        int colon = s.indexOf(" : ");
        if (colon <= 0) {
            throw error(file, line, "expected 'name : entry, entry ...'");
        }
        return new String[] {s.substring(0, colon).strip(), s.substring(colon + 3).strip()};
    }

    private static String[] entries(String file, int line, String rest) {
        String[] entries = rest.split(",", -1);
        for (int k = 0; k < entries.length; k++) {
            entries[k] = entries[k].strip();
            if (entries[k].isEmpty() || entries[k].contains(":")) {
                throw error(file, line, "empty or malformed entry " + (k + 1));
            }
        }
        return entries;
    }

    private static IllegalStateException error(String file, int line, String message) {
        return new IllegalStateException(file + ":" + line + ": " + message);
    }

    private static String read(String name) {
        try (InputStream in = CueLists.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
