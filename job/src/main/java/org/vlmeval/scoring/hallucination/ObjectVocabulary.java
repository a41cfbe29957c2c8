package org.vlmeval.scoring.hallucination;

import org.vlmeval.scoring.text.Texts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Names of visual objects (the 80 COCO classes, fruit, vegetables, food and common scene items)
 * with plurals, synonyms and Chinese names, each mapped to one canonical English name.
 *
 * <p>The built-in vocabulary is read once from the resource {@code objects.txt} next to this class,
 * whose header explains the format; {@link #parse(String)} reads another one. Instances are
 * immutable and thread-safe.
 */
public final class ObjectVocabulary {

    private static final String RESOURCE = "objects.txt";

    static final String DEFAULT_GROUP = "objects";

    private static final Set<String> LEADING_ARTICLES = Set.of("a", "an", "the", "some");

    private static final class BuiltIn {
        static final ObjectVocabulary INSTANCE = load();

        private static ObjectVocabulary load() {
            try (InputStream in = ObjectVocabulary.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** English names: words joined by single spaces ("hot dogs", "bird 's eye"). */
    private final Map<String, VocabularyName> english;

    /** Chinese names, folded. */
    private final Map<String, VocabularyName> chinese;

    private final Set<String> concepts;

    /** Concept → group name; see {@link #group(String)}. */
    private final Map<String, String> groups;

    /** Groups whose concepts count as hallucinated only when the objects list names the group. */
    private final Set<String> whenListedGroups;

    private final int listedEnglishNames;
    private final WordTrie englishTrie;

    /** Part concept → the concepts it is a part of (leaf → tree); see {@link #wholes(String)}. */
    private final Map<String, Set<String>> partOf;

    private ObjectVocabulary(
            Map<String, VocabularyName> english,
            Map<String, VocabularyName> chinese,
            Set<String> concepts,
            Map<String, String> groups,
            Set<String> whenListedGroups,
            int listedEnglishNames,
            Map<String, Set<String>> partOf) {
        this.english = Map.copyOf(english);
        this.chinese = Map.copyOf(chinese);
        this.concepts = Set.copyOf(concepts);
        this.groups = Map.copyOf(groups);
        this.whenListedGroups = Set.copyOf(whenListedGroups);
        this.listedEnglishNames = listedEnglishNames;
        this.englishTrie = new WordTrie(this.english);
        this.partOf = Map.copyOf(partOf);
    }

    /** The built-in vocabulary, loaded on first use. */
    public static ObjectVocabulary builtIn() {
        return BuiltIn.INSTANCE;
    }

    /**
     * Reads a vocabulary in the format of the built-in resource: lines {@code canonical : english
     * names : chinese names}, lists comma-separated, {@code #} comments.
     *
     * @throws IllegalArgumentException on a malformed line or a name given to two concepts
     */
    public static ObjectVocabulary parse(String text) {
        Map<String, VocabularyName> english = new HashMap<>();
        Map<String, VocabularyName> chinese = new HashMap<>();
        Set<String> concepts = new LinkedHashSet<>();
        Map<String, VocabularyName> generated = new LinkedHashMap<>();
        Map<String, String> groups = new HashMap<>();
        Set<String> whenListed = new HashSet<>();
        Map<String, Set<String>> partOf = new HashMap<>();
        String group = DEFAULT_GROUP;
        int listed = 0;
        String[] lines = text.split("\r?\n");
        for (int ln = 0; ln < lines.length; ln++) {
            String line = lines[ln].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("@group")) {
                String[] words = line.split("\\s+");
                if (words.length != 3
                        || !(words[2].equals("always") || words[2].equals("when-listed"))) {
                    throw new IllegalArgumentException(
                            "line " + (ln + 1) + ": expected '@group NAME always|when-listed'");
                }
                group = words[1];
                if (words[2].equals("when-listed")) {
                    whenListed.add(group);
                }
                continue;
            }
            if (line.startsWith("@part")) {
                String[] cols = line.substring("@part".length()).split(":", -1);
                if (cols.length != 2 || cols[0].isBlank() || cols[1].isBlank()) {
                    throw new IllegalArgumentException(
                            "line " + (ln + 1) + ": expected '@part PART : WHOLE, WHOLE ...'");
                }
                String part = Texts.collapseWhitespace(Texts.fold(cols[0]));
                for (String w : cols[1].split(",")) {
                    String whole = Texts.collapseWhitespace(Texts.fold(w));
                    if (!whole.isEmpty()) {
                        partOf.computeIfAbsent(part, k -> new HashSet<>()).add(whole);
                    }
                }
                continue;
            }
            String[] cols = line.split(":", -1);
            if (cols.length != 3) {
                throw new IllegalArgumentException(
                        "line " + (ln + 1) + ": expected 'canonical : english : chinese'");
            }
            String canonicalCol = Texts.collapseWhitespace(Texts.fold(cols[0]));
            boolean blocker = canonicalCol.equals("-");
            if (canonicalCol.isEmpty()) {
                throw new IllegalArgumentException("line " + (ln + 1) + ": empty canonical");
            }
            String concept = blocker ? null : canonicalCol;
            if (!blocker) {
                concepts.add(concept);
                groups.put(concept, group);
            }
            for (String raw : cols[1].split(",")) {
                String entry = Texts.fold(raw).strip();
                if (entry.isEmpty()) {
                    continue;
                }
                boolean modifier = entry.endsWith("~");
                if (modifier) {
                    entry = entry.substring(0, entry.length() - 1).strip();
                }
                String[] forms = entry.split("/");
                String singular = Texts.collapseWhitespace(forms[0]);
                String key = key(singular);
                if (key.isEmpty()) {
                    continue;
                }
                listed++;
                put(english, key, new VocabularyName(concept, singular, modifier), ln);
                for (int f = 1; f < forms.length; f++) {
                    String pk = key(forms[f]);
                    if (!pk.isEmpty()) {
                        put(english, pk, new VocabularyName(concept, singular, false), ln);
                    }
                }
                if (!blocker) {
                    for (String pk : plurals(key)) {
                        generated.putIfAbsent(pk, new VocabularyName(concept, singular, false));
                    }
                }
            }
            for (String raw : cols[2].split(",")) {
                String name = Texts.fold(raw).replaceAll("\\s+", "");
                if (!name.isEmpty()) {
                    put(chinese, name, new VocabularyName(concept, name, false), ln);
                }
            }
        }
        // Generated plurals and the canonical names themselves never override a listed name.
        generated.forEach(english::putIfAbsent);
        for (String c : concepts) {
            english.putIfAbsent(key(c), new VocabularyName(c, c, false));
        }
        partOf.forEach(
                (part, wholes) -> {
                    if (!concepts.contains(part) || !concepts.containsAll(wholes)) {
                        throw new IllegalArgumentException(
                                "@part " + part + " : " + wholes + ": unknown concept");
                    }
                });
        return new ObjectVocabulary(english, chinese, concepts, groups, whenListed, listed, partOf);
    }

    /**
     * The concepts that the given concept is a part of ("leaf" → "tree"), from the {@code @part}
     * lines of the vocabulary file; empty if none.
     */
    public Set<String> wholes(String concept) {
        return partOf.getOrDefault(concept, Set.of());
    }

    private static void put(
            Map<String, VocabularyName> names, String key, VocabularyName name, int line) {
        VocabularyName old = names.putIfAbsent(key, name);
        if (old != null && !Objects.equals(old.concept(), name.concept())) {
            throw new IllegalArgumentException(
                    "line "
                            + (line + 1)
                            + ": name '"
                            + key
                            + "' is already given to "
                            + (old.isBlocker() ? "a blocker" : "'" + old.concept() + "'"));
        }
    }

    /** The trie key of an English name or phrase: its words joined by single spaces. */
    static String key(String foldedPhrase) {
        return String.join(" ", Lexer.words(foldedPhrase));
    }

    /** Regular plurals of a key, by its last word. */
    static List<String> plurals(String key) {
        int sp = key.lastIndexOf(' ');
        String head = key.substring(0, sp + 1);
        String w = key.substring(sp + 1);
        if (w.isEmpty() || !Character.isLetter(w.charAt(w.length() - 1))) {
            return List.of();
        }
        if (w.endsWith("s")
                || w.endsWith("x")
                || w.endsWith("z")
                || w.endsWith("ch")
                || w.endsWith("sh")) {
            return List.of(head + w + "es");
        }
        if (w.length() > 1 && w.endsWith("y") && !isVowel(w.charAt(w.length() - 2))) {
            return List.of(head + w.substring(0, w.length() - 1) + "ies");
        }
        if (w.endsWith("o")) {
            return List.of(head + w + "s", head + w + "es");
        }
        return List.of(head + w + "s");
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }

    /**
     * The canonical English name of an object phrase ("bananas", "香蕉", "aubergine" → "banana",
     * "banana", "eggplant"), or empty when the phrase names no known object. A leading article
     * ("a", "an", "the", "some") is ignored.
     */
    public Optional<String> canonical(String phrase) {
        VocabularyName name = lookup(phrase);
        return name == null || name.isBlocker() ? Optional.empty() : Optional.of(name.concept());
    }

    /** The vocabulary name a whole phrase is, or {@code null}. */
    VocabularyName lookup(String phrase) {
        if (phrase == null) {
            return null;
        }
        String folded = Lexer.fold(phrase).strip();
        if (folded.isEmpty()) {
            return null;
        }
        if (Texts.containsHan(folded)) {
            VocabularyName zh = chinese.get(folded.replaceAll("\\s+", ""));
            if (zh != null) {
                return zh;
            }
        }
        List<String> words = Lexer.words(folded);
        int from = 0;
        while (from < words.size() - 1 && LEADING_ARTICLES.contains(words.get(from))) {
            from++;
        }
        if (from >= words.size()) {
            return null;
        }
        return english.get(String.join(" ", words.subList(from, words.size())));
    }

    /** The group of a concept ("objects" unless the vocabulary file says otherwise). */
    public String group(String concept) {
        return groups.getOrDefault(concept, DEFAULT_GROUP);
    }

    /**
     * Whether a mention of this concept can be judged against an objects list that does not name
     * any concept of its group: true for objects, false for background, furnishings and clothing,
     * which annotators list only when they list that kind of thing at all.
     */
    public boolean checkedWithoutItsGroup(String concept) {
        return !whenListedGroups.contains(group(concept));
    }

    /** The canonical names of all concepts. */
    public Set<String> concepts() {
        return concepts;
    }

    /** How many English names the vocabulary lists (without generated plurals). */
    int listedEnglishNameCount() {
        return listedEnglishNames;
    }

    /** All English names and plurals, keyed by words joined by spaces. */
    Map<String, VocabularyName> englishNames() {
        return english;
    }

    /** All Chinese names. */
    Map<String, VocabularyName> chineseNames() {
        return chinese;
    }

    WordTrie englishTrie() {
        return englishTrie;
    }
}
