package org.vlmeval.scoring.refusal;

import org.vlmeval.scoring.text.RegexLiterals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Cheap literal checks that let a rule skip most texts without running its regex, derived from the
 * pattern by {@link RegexLiterals} so that they cannot drift from it.
 *
 * <p>Two checks, both necessary conditions for a match: the text contains a member of every clause
 * in {@code needs}; and a match begins with one of the {@code anchors} (found with {@link
 * String#indexOf}, the pattern is then only tried there with {@code lookingAt}). A benign 2 KB
 * answer then costs a few {@code indexOf} calls per rule instead of a regex scan.
 *
 * @param startOnly the pattern matches only at the start of the text ({@code ^})
 * @param anchors strings every match begins with; empty when there are none and the pattern must be
 *     scanned for
 * @param needs sets of strings of which the text contains one each
 * @param anchorIds the anchors' numbers for {@link LiteralScan}, -1 when not numbered
 * @param needIds the needs' numbers, likewise
 * @param cjk every anchor holds a CJK character (a code unit from {@link
 *     org.vlmeval.scoring.text.Texts#FIRST_HAN} up): a text without one cannot match (the Chinese
 *     rules on an English answer)
 */
record Prefilter(
        boolean startOnly,
        List<String> anchors,
        List<List<String>> needs,
        int[] anchorIds,
        int[][] needIds,
        boolean cjk) {

    /** A clause with a member shorter than this says too little to be worth checking. */
    private static final int MIN_NEED = 2;

    /**
     * At most this many clauses are checked: a clause the text passes costs a scan per member, and
     * with two the detector measured slower than with one.
     */
    private static final int MAX_NEEDS = 1;

    /** Clauses are compacted to this many members; each costs a {@code contains}. */
    private static final int MAX_NEED_MEMBERS = 12;

    /** Anchors are not cut shorter than this (ASCII): "the" is rare enough, "th" is not. */
    private static final int MIN_ANCHOR = 3;

    Prefilter {
        anchors = List.copyOf(anchors);
        needs = needs.stream().map(List::copyOf).toList();
    }

    /** Literals not numbered: each is looked up in the text whenever it is needed. */
    Prefilter(boolean startOnly, List<String> anchors, List<List<String>> needs) {
        this(
                startOnly,
                anchors,
                needs,
                numbers(anchors, s -> -1),
                clauseNumbers(needs, s -> -1),
                !anchors.isEmpty() && anchors.stream().allMatch(LiteralScan::hasCjk));
    }

    /** The same checks, with the literals numbered so that rules share their look-ups. */
    Prefilter numbered(ToIntFunction<String> number) {
        return new Prefilter(
                startOnly,
                anchors,
                needs,
                numbers(anchors, number),
                clauseNumbers(needs, number),
                cjk);
    }

    private static int[] numbers(List<String> literals, ToIntFunction<String> number) {
        return literals.stream().mapToInt(number).toArray();
    }

    private static int[][] clauseNumbers(List<List<String>> clauses, ToIntFunction<String> number) {
        return clauses.stream().map(c -> numbers(c, number)).toArray(int[][]::new);
    }

    /** How many literal numbers a {@link LiteralScan} needs for this pre-filter. */
    int numberCount() {
        int max = -1;
        for (int id : anchorIds) {
            max = Math.max(max, id);
        }
        for (int[] clause : needIds) {
            for (int id : clause) {
                max = Math.max(max, id);
            }
        }
        return max + 1;
    }

    /** The pre-filter of a pattern over folded text. */
    static Prefilter derive(String regex) {
        RegexLiterals.Info info = RegexLiterals.analyse(regex);
        Set<String> starts = info.exact() != null ? info.exact() : info.prefix();
        boolean anchored = !info.emptyable() && !starts.contains("") && !starts.isEmpty();
        List<String> anchors = anchored ? fewestAnchors(starts) : List.<String>of();
        List<List<String>> needs = new ArrayList<>();
        List<Set<String>> candidates = new ArrayList<>(new LinkedHashSet<>(info.allClauses()));
        while (needs.size() < MAX_NEEDS) {
            Set<String> best = RegexLiterals.best(candidates);
            if (best == null) {
                break;
            }
            candidates.remove(best);
            Set<String> clause = RegexLiterals.compact(best, MAX_NEED_MEMBERS);
            if (useful(clause)
                    && !impliedBy(anchors, clause)
                    && !refinesAnchors(anchors, clause)
                    && !needs.contains(List.copyOf(clause))) {
                needs.add(List.copyOf(clause));
            }
        }
        return new Prefilter(info.startOnly(), anchors, needs);
    }

    /**
     * Each anchor costs one {@code indexOf} over the text, so fewer anchors are faster: the
     * prefixes are cut to the length that leaves the fewest distinct ones (the longest such length,
     * to keep false hits rare), never shorter than {@link #MIN_ANCHOR} characters (two for CJK),
     * which are rare enough in a text.
     */
    static List<String> fewestAnchors(Set<String> starts) {
        List<String> best = RegexLiterals.minimalPrefixes(starts);
        int longest = starts.stream().mapToInt(String::length).max().orElse(0);
        for (int cut = longest - 1; cut >= 1; cut--) {
            Set<String> cutSet = new LinkedHashSet<>();
            for (String s : starts) {
                int keep = Math.max(cut, floor(s));
                cutSet.add(s.length() > keep ? s.substring(0, keep) : s);
            }
            List<String> candidate = RegexLiterals.minimalPrefixes(cutSet);
            if (candidate.size() < best.size()) {
                best = candidate;
            }
        }
        return best;
    }

    private static int floor(String s) {
        return !s.isEmpty() && s.charAt(0) >= 0x2E80 ? 2 : MIN_ANCHOR;
    }

    /** True when every member begins with an anchor: the anchors already look for the clause. */
    private static boolean refinesAnchors(List<String> anchors, Set<String> clause) {
        return !anchors.isEmpty()
                && clause.stream().allMatch(m -> anchors.stream().anyMatch(m::startsWith));
    }

    private static boolean useful(Set<String> clause) {
        if (clause.size() > MAX_NEED_MEMBERS) {
            return false;
        }
        for (String s : clause) {
            // One CJK character is as rare as a few Latin letters.
            boolean cjk = !s.isEmpty() && s.charAt(0) >= 0x2E80;
            // So is a punctuation mark such as ':' (the colon of "the sign says: …").
            boolean mark =
                    s.length() == 1
                            && !Character.isLetterOrDigit(s.charAt(0))
                            && s.charAt(0) != ' ';
            if (s.length() < MIN_NEED && !cjk && !mark) {
                return false;
            }
        }
        return true;
    }

    /**
     * The text has an anchor only where a match begins, so a clause every anchor contains adds
     * nothing.
     */
    private static boolean impliedBy(List<String> anchors, Set<String> clause) {
        if (anchors.isEmpty()) {
            return false;
        }
        for (String a : anchors) {
            if (clause.stream().noneMatch(a::contains)) {
                return false;
            }
        }
        return true;
    }

    /** False when the text lacks every member of some clause: no match is possible. */
    boolean mayMatch(String view) {
        return mayMatch(new LiteralScan(view, numberCount()));
    }

    boolean mayMatch(LiteralScan scan) {
        for (int c = 0; c < needIds.length; c++) {
            List<String> clause = needs.get(c);
            boolean found = false;
            for (int i = 0; i < clause.size(); i++) {
                if (scan.indexOf(needIds[c][i], clause.get(i), 0) >= 0) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
