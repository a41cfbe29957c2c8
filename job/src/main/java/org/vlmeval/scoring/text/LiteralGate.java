package org.vlmeval.scoring.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A necessary condition for a pattern to find a match in a text, checked with a few {@link
 * String#contains}: the text must contain one member of each of at most {@value #MAX_CLAUSES} sets
 * of literals, derived from the pattern by {@link RegexLiterals} so that the gate cannot drift from
 * it. Scoring runs dozens of table-driven patterns per answer (units, scales, restated targets)
 * that almost never apply to a given question; the gate turns each miss from a regex scan into a
 * couple of {@code indexOf}s.
 *
 * <p>Sound by construction: {@link RegexLiterals} only derives literals every match contains, and
 * it reads {@code \s} as a space or a line break; a derived literal with white space in it is cut
 * to its longest piece without any (that piece is in the text whenever the literal is), so a tab or
 * another space character in the text cannot close the gate on a real match. A pattern the analysis
 * cannot read gets a gate that is always open.
 */
public final class LiteralGate {

    /** Each clause checked costs a scan per member when the text passes. */
    static final int MAX_CLAUSES = 2;

    private static final Pattern WHITE = Pattern.compile("\\s+");

    private static final LiteralGate OPEN = new LiteralGate(List.of());

    private final String[][] clauses;

    private LiteralGate(List<List<String>> clauses) {
        this.clauses = clauses.stream().map(c -> c.toArray(String[]::new)).toArray(String[][]::new);
    }

    /** The gate of {@code regex} (compiled without flags, run on the same text as the gate). */
    public static LiteralGate of(String regex) {
        RegexLiterals.Info info;
        try {
            info = RegexLiterals.analyse(regex);
        } catch (RuntimeException unreadable) {
            return OPEN;
        }
        List<Set<String>> candidates = new ArrayList<>(info.allClauses());
        Set<String> starts = info.exact() != null ? info.exact() : info.prefix();
        if (!info.emptyable() && !starts.isEmpty() && !starts.contains("")) {
            candidates.add(starts);
        }
        List<List<String>> kept = new ArrayList<>();
        candidates.stream()
                .map(LiteralGate::withoutWhiteSpace)
                .filter(c -> c != null)
                .distinct()
                .sorted(Comparator.comparingInt(RegexLiterals::shortest).reversed())
                .limit(MAX_CLAUSES)
                .map(List::copyOf)
                .forEach(kept::add);
        return kept.isEmpty() ? OPEN : new LiteralGate(kept);
    }

    /** Whether {@code text} may hold a match: false only when no match is possible. */
    public boolean mayMatch(String text) {
        for (String[] clause : clauses) {
            if (!containsAny(text, clause)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the gate checks anything at all. */
    public boolean isOpen() {
        return clauses.length == 0;
    }

    /** The clauses checked (for tests and for reading what a pattern needs). */
    public List<List<String>> clauses() {
        List<List<String>> out = new ArrayList<>();
        for (String[] c : clauses) {
            out.add(List.of(c));
        }
        return out;
    }

    private static boolean containsAny(String text, String[] members) {
        for (String m : members) {
            if (text.contains(m)) {
                return true;
            }
        }
        return false;
    }

    /** Each member cut to its longest piece without white space; null when one is left empty. */
    private static Set<String> withoutWhiteSpace(Set<String> clause) {
        Set<String> out = new LinkedHashSet<>();
        for (String member : clause) {
            String longest = "";
            for (String piece : WHITE.split(member)) {
                if (piece.length() > longest.length()) {
                    longest = piece;
                }
            }
            if (longest.isEmpty()) {
                return null;
            }
            out.add(longest);
        }
        return out.isEmpty() ? null : RegexLiterals.minimalSubstrings(out);
    }

    @Override
    public String toString() {
        return "LiteralGate" + clauses();
    }
}
