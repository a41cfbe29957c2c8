package org.vlmeval.scoring.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Reads a regular expression and works out which literal strings every match needs: the strings a
 * match can begin with, and sets of strings of which the text must contain one. This is what makes
 * a rule's pre-filter follow from its pattern instead of being kept by hand next to it.
 *
 * <p>The analysis is conservative: whatever it cannot read precisely (a class such as {@code \w}, a
 * repetition, a look-behind) it treats as "anything", so a derived literal is always a true
 * necessary condition, only sometimes a weaker one than a person would write. It follows the method
 * of Russ Cox's "Regular Expression Matching with a Trigram Index" with whole literals instead of
 * trigrams.
 *
 * <p>The text the rules run on is folded (see {@code RefusalDetector.fold}): lower case, and the
 * only white space left is the space and the line break. {@code \s} is read as exactly those two,
 * which keeps "i " and "i\n" as anchors instead of a bare "i". Inline flags such as {@code (?i)}
 * are refused, because they would change what a literal means.
 */
public final class RegexLiterals {

    /** Largest set of alternatives kept exactly; larger products fall back to shorter prefixes. */
    static final int MAX_SET = 64;

    /** Clauses kept per piece; more only make the unions of alternatives larger. */
    private static final int MAX_CLAUSES = 4;

    /** Classes of at most this many characters are expanded into alternatives. */
    private static final int MAX_CLASS = 8;

    private static final String FOLDED_WHITESPACE = " \n";

    /**
     * What is known of the matches of one piece of the pattern.
     *
     * @param exact every match is one of these strings; null when unknown or too many
     * @param prefix when not exact: the text at a match's start begins with one of these ("" in the
     *     set: nothing known)
     * @param emptyable the piece can match the empty string without constraining the text
     * @param clauses when not exact: sets of which the text contains one member each
     * @param startOnly the piece only matches at the start of the text ({@code ^})
     */
    public record Info(
            Set<String> exact,
            Set<String> prefix,
            boolean emptyable,
            List<Set<String>> clauses,
            boolean startOnly) {

        static Info exactly(Set<String> strings) {
            return new Info(strings, Set.of(), strings.contains(""), List.of(), false);
        }

        static final Info EMPTY = exactly(Set.of(""));

        /** Any one character (a class too large to expand, {@code .}, {@code \w}). */
        static final Info ANY_CHAR = new Info(null, Set.of(""), false, List.of(), false);

        /** Anything, including nothing. */
        static final Info ANYTHING = new Info(null, Set.of(""), true, List.of(), false);

        /** The prefixes of non-empty matches, including "" only when the piece can be skipped. */
        Set<String> prefixesOrEmpty() {
            Set<String> p = new LinkedHashSet<>(exact != null ? exact : prefix);
            if (emptyable) {
                p.add("");
            }
            return p;
        }

        /** Clauses including the exact set and the prefixes, when they say something. */
        public List<Set<String>> allClauses() {
            List<Set<String>> all = new ArrayList<>(clauses);
            if (exact != null && !exact.contains("")) {
                all.add(exact);
            }
            if (exact == null && !emptyable && !prefix.contains("")) {
                all.add(prefix);
            }
            return all;
        }
    }

    private final String regex;
    private int pos;

    private RegexLiterals(String regex) {
        this.regex = regex;
    }

    /** Analyses a whole pattern. */
    public static Info analyse(String regex) {
        RegexLiterals r = new RegexLiterals(regex);
        Info info = r.alternation();
        if (r.pos != regex.length()) {
            throw r.error("unbalanced ')'");
        }
        return info;
    }

    // ------------------------------------------------------------------ parsing

    private Info alternation() {
        List<Info> branches = new ArrayList<>();
        branches.add(sequence());
        while (pos < regex.length() && regex.charAt(pos) == '|') {
            pos++;
            branches.add(sequence());
        }
        return branches.size() == 1 ? branches.get(0) : alternatives(branches);
    }

    /**
     * A sequence of atoms. Runs of exactly known atoms are joined first, so that "comfortable"
     * after an unknown part is one literal, not eleven one-letter ones.
     */
    private Info sequence() {
        Info acc = null;
        Info run = null;
        while (pos < regex.length() && regex.charAt(pos) != '|' && regex.charAt(pos) != ')') {
            Info next = quantified(atom());
            if (next.exact() != null && (run == null || run.exact() != null)) {
                run = run == null ? next : concat(run, next);
                continue;
            }
            if (run != null) {
                acc = acc == null ? run : concat(acc, run);
            }
            run = next.exact() != null ? next : null;
            if (run == null) {
                acc = acc == null ? next : concat(acc, next);
            }
        }
        if (run != null) {
            acc = acc == null ? run : concat(acc, run);
        }
        return acc == null ? Info.EMPTY : acc;
    }

    private Info atom() {
        char c = regex.charAt(pos++);
        return switch (c) {
            case '(' -> group();
            case '[' -> characterClass();
            case '\\' -> escape();
            case '.' -> Info.ANY_CHAR;
            case '^' -> new Info(Set.of(""), Set.of(), true, List.of(), true);
            case '$' -> Info.EMPTY;
            case '*', '+', '?', '{' -> throw error("quantifier without an operand");
            default -> Info.exactly(Set.of(String.valueOf(c)));
        };
    }

    private Info group() {
        if (regex.startsWith("?:", pos) || regex.startsWith("?>", pos)) {
            pos += 2;
            return closeGroup(alternation());
        }
        if (regex.startsWith("?=", pos)) {
            pos += 2;
            return closeGroup(lookahead(alternation()));
        }
        if (regex.startsWith("?!", pos)
                || regex.startsWith("?<=", pos)
                || regex.startsWith("?<!", pos)) {
            // Negative look-arounds constrain nothing we could search for; a look-behind looks
            // at text before the match, so it cannot give an anchor.
            pos += regex.charAt(pos + 1) == '<' ? 3 : 2;
            alternation();
            return closeGroup(Info.EMPTY);
        }
        if (regex.startsWith("?<", pos)) { // named group
            int end = regex.indexOf('>', pos);
            if (end < 0) {
                throw error("unterminated group name");
            }
            pos = end + 1;
            return closeGroup(alternation());
        }
        if (pos < regex.length() && regex.charAt(pos) == '?') {
            throw error(
                    "inline flags are not supported (the text is already folded to lower case)");
        }
        return closeGroup(alternation());
    }

    private Info closeGroup(Info inner) {
        if (pos >= regex.length() || regex.charAt(pos) != ')') {
            throw error("missing ')'");
        }
        pos++;
        return inner;
    }

    /** A look-ahead matches nothing, but the text where it stands begins with its prefixes. */
    private static Info lookahead(Info inner) {
        Set<String> p = inner.prefixesOrEmpty();
        return new Info(null, p, false, inner.allClauses(), false);
    }

    private Info escape() {
        if (pos >= regex.length()) {
            throw error("trailing backslash");
        }
        char c = regex.charAt(pos++);
        return switch (c) {
            case 'b', 'B', 'A', 'z', 'Z', 'G' -> Info.EMPTY;
            case 's' -> chars(FOLDED_WHITESPACE);
            case 'n' -> chars("\n");
            case 't' -> chars("\t");
            case 'S', 'w', 'W', 'd', 'D', 'h', 'H', 'v', 'V', 'R', 'X' -> Info.ANY_CHAR;
            case 'p', 'P' -> {
                skipProperty();
                yield Info.ANY_CHAR;
            }
            case 'u' -> chars(String.valueOf((char) Integer.parseInt(take(4), 16)));
            case 'x' -> chars(String.valueOf((char) Integer.parseInt(take(2), 16)));
            case 'Q', 'E', 'k' -> throw error("\\" + c + " is not supported");
            default -> {
                if (Character.isDigit(c)) {
                    yield Info.ANYTHING; // a back-reference: any text, maybe empty
                }
                yield chars(String.valueOf(c));
            }
        };
    }

    private String take(int n) {
        if (pos + n > regex.length()) {
            throw error("truncated escape");
        }
        String s = regex.substring(pos, pos + n);
        pos += n;
        return s;
    }

    private void skipProperty() {
        if (pos < regex.length() && regex.charAt(pos) == '{') {
            int end = regex.indexOf('}', pos);
            if (end < 0) {
                throw error("unterminated \\p{");
            }
            pos = end + 1;
        } else {
            pos++;
        }
    }

    /**
     * A bracket class: expanded into its characters when it is small and positive, otherwise any
     * character.
     */
    private Info characterClass() {
        boolean negated = pos < regex.length() && regex.charAt(pos) == '^';
        if (negated) {
            pos++;
        }
        StringBuilder members = new StringBuilder();
        boolean unbounded = negated;
        boolean firstChar = true;
        while (true) {
            if (pos >= regex.length()) {
                throw error("unterminated character class");
            }
            char c = regex.charAt(pos++);
            if (c == ']' && !firstChar) {
                break;
            }
            firstChar = false;
            if (c == '[' || (c == '&' && pos < regex.length() && regex.charAt(pos) == '&')) {
                throw error("nested classes and intersections are not supported");
            }
            char literal;
            if (c == '\\') {
                char e = regex.charAt(pos++);
                switch (e) {
                    case 's' -> {
                        members.append(FOLDED_WHITESPACE);
                        continue;
                    }
                    case 'n' -> literal = '\n';
                    case 't' -> literal = '\t';
                    case 'S', 'w', 'W', 'd', 'D', 'h', 'H', 'v', 'V' -> {
                        unbounded = true;
                        continue;
                    }
                    case 'p', 'P' -> {
                        skipProperty();
                        unbounded = true;
                        continue;
                    }
                    case 'u' -> literal = (char) Integer.parseInt(take(4), 16);
                    case 'x' -> literal = (char) Integer.parseInt(take(2), 16);
                    default -> literal = e;
                }
            } else {
                literal = c;
            }
            if (pos + 1 < regex.length()
                    && regex.charAt(pos) == '-'
                    && regex.charAt(pos + 1) != ']') {
                pos++;
                char to = regex.charAt(pos++);
                if (to == '\\') {
                    to = regex.charAt(pos++);
                }
                if (to - literal >= MAX_CLASS) {
                    unbounded = true;
                    continue;
                }
                for (char x = literal; x <= to; x++) {
                    members.append(x);
                }
            } else {
                members.append(literal);
            }
        }
        return unbounded || members.length() > MAX_CLASS
                ? Info.ANY_CHAR
                : chars(members.toString());
    }

    private static Info chars(String members) {
        Set<String> set = new LinkedHashSet<>();
        for (char c : members.toCharArray()) {
            set.add(String.valueOf(c));
        }
        return Info.exactly(set);
    }

    private Info quantified(Info atom) {
        if (pos >= regex.length()) {
            return atom;
        }
        char c = regex.charAt(pos);
        int min;
        int max;
        if (c == '?') {
            min = 0;
            max = 1;
            pos++;
        } else if (c == '*') {
            min = 0;
            max = Integer.MAX_VALUE;
            pos++;
        } else if (c == '+') {
            min = 1;
            max = Integer.MAX_VALUE;
            pos++;
        } else if (c == '{'
                && pos + 1 < regex.length()
                && Character.isDigit(regex.charAt(pos + 1))) {
            int end = regex.indexOf('}', pos);
            if (end < 0) {
                throw error("unterminated {n,m}");
            }
            String[] bounds = regex.substring(pos + 1, end).split(",", -1);
            min = Integer.parseInt(bounds[0].strip());
            max =
                    bounds.length == 1
                            ? min
                            : bounds[1].isBlank()
                                    ? Integer.MAX_VALUE
                                    : Integer.parseInt(bounds[1].strip());
            pos = end + 1;
        } else {
            return atom;
        }
        if (pos < regex.length() && (regex.charAt(pos) == '?' || regex.charAt(pos) == '+')) {
            pos++; // lazy or possessive: the same strings can match
        }
        return repeat(atom, min, max);
    }

    private static Info repeat(Info atom, int min, int max) {
        if (min == 0 && max == 1 && atom.exact() != null) {
            Set<String> s = new LinkedHashSet<>(atom.exact());
            s.add("");
            return Info.exactly(s);
        }
        if (min == 0) {
            // Optional: non-empty matches begin like the atom, but it can be skipped.
            Set<String> p = atom.exact() != null ? without(atom.exact(), "") : atom.prefix();
            return new Info(null, p.isEmpty() ? Set.of("") : p, true, List.of(), false);
        }
        if (min == 1 && max == 1) {
            return atom;
        }
        // At least one: every match begins with and contains a match of the atom.
        return new Info(
                null,
                atom.prefixesOrEmpty(),
                atom.emptyable(),
                atom.allClauses(),
                atom.startOnly());
    }

    // ------------------------------------------------------------------ combining

    private static Info alternatives(List<Info> branches) {
        boolean allExact = branches.stream().allMatch(b -> b.exact() != null);
        if (allExact) {
            Set<String> union = new LinkedHashSet<>();
            branches.forEach(b -> union.addAll(b.exact()));
            if (union.size() <= MAX_SET) {
                Info e = Info.exactly(union);
                return new Info(
                        e.exact(),
                        e.prefix(),
                        e.emptyable(),
                        List.of(),
                        branches.stream().allMatch(Info::startOnly));
            }
        }
        Set<String> prefix = new LinkedHashSet<>();
        boolean emptyable = false;
        List<Set<String>> clauses = null;
        for (Info b : branches) {
            prefix.addAll(b.exact() != null ? without(b.exact(), "") : b.prefix());
            emptyable |= b.emptyable();
            clauses = clauses == null ? top(b.allClauses()) : either(clauses, top(b.allClauses()));
        }
        return new Info(
                null,
                shorten(prefix, MAX_SET),
                emptyable,
                clauses,
                branches.stream().allMatch(Info::startOnly));
    }

    private static Info concat(Info a, Info b) {
        boolean startOnly =
                a.startOnly()
                        || (a.exact() != null && a.exact().equals(Set.of("")) && b.startOnly());
        if (a.exact() != null && b.exact() != null) {
            Set<String> product = cross(a.exact(), b.exact());
            if (product != null) {
                Info e = Info.exactly(product);
                return new Info(e.exact(), e.prefix(), e.emptyable(), List.of(), startOnly);
            }
        }
        Set<String> prefix;
        if (a.exact() != null) {
            Set<String> product = cross(a.exact(), b.prefixesOrEmpty());
            if (product == null) {
                product = new LinkedHashSet<>(a.exact());
                if (product.contains("")) {
                    product.remove("");
                    product.addAll(b.prefixesOrEmpty());
                }
            }
            prefix = product;
        } else if (a.emptyable()) {
            prefix = new LinkedHashSet<>(a.prefix());
            prefix.addAll(b.exact() != null ? without(b.exact(), "") : b.prefix());
        } else {
            prefix = a.prefix();
        }
        List<Set<String>> clauses = new ArrayList<>(a.allClauses());
        clauses.addAll(b.allClauses());
        boolean emptyable = a.emptyable() && b.emptyable();
        if (emptyable) {
            // The empty match is the flag's business; "" left in the set means "unknown".
            prefix = without(prefix, "");
        }
        if (prefix.isEmpty() || prefix.contains("")) {
            prefix = Set.of("");
        }
        return new Info(null, shorten(prefix, MAX_SET), emptyable, dedupe(clauses), startOnly);
    }

    /** All concatenations, or null when there would be more than {@link #MAX_SET}. */
    private static Set<String> cross(Set<String> a, Set<String> b) {
        if ((long) a.size() * b.size() > MAX_SET) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String x : a) {
            for (String y : b) {
                out.add(x + y);
            }
        }
        return out;
    }

    /**
     * (A1 and A2) or (B1 and B2) implies (A1 or B1) and (A1 or B2) and …: the clauses of one of
     * several branches, as unions of one clause of each.
     */
    private static List<Set<String>> either(List<Set<String>> a, List<Set<String>> b) {
        List<Set<String>> out = new ArrayList<>();
        for (Set<String> x : a) {
            for (Set<String> y : b) {
                Set<String> union = new LinkedHashSet<>(x);
                union.addAll(y);
                out.add(minimalSubstrings(union));
            }
        }
        return top(out);
    }

    /** The few clauses that filter best ({@link #best} order), so that unions stay small. */
    private static List<Set<String>> top(List<Set<String>> clauses) {
        return clauses.stream()
                .filter(c -> !c.isEmpty() && !c.contains(""))
                .sorted(SELECTIVE.reversed())
                .limit(MAX_CLAUSES)
                .toList();
    }

    /** A prefix set of at most {@code max}: members cut shorter until it is small enough. */
    static Set<String> shorten(Set<String> prefixes, int max) {
        Set<String> p = prefixes;
        int len = p.stream().mapToInt(String::length).max().orElse(0);
        while (p.size() > max && len > 0) {
            int cut = --len;
            Set<String> shorter = new LinkedHashSet<>();
            for (String s : p) {
                shorter.add(s.length() > cut ? s.substring(0, cut) : s);
            }
            p = shorter;
        }
        return p;
    }

    private static Set<String> without(Set<String> set, String member) {
        Set<String> out = new LinkedHashSet<>(set);
        out.remove(member);
        return out;
    }

    private static List<Set<String>> dedupe(List<Set<String>> clauses) {
        List<Set<String>> out = new ArrayList<>();
        for (Set<String> c : clauses) {
            if (!c.isEmpty() && !c.contains("") && !out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ choosing

    /**
     * The clause that filters best: its shortest member is longest (a short member such as "i" is
     * in almost every text); fewer members break ties. Null when there is none.
     */
    public static Set<String> best(List<Set<String>> clauses) {
        return clauses.stream()
                .filter(c -> !c.isEmpty() && !c.contains(""))
                .max(SELECTIVE)
                .orElse(null);
    }

    private static final Comparator<Set<String>> SELECTIVE =
            Comparator.<Set<String>>comparingInt(RegexLiterals::shortest)
                    .thenComparing(c -> -c.size());

    /**
     * A clause of at most {@code max} members: while it is larger, the substring (3 to 6 chars)
     * found in most members replaces them ("not" for "can not", "will not", "not able"). A text
     * with one of the members has the substring, so the clause stays a necessary condition.
     */
    public static Set<String> compact(Set<String> clause, int max) {
        Set<String> c = minimalSubstrings(clause);
        while (c.size() > max) {
            String factor = null;
            int covered = 1;
            for (String m : c) {
                for (int len = 6; len >= 3; len--) {
                    for (int i = 0; i + len <= m.length(); i++) {
                        String sub = m.substring(i, i + len);
                        int n = (int) c.stream().filter(x -> x.contains(sub)).count();
                        if (n > covered) {
                            covered = n;
                            factor = sub;
                        }
                    }
                }
            }
            if (factor == null) {
                return c;
            }
            Set<String> next = new LinkedHashSet<>();
            next.add(factor);
            for (String m : c) {
                if (!m.contains(factor)) {
                    next.add(m);
                }
            }
            c = minimalSubstrings(next);
        }
        return c;
    }

    static int shortest(Set<String> clause) {
        return clause.stream().mapToInt(String::length).min().orElse(0);
    }

    /**
     * The members no other member is a prefix of: text that begins with "i am" begins with "i ", so
     * "i am" adds nothing as an anchor.
     */
    public static List<String> minimalPrefixes(Set<String> strings) {
        return List.copyOf(minimal(strings, String::startsWith));
    }

    /** The members that contain no other member: a text with "not able" also has "not". */
    static Set<String> minimalSubstrings(Set<String> strings) {
        return minimal(strings, String::contains);
    }

    /** The members {@code s} for which no other member {@code t} has {@code covers(s, t)}. */
    private static Set<String> minimal(Set<String> strings, BiPredicate<String, String> covers) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : strings) {
            if (strings.stream().noneMatch(t -> !t.equals(s) && covers.test(s, t))) {
                out.add(s);
            }
        }
        return out;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at index " + pos + " of " + regex);
    }
}
