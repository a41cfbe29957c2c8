package org.vlmeval.scoring.hallucination;

import org.vlmeval.scoring.text.Texts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A closed object vocabulary ("coco80"): the classes an image's annotation covers, each with its
 * synonyms. Scored against one, a mention whose object maps to no class is <i>unverifiable</i>
 * rather than hallucinated (CHAIR semantics: only the annotated label space is judged).
 *
 * <p>Vocabularies are resources {@code vocabularies/NAME.tsv} next to this class, read once on
 * first use; the format is described in {@code coco80.tsv}. Instances are immutable and
 * thread-safe.
 */
public final class ClosedVocabulary {

    /** The name of the open vocabulary: every mention is judged (the default). */
    public static final String OPEN = "open";

    /** A vocabulary name: also a resource file name, so nothing that could leave the folder. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private static final Map<String, Optional<ClosedVocabulary>> LOADED = new ConcurrentHashMap<>();

    private final String name;

    /** Class names and synonyms, folded, → class. */
    private final Map<String, String> classOf;

    private final Set<String> classes;

    private ClosedVocabulary(String name, Map<String, String> classOf, Set<String> classes) {
        this.name = name;
        this.classOf = Map.copyOf(classOf);
        // In file order: Set.copyOf would iterate in a per-JVM random order.
        this.classes = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(classes));
    }

    /**
     * The named vocabulary; empty for {@value #OPEN}, null or an unknown name (see {@link
     * #exists(String)}).
     */
    public static Optional<ClosedVocabulary> named(String name) {
        if (name == null || name.equals(OPEN) || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return LOADED.computeIfAbsent(name, ClosedVocabulary::load);
    }

    /** Whether a request may name this vocabulary: {@value #OPEN} or a built-in resource. */
    public static boolean exists(String name) {
        return OPEN.equals(name) || named(name).isPresent();
    }

    private static Optional<ClosedVocabulary> load(String name) {
        String resource = "vocabularies/" + name + ".tsv";
        try (InputStream in = ClosedVocabulary.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a vocabulary: one class per line, the class then its synonyms, tab-separated; {@code #}
     * comments.
     *
     * @throws IllegalArgumentException when a name is given to two classes
     */
    public static ClosedVocabulary parse(String name, String text) {
        Map<String, String> classOf = new HashMap<>();
        Set<String> classes = new LinkedHashSet<>();
        String[] lines = text.split("\r?\n");
        for (int ln = 0; ln < lines.length; ln++) {
            String line = lines[ln].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            String cls = fold(cols[0]);
            classes.add(cls);
            for (String col : cols) {
                String synonym = fold(col);
                if (synonym.isEmpty()) {
                    continue;
                }
                String old = classOf.putIfAbsent(synonym, cls);
                if (old != null && !old.equals(cls)) {
                    throw new IllegalArgumentException(
                            "line " + (ln + 1) + ": '" + synonym + "' is already in '" + old + "'");
                }
            }
        }
        return new ClosedVocabulary(name, classOf, classes);
    }

    private static String fold(String s) {
        return Texts.collapseWhitespace(Texts.fold(s)).strip();
    }

    public String name() {
        return name;
    }

    /** The canonical class names. */
    public Set<String> classes() {
        return classes;
    }

    /**
     * The class of a mention, by its canonical object or else its reported name; null when neither
     * is in the vocabulary.
     */
    String classOf(String concept, String display) {
        String cls = classOf.get(concept);
        return cls != null ? cls : classOf.get(display);
    }

    @Override
    public String toString() {
        return "ClosedVocabulary[" + name + ", " + classes.size() + " classes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClosedVocabulary v && v.name.equals(name) && v.classOf.equals(classOf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, classOf);
    }
}
