package org.vlmeval.scoring.numeric;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * English number words in lower-case text: zero … nineteen, the tens, compounds with a hyphen or a
 * space ("twenty-three", "twenty three"), hundreds ("a hundred", "one hundred and five", "twelve
 * hundred"), thousand / million / billion, "dozen" and "a dozen" (12), "two dozen" (24), "half a
 * dozen" (6), and decimals read out ("three point five").
 *
 * <p>Not numbers: "one" used as a pronoun ("the red one", "this one", "which one", "each one", "no
 * one", "one another"), ordinals ("first"), and vague quantities ("a couple of", "a few", "dozens",
 * "hundreds of", "several").
 */
public final class EnglishNumberWords {

    private EnglishNumberWords() {}

    /** A number phrase read from {@code text}: its value and the index after its last word. */
    public record Match(double value, int end) {}

    private static final Map<String, Integer> UNITS =
            Map.ofEntries(
                    Map.entry("zero", 0),
                    Map.entry("one", 1),
                    Map.entry("two", 2),
                    Map.entry("three", 3),
                    Map.entry("four", 4),
                    Map.entry("five", 5),
                    Map.entry("six", 6),
                    Map.entry("seven", 7),
                    Map.entry("eight", 8),
                    Map.entry("nine", 9),
                    Map.entry("ten", 10),
                    Map.entry("eleven", 11),
                    Map.entry("twelve", 12),
                    Map.entry("thirteen", 13),
                    Map.entry("fourteen", 14),
                    Map.entry("fifteen", 15),
                    Map.entry("sixteen", 16),
                    Map.entry("seventeen", 17),
                    Map.entry("eighteen", 18),
                    Map.entry("nineteen", 19));

    private static final Map<String, Integer> TENS =
            Map.of(
                    "twenty", 20,
                    "thirty", 30,
                    "forty", 40,
                    "fourty", 40,
                    "fifty", 50,
                    "sixty", 60,
                    "seventy", 70,
                    "eighty", 80,
                    "ninety", 90);

    private static final Map<String, Long> SCALES =
            Map.of("thousand", 1_000L, "million", 1_000_000L, "billion", 1_000_000_000L);

    /** Words before a bare "one" that make it a pronoun: "the one", "which one", "no one". */
    private static final Set<String> DETERMINERS =
            Set.of(
                    "the",
                    "this",
                    "that",
                    "which",
                    "each",
                    "every",
                    "no",
                    "any",
                    "another",
                    "other",
                    "whichever",
                    "a",
                    "an",
                    "its",
                    "his",
                    "her",
                    "their",
                    "my",
                    "your",
                    "our",
                    "what");

    /** Ordinals and similar before a bare "one": "the first one", "the last one". */
    private static final Set<String> ORDINALS =
            Set.of(
                    "first",
                    "second",
                    "third",
                    "fourth",
                    "fifth",
                    "sixth",
                    "seventh",
                    "eighth",
                    "ninth",
                    "tenth",
                    "last",
                    "next",
                    "same",
                    "previous",
                    "final");

    /** "2nd" before "one": the word at {@code p} is an ordinal suffix glued to digits. */
    private static boolean isDigitOrdinal(String s, int p) {
        return p > 0 && Character.isDigit(s.charAt(p - 1));
    }

    /**
     * Words that, directly before a bare "one", show it is a count even when a determiner comes
     * earlier ("the answer is one", "the total of one").
     */
    private static final Set<String> COUNT_CONTEXT =
            Set.of(
                    "is",
                    "are",
                    "was",
                    "were",
                    "be",
                    "of",
                    "to",
                    "and",
                    "or",
                    "only",
                    "just",
                    "exactly",
                    "about",
                    "has",
                    "have",
                    "had",
                    "there",
                    "with",
                    "contains",
                    "contain",
                    "see",
                    "count",
                    "than",
                    "in",
                    "on",
                    "at",
                    "for",
                    "by",
                    "from",
                    "answer",
                    "total",
                    "equals",
                    "makes",
                    "gives",
                    "shows",
                    "show");

    /** True when {@code word} can begin a number phrase. */
    public static boolean canStart(String word) {
        return STARTS.contains(word);
    }

    private static final Set<String> STARTS = starts();

    private static Set<String> starts() {
        java.util.HashSet<String> s = new java.util.HashSet<>(UNITS.keySet());
        s.addAll(TENS.keySet());
        s.addAll(List.of("a", "dozen", "half"));
        return java.util.Collections.unmodifiableSet(s);
    }

    /** {@link #STARTS} by length, to test a word in place without cutting it out. */
    private static final String[][] STARTS_BY_LENGTH = startsByLength();

    private static String[][] startsByLength() {
        String[][] out = new String[10][];
        for (int len = 0; len < out.length; len++) {
            final int l = len;
            out[len] = STARTS.stream().filter(w -> w.length() == l).sorted().toArray(String[]::new);
        }
        return out;
    }

    /** True when the word {@code s[from, to)} can begin a number phrase; allocation free. */
    static boolean canStart(String s, int from, int to) {
        int len = to - from;
        if (len <= 0 || len >= STARTS_BY_LENGTH.length) {
            return false;
        }
        char c = s.charAt(from);
        for (String w : STARTS_BY_LENGTH[len]) {
            if (w.charAt(0) == c && s.regionMatches(from, w, 0, len)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the number phrase that begins at {@code start} (the first letter of a word) in the
     * lower-case {@code text}, or null when none begins there or the word is the pronoun "one".
     */
    public static Match parse(String text, int start) {
        Match m = parseNumber(text, start);
        if (m == null) {
            return null;
        }
        if (m.value() == 1 && m.end() == start + 3 && isPronounOne(text, start)) {
            return null;
        }
        return m;
    }

    private static Match parseNumber(String s, int start) {
        long total = 0;
        long lastScale = Long.MAX_VALUE;
        int end = -1;
        int p = start;
        while (p >= 0) {
            Match g = parseGroup(s, p);
            if (g == null) {
                break;
            }
            int q = nextWord(s, g.end());
            Long scale = q >= 0 ? SCALES.get(word(s, q)) : null;
            if (scale != null && scale < lastScale && g.value() > 0) {
                total += (long) g.value() * scale;
                lastScale = scale;
                end = wordEnd(s, q);
                p = nextWord(s, end);
                if (p >= 0 && word(s, p).equals("and")) {
                    p = nextWord(s, wordEnd(s, p));
                    Match tail = p >= 0 ? parseGroup(s, p) : null;
                    if (tail == null || tail.value() >= 100 || tail.value() == 0) {
                        break;
                    }
                }
                continue;
            }
            if (lastScale != Long.MAX_VALUE && g.value() >= lastScale) {
                break;
            }
            total += (long) g.value();
            end = g.end();
            break;
        }
        if (end < 0) {
            return null;
        }
        double value = total;
        int q = nextWord(s, end);
        if (q >= 0 && word(s, q).equals("point")) {
            StringBuilder digits = new StringBuilder("0.");
            int r = nextWord(s, wordEnd(s, q));
            int last = -1;
            while (r >= 0) {
                Integer d = UNITS.get(word(s, r));
                if (d == null || d > 9) {
                    break;
                }
                digits.append((char) ('0' + d));
                last = wordEnd(s, r);
                r = nextWord(s, last);
            }
            if (last > 0) {
                value += Double.parseDouble(digits.toString());
                end = last;
            }
        }
        return new Match(value, end);
    }

    /** A number below 1000, "a hundred", "a" before a scale, or a dozen. */
    private static Match parseGroup(String s, int p) {
        String w = word(s, p);
        int e = wordEnd(s, p);
        if (w.equals("a") || w.equals("half")) {
            int q = nextWord(s, e);
            if (q < 0) {
                return null;
            }
            String n = word(s, q);
            if (w.equals("half")) {
                if (n.equals("a")) {
                    int r = nextWord(s, wordEnd(s, q));
                    if (r >= 0 && word(s, r).equals("dozen")) {
                        return new Match(6, wordEnd(s, r));
                    }
                }
                return null;
            }
            if (n.equals("hundred")) {
                return hundredTail(s, 100, wordEnd(s, q));
            }
            if (n.equals("dozen")) {
                return new Match(12, wordEnd(s, q));
            }
            if (SCALES.containsKey(n)) {
                return new Match(1, e);
            }
            return null;
        }
        if (w.equals("dozen")) {
            return new Match(12, e);
        }
        Match b = below100(s, p);
        if (b == null) {
            return null;
        }
        int q = nextWord(s, b.end());
        if (q >= 0) {
            String n = word(s, q);
            if (n.equals("hundred") && b.value() > 0) {
                return hundredTail(s, (long) b.value() * 100, wordEnd(s, q));
            }
            if (n.equals("dozen") && b.value() > 0) {
                return new Match(b.value() * 12, wordEnd(s, q));
            }
        }
        return b;
    }

    private static Match hundredTail(String s, long hundreds, int end) {
        int q = nextWord(s, end);
        if (q < 0) {
            return new Match(hundreds, end);
        }
        int r = q;
        if (word(s, q).equals("and")) {
            r = nextWord(s, wordEnd(s, q));
            if (r < 0) {
                return new Match(hundreds, end);
            }
        }
        Match t = below100(s, r);
        if (t == null || t.value() == 0) {
            return new Match(hundreds, end);
        }
        return new Match(hundreds + t.value(), t.end());
    }

    private static Match below100(String s, int p) {
        String w = word(s, p);
        int e = wordEnd(s, p);
        Integer tens = TENS.get(w);
        if (tens != null) {
            int q = nextWord(s, e);
            if (q >= 0) {
                Integer u = UNITS.get(word(s, q));
                if (u != null && u >= 1 && u <= 9) {
                    return new Match(tens + u, wordEnd(s, q));
                }
            }
            return new Match(tens, e);
        }
        Integer u = UNITS.get(w);
        return u == null ? null : new Match(u, e);
    }

    private static boolean isPronounOne(String s, int start) {
        int next = nextWordAfterSpaces(s, start + 3);
        if (next >= 0) {
            String n = word(s, next);
            if (n.equals("another") || n.equals("by")) {
                return true;
            }
        }
        if (start + 3 < s.length() && s.charAt(start + 3) == '\'') {
            return true; // one's
        }
        int prev = previousWord(s, start);
        if (prev < 0) {
            return false;
        }
        String pw = word(s, prev);
        if (DETERMINERS.contains(pw) || ORDINALS.contains(pw) || isDigitOrdinal(s, prev)) {
            return true;
        }
        if (COUNT_CONTEXT.contains(pw) || canStart(pw)) {
            return false;
        }
        int prev2 = previousWord(s, prev);
        return prev2 >= 0 && DETERMINERS.contains(word(s, prev2));
    }

    static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** The word (a run of a-z) starting at {@code p}. */
    static String word(String s, int p) {
        return s.substring(p, wordEnd(s, p));
    }

    static int wordEnd(String s, int p) {
        int e = p;
        while (e < s.length() && isLetter(s.charAt(e))) {
            e++;
        }
        return e;
    }

    /**
     * The start of the word that continues a number phrase after {@code end}: joined by one hyphen
     * or by spaces on the same line; -1 when none.
     */
    static int nextWord(String s, int end) {
        int n = s.length();
        if (end < n && s.charAt(end) == '-') {
            return end + 1 < n && isLetter(s.charAt(end + 1)) ? end + 1 : -1;
        }
        return nextWordAfterSpaces(s, end);
    }

    private static int nextWordAfterSpaces(String s, int end) {
        int j = end;
        while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
            j++;
        }
        return j > end && j < s.length() && isLetter(s.charAt(j)) ? j : -1;
    }

    /** The start of the word before the word at {@code start}, across spaces only; -1 when none. */
    private static int previousWord(String s, int start) {
        int j = start - 1;
        while (j >= 0 && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
            j--;
        }
        if (j < 0 || j == start - 1 || !isLetter(s.charAt(j))) {
            return -1;
        }
        while (j > 0 && isLetter(s.charAt(j - 1))) {
            j--;
        }
        return j;
    }
}
