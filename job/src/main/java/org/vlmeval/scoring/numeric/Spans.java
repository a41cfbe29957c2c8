package org.vlmeval.scoring.numeric;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Spans, markers and mention look-ups shared by the numeric reading rules. */
final class Spans {

    private Spans() {}

    static final Pattern VERB =
            Pattern.compile(
                    "\\b(?:is|are|was|were|be|has|have|had|equals?|equaling|comes? to|totals"
                            + "|totaling|gives?|makes?|yields?|gets?|contains?|amounts? to)\\b"
                            + "|(?<=\\b(?:there|it|that|which|what))'s\\b"
                            + "|是|(?<![因认作成称以行])为|(?<![所没只还])有|等于|达到");

    static final Pattern SPACES = Pattern.compile("\\s+");

    static final Pattern ARITHMETIC_WORD =
            Pattern.compile(
                    "\\b(?:times|plus|minus|multipl\\w*|divided|sum|add|adding|added|subtract\\w*)\\b");

    static final String[] ARITHMETIC_WORD_KEYWORDS = {
        "times", "plus", "minus", "multipl", "divided", "sum", "add", "subtract"
    };

    static final String[] ARITHMETIC_SIGNS = {
        "=", "×", "÷", "+", "乘", "加上", "减去", "除以", "相加", "相乘"
    };

    /**
     * Sentence spans: split after . ! ? ; 。 ！ ？ ； and line breaks; a '.' between digits is a
     * decimal point.
     */
    static List<int[]> sentences(String f) {
        List<int[]> out = new ArrayList<>();
        int n = f.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = f.charAt(i);
            boolean end;
            switch (c) {
                case '.':
                    end =
                            !(i > 0
                                    && i + 1 < n
                                    && Character.isDigit(f.charAt(i - 1))
                                    && Character.isDigit(f.charAt(i + 1)));
                    break;
                case '!':
                case '?':
                case ';':
                case '\n':
                case '。':
                case '！':
                case '？':
                case '；':
                    end = true;
                    break;
                default:
                    end = false;
            }
            if (end) {
                if (i + 1 > start) {
                    out.add(new int[] {start, i + 1});
                }
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(new int[] {start, n});
        }
        return out;
    }

    /**
     * Matches of {@code validator} that start where one of the literal {@code keywords} occurs,
     * sorted by start; of overlapping matches the first and longest ("in total", not also "total").
     * Searching with indexOf and matching anchored is much faster than running the alternation over
     * every char.
     */
    static List<int[]> findMarkers(
            String f, String[] keywords, Pattern validator, int from, int to) {
        List<int[]> out = new ArrayList<>();
        Matcher m = null;
        for (String k : keywords) {
            boolean word = k.charAt(0) >= 'a' && k.charAt(0) <= 'z';
            int p = f.indexOf(k, from);
            while (p >= 0 && p < to) {
                if (word && p > 0 && Character.isLetter(f.charAt(p - 1))) {
                    p = f.indexOf(k, p + 1);
                    continue;
                }
                if (m == null) {
                    m = validator.matcher(f).useTransparentBounds(true).useAnchoringBounds(false);
                }
                m.region(p, to);
                if (m.lookingAt()) {
                    out.add(new int[] {p, m.end()});
                }
                p = f.indexOf(k, p + 1);
            }
        }
        if (out.size() > 1) {
            out.sort(
                    (x, y) ->
                            x[0] != y[0]
                                    ? Integer.compare(x[0], y[0])
                                    : Integer.compare(y[1], x[1]));
            List<int[]> unique = new ArrayList<>(out.size());
            for (int[] x : out) {
                if (unique.isEmpty() || unique.get(unique.size() - 1)[1] <= x[0]) {
                    unique.add(x);
                }
            }
            return unique;
        }
        return out;
    }

    static List<int[]> inRange(List<int[]> spans, int from, int to) {
        List<int[]> out = new ArrayList<>(2);
        for (int[] x : spans) {
            if (x[0] >= from && x[1] <= to) {
                out.add(x);
            }
        }
        return out;
    }

    /** Contents of {@code **bold**} spans of 1 to 40 chars without '*' or a line break. */
    static List<int[]> boldSpans(String f) {
        List<int[]> out = new ArrayList<>();
        int i = f.indexOf("**");
        while (i >= 0) {
            int j = f.indexOf("**", i + 2);
            if (j < 0) {
                break;
            }
            int len = j - i - 2;
            boolean clean = len >= 1 && len <= 40;
            for (int k = i + 2; clean && k < j; k++) {
                char c = f.charAt(k);
                clean = c != '*' && c != '\n';
            }
            if (clean) {
                out.add(new int[] {i + 2, j});
                i = f.indexOf("**", j + 2);
            } else {
                i = j;
            }
        }
        return out;
    }

    /** Whether the response computes: + × ÷ =, "3 x 4", "3 * 4", times, plus, sum, 乘, 加上, ... */
    static boolean hasArithmetic(String f) {
        for (String sign : ARITHMETIC_SIGNS) {
            if (f.indexOf(sign) >= 0) {
                return true;
            }
        }
        for (char op : new char[] {'x', '*', '/'}) {
            int p = f.indexOf(op);
            while (p >= 0) {
                int a = p - 1;
                while (a >= 0 && f.charAt(a) == ' ') {
                    a--;
                }
                int b = p + 1;
                while (b < f.length() && f.charAt(b) == ' ') {
                    b++;
                }
                if (a >= 0
                        && b < f.length()
                        && Character.isDigit(f.charAt(a))
                        && Character.isDigit(f.charAt(b))) {
                    return true;
                }
                p = f.indexOf(op, p + 1);
            }
        }
        return !findMarkers(f, ARITHMETIC_WORD_KEYWORDS, ARITHMETIC_WORD, 0, f.length()).isEmpty();
    }

    static int clauseEnd(String f, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = f.charAt(i);
            if (c == ',' || c == '，' || c == ':' || c == '、') {
                return i;
            }
        }
        return to;
    }

    static NumberMention firstFrom(List<NumberMention> ms, int from, int to) {
        for (NumberMention m : ms) {
            if (m.start() >= from && m.start() < to) {
                return m;
            }
        }
        return null;
    }

    static NumberMention lastFrom(List<NumberMention> ms, int from, int to) {
        NumberMention last = null;
        for (NumberMention m : ms) {
            if (m.start() >= from && m.start() < to) {
                last = m;
            }
        }
        return last;
    }

    static List<NumberMention> between(List<NumberMention> ms, int from, int to) {
        List<NumberMention> out = new ArrayList<>(2);
        for (NumberMention m : ms) {
            if (m.start() >= from && m.end() <= to) {
                out.add(m);
            }
        }
        return out;
    }

    static NumberMention lastPreferStrong(List<NumberMention> in, Set<Double> weak) {
        for (int i = in.size() - 1; i >= 0; i--) {
            if (!weak.contains(in.get(i).value())) {
                return in.get(i);
            }
        }
        return in.get(in.size() - 1);
    }

    static String label(String f, int from, int to) {
        return SPACES.matcher(f.substring(from, to).replace("*", "")).replaceAll(" ").strip();
    }
}
