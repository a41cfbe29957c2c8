package org.vlmeval.scoring.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

/**
 * Reads the LaTeX that models write into answers as what it renders: {@code $…$}, {@code \(…\)} and
 * {@code \[…\]} delimiters dropped, {@code \text{x}} → x, {@code \textbf{D}} → {@code **D**},
 * {@code \cdot} and {@code \times} → ×, {@code \%} → %, {@code ^\circ} → °, {@code 1{,}000} →
 * 1,000. Fractions and roots of plain numbers either stay readable as text ({@code \frac{1}{2}} →
 * 1/2, {@code \sqrt{13}} → sqrt(13), for comparing with an option written the same way) or become
 * their value (0.5, 3.60555…, for reading a number). {@code \boxed{…}} is kept, with its content
 * rendered, because the readers treat a box as the answer's marker.
 *
 * <p>A text without a backslash or a dollar sign is returned as it is, so plain answers cost one
 * scan. A lone dollar sign is currency, not math: only {@code $x$} pairs whose opening sign is not
 * followed by a space and whose closing one is not preceded by a space nor followed by a digit are
 * math ("from $5 to $10" stays as written).
 */
public final class Latex {

    private Latex() {}

    /** Renders for comparing text: fractions and roots stay symbolic (1/2, sqrt(13)). */
    public static String toText(String s) {
        return render(s, false);
    }

    /** Renders for reading numbers: fractions and roots of plain numbers become their value. */
    public static String toNumbers(String s) {
        return render(s, true);
    }

    /** Commands whose one argument is shown as it is. */
    private static final java.util.Set<String> PLAIN_ARGUMENT =
            java.util.Set.of(
                    "text",
                    "textrm",
                    "textit",
                    "textsf",
                    "texttt",
                    "mathrm",
                    "mathit",
                    "mathsf",
                    "mathtt",
                    "mathnormal",
                    "mbox",
                    "operatorname",
                    "emph",
                    "underline",
                    "hat",
                    "overline",
                    "vec",
                    "displaystyle",
                    "mathcal",
                    "mathbb");

    /** Commands whose one argument is emphasised, written as Markdown bold for the readers. */
    private static final java.util.Set<String> BOLD_ARGUMENT =
            java.util.Set.of("textbf", "mathbf", "bm", "boldsymbol", "pmb");

    private static final java.util.Set<String> FRACTIONS =
            java.util.Set.of("frac", "dfrac", "tfrac", "cfrac");

    /** Commands that stand for a symbol or for nothing. */
    private static final Map<String, String> SYMBOLS =
            Map.ofEntries(
                    Map.entry("cdot", " × "),
                    Map.entry("times", " × "),
                    Map.entry("div", " ÷ "),
                    Map.entry("pm", "±"),
                    Map.entry("approx", " ≈ "),
                    Map.entry("neq", " ≠ "),
                    Map.entry("ne", " ≠ "),
                    Map.entry("leq", " ≤ "),
                    Map.entry("le", " ≤ "),
                    Map.entry("geq", " ≥ "),
                    Map.entry("ge", " ≥ "),
                    Map.entry("circ", "°"),
                    Map.entry("degree", "°"),
                    Map.entry("pi", "π"),
                    Map.entry("infty", "∞"),
                    Map.entry("quad", " "),
                    Map.entry("qquad", " "),
                    Map.entry("left", ""),
                    Map.entry("right", ""),
                    Map.entry("big", ""),
                    Map.entry("Big", ""),
                    Map.entry("ldots", "…"),
                    Map.entry("dots", "…"),
                    Map.entry("cdots", "…"),
                    Map.entry("colon", ":"),
                    Map.entry("to", " → "),
                    Map.entry("rightarrow", " → "),
                    Map.entry("Rightarrow", " ⇒ "),
                    Map.entry("implies", " ⇒ "),
                    Map.entry("therefore", " therefore "));

    private static String render(String s, boolean numbers) {
        if (s.indexOf('\\') < 0 && s.indexOf('$') < 0) {
            return s;
        }
        String unfenced = dropMathDelimiters(s);
        boolean math = !unfenced.equals(s);
        if (!hasCommand(unfenced) && !(math && unfenced.indexOf('{') >= 0)) {
            return unfenced; // braces outside math and without a command are text ("{a, b}")
        }
        StringBuilder out = new StringBuilder(unfenced.length());
        new Renderer(unfenced, numbers).run(0, unfenced.length(), out);
        return out.toString();
    }

    /** Whether a backslash starts a command ("\\frac") or escapes a symbol ("\\%"). */
    private static boolean hasCommand(String s) {
        for (int i = s.indexOf('\\'); i >= 0 && i + 1 < s.length(); i = s.indexOf('\\', i + 1)) {
            char c = s.charAt(i + 1);
            if (isAsciiLetter(c) || "%$#&_{},;:! ".indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Drops $$ … $$, $ … $ (math, not currency), \( \) and \[ \]. */
    static String dropMathDelimiters(String s) {
        String t =
                s.replace("\\(", " ").replace("\\)", " ").replace("\\[", " ").replace("\\]", " ");
        t = t.replace("$$", " ");
        if (t.indexOf('$') < 0) {
            return t;
        }
        StringBuilder out = new StringBuilder(t.length());
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '$' && !escaped(t, i)) {
                int close = closingDollar(t, i);
                if (close > 0) {
                    out.append(t, i + 1, close);
                    i = close + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean escaped(String t, int i) {
        return i > 0 && t.charAt(i - 1) == '\\';
    }

    /** The index of the dollar that closes math opened at {@code open}, or -1 (currency). */
    private static int closingDollar(String t, int open) {
        if (open + 1 >= t.length() || Character.isWhitespace(t.charAt(open + 1))) {
            return -1;
        }
        for (int j = open + 1; j < t.length(); j++) {
            char c = t.charAt(j);
            if (c == '\n') {
                return -1;
            }
            if (c == '$' && !escaped(t, j)) {
                boolean spaceBefore = Character.isWhitespace(t.charAt(j - 1));
                boolean digitAfter = j + 1 < t.length() && Character.isDigit(t.charAt(j + 1));
                return spaceBefore || digitAfter ? -1 : j;
            }
        }
        return -1;
    }

    /** A one-pass reader of commands, groups and scripts. */
    private static final class Renderer {
        private final String s;
        private final boolean numbers;

        Renderer(String s, boolean numbers) {
            this.s = s;
            this.numbers = numbers;
        }

        /** Renders s[from, to) into out. */
        void run(int from, int to, StringBuilder out) {
            int i = from;
            while (i < to) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i = command(i, to, out);
                } else if (c == '{' || c == '}') {
                    i++; // grouping only: "1{,}000" is 1,000
                } else if (c == '^' && i + 1 < to) {
                    i = superscript(i + 1, to, out);
                } else if (c == '~') {
                    out.append(' ');
                    i++;
                } else {
                    out.append(c);
                    i++;
                }
            }
        }

        private int superscript(int at, int to, StringBuilder out) {
            int end = argumentEnd(at, to);
            String arg = render(at, end);
            if (arg.strip().equals("°")) {
                out.append('°');
            } else {
                out.append('^').append(arg);
            }
            return end;
        }

        private int command(int at, int to, StringBuilder out) {
            int j = at + 1;
            if (j >= to) {
                out.append('\\');
                return to;
            }
            if (!isAsciiLetter(s.charAt(j))) {
                char sym = s.charAt(j);
                if (sym == '%' || sym == '$' || sym == '#' || sym == '&' || sym == '_') {
                    out.append(sym);
                } else if (sym == '{' || sym == '}') {
                    out.append(sym);
                } else if (sym == ',' || sym == ';' || sym == ':' || sym == ' ') {
                    out.append(' ');
                } else if (sym != '!') {
                    out.append(sym);
                }
                return j + 1;
            }
            while (j < to && isAsciiLetter(s.charAt(j))) {
                j++;
            }
            String name = s.substring(at + 1, j);
            int k = skipSpaces(j, to);
            if (name.equals("boxed")) {
                int end = argumentEnd(k, to);
                out.append("\\boxed{")
                        .append(render(contentStart(k), contentEnd(k, end)))
                        .append('}');
                return end;
            }
            if (PLAIN_ARGUMENT.contains(name)) {
                int end = argumentEnd(k, to);
                out.append(render(contentStart(k), contentEnd(k, end)));
                return end;
            }
            if (BOLD_ARGUMENT.contains(name)) {
                int end = argumentEnd(k, to);
                out.append("**").append(render(contentStart(k), contentEnd(k, end)).strip());
                out.append("**");
                return end;
            }
            if (FRACTIONS.contains(name)) {
                int e1 = argumentEnd(k, to);
                int k2 = skipSpaces(e1, to);
                int e2 = argumentEnd(k2, to);
                String a = render(contentStart(k), contentEnd(k, e1)).strip();
                String b = render(contentStart(k2), contentEnd(k2, e2)).strip();
                out.append(fraction(a, b));
                return e2;
            }
            if (name.equals("sqrt")) {
                String index = null;
                if (k < to && s.charAt(k) == '[') {
                    int close = s.indexOf(']', k);
                    if (close > 0 && close < to) {
                        index = render(k + 1, close).strip();
                        k = skipSpaces(close + 1, to);
                    }
                }
                int end = argumentEnd(k, to);
                out.append(root(index, render(contentStart(k), contentEnd(k, end)).strip()));
                return end;
            }
            String symbol = SYMBOLS.get(name);
            if (symbol != null) {
                out.append(symbol);
                return j;
            }
            // Unknown command: keep its name as a word, so nothing is silently lost.
            out.append(name);
            return j;
        }

        private String render(int from, int to) {
            StringBuilder b = new StringBuilder(Math.max(0, to - from));
            run(from, to, b);
            return b.toString();
        }

        private String fraction(String a, String b) {
            Double x = plainNumber(a);
            Double y = plainNumber(b);
            if (numbers && x != null && y != null && y != 0) {
                return decimal(x / y);
            }
            if (x != null && y != null) {
                return a + "/" + b;
            }
            return "(" + a + ")/(" + b + ")";
        }

        private String root(String index, String a) {
            Double x = plainNumber(a);
            Double n = index == null ? Double.valueOf(2) : plainNumber(index);
            if (numbers && x != null && n != null && x >= 0 && n > 0) {
                return decimal(Math.pow(x, 1 / n));
            }
            return (index == null ? "sqrt" : "root" + index) + "(" + a + ")";
        }

        /** The end of one argument at {@code at}: a balanced {…} group or one character. */
        private int argumentEnd(int at, int to) {
            if (at >= to) {
                return to;
            }
            if (s.charAt(at) != '{') {
                if (s.charAt(at) == '\\') {
                    int j = at + 1;
                    while (j < to && isAsciiLetter(s.charAt(j))) {
                        j++;
                    }
                    return Math.max(j, at + 2);
                }
                return at + 1;
            }
            int depth = 0;
            for (int j = at; j < to; j++) {
                char c = s.charAt(j);
                if (c == '{' && !escapedAt(j)) {
                    depth++;
                } else if (c == '}' && !escapedAt(j)) {
                    depth--;
                    if (depth == 0) {
                        return j + 1;
                    }
                }
            }
            return to;
        }

        private boolean escapedAt(int j) {
            return j > 0 && s.charAt(j - 1) == '\\';
        }

        private int contentStart(int at) {
            return at < s.length() && s.charAt(at) == '{' ? at + 1 : at;
        }

        private int contentEnd(int at, int end) {
            return at < s.length()
                            && s.charAt(at) == '{'
                            && end > at + 1
                            && s.charAt(end - 1) == '}'
                    ? end - 1
                    : end;
        }

        private int skipSpaces(int j, int to) {
            while (j < to && s.charAt(j) == ' ') {
                j++;
            }
            return j;
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** A plain decimal number ("12", "-0.5", "1,000"), or null for anything else. */
    private static Double plainNumber(String t) {
        String u = t.replace(",", "").strip();
        if (u.isEmpty() || u.length() > 20) {
            return null;
        }
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (!(Character.isDigit(c) || c == '.' || (i == 0 && (c == '-' || c == '+')))) {
                return null;
            }
        }
        try {
            return Double.valueOf(u);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Ten significant digits, no exponent, no trailing zeros: 0.75, 3.605551275, -0.5. */
    private static String decimal(double v) {
        return new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    }
}
