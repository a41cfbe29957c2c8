package org.vlmeval.scoring.numeric;

import org.vlmeval.scoring.text.KeywordTable;
import org.vlmeval.scoring.text.LiteralGate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers set aside before the reading rules run, because they are not candidates for the answer: a
 * "one" that says none ("一个也没有", "not one"), list enumerators and labels ("1.", "(2)", "Step 3",
 * 图1), numbers in parentheses when another stands outside them, and numbers carrying another unit
 * of the kind the question asks for ({@code units.tsv}).
 */
final class SetAsides {

    private SetAsides() {}

    /** Words before a number that make it a label, not a quantity: "Step 2", "image 1". */
    static final Set<String> LABELS =
            Set.of(
                    "step",
                    "image",
                    "figure",
                    "fig",
                    "picture",
                    "photo",
                    "item",
                    "option",
                    "question",
                    "part",
                    "row",
                    "column",
                    "page");

    /**
     * Drops numbers inside parentheses when some number stands outside them: a parenthesis is an
     * aside ("每份（1块）含钠15毫克", "5 pieces (20 kcal each) make 100 kcal"), not the answer.
     */
    static List<NumberMention> withoutParentheticals(String f, List<NumberMention> ms) {
        int[] depth = new int[f.length() + 1];
        int d = 0;
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '(' || c == '（') {
                d++;
            }
            depth[i] = d;
            if ((c == ')' || c == '）') && d > 0) {
                d--;
            }
        }
        List<NumberMention> outside = new ArrayList<>(ms.size());
        for (NumberMention m : ms) {
            if (depth[m.start()] == 0) {
                outside.add(m);
            }
        }
        return outside.isEmpty() || outside.size() == ms.size() ? ms : outside;
    }

    // ---- absence, not even one
    // ------------------------------------------------------------------------------

    /** A statement that there are none: "none of", "no cats", "nothing", 没有, 无, 一个也没有. */
    static final Pattern ABSENCE =
            Pattern.compile(
                    "\\b(?:none|nothing|nobody|no one|not any|not a single)\\b"
                            + "|\\bno\\s+(?!(?:way|idea|longer|doubt|information|data|access|ability"
                            + "|means|clear|answer|image|picture|photo|visible information)\\b)[a-z]"
                            + "|一个也没有|一.也没有|都没有|没有(?!办法|足够|提供|看到图|图|显示清|能力|权限)"
                            + "|(?<![无])无(?!法|从|关|论|需|疑)");

    /** "一个也没有", "一辆都没有", "not one": a "one" that says there are none. */
    static final Pattern NOT_EVEN_ONE_AFTER = Pattern.compile("\\s*\\S?\\s*[也都]没");

    static final Pattern NOT_EVEN_ONE_BEFORE = Pattern.compile("\\b(?:not|not even)\\s*$");

    static List<NumberMention> withoutNotEvenOne(String f, List<NumberMention> all) {
        List<NumberMention> out = new ArrayList<>(all.size());
        for (NumberMention m : all) {
            boolean none =
                    m.value() == 1
                            && (NOT_EVEN_ONE_AFTER
                                            .matcher(f)
                                            .region(m.end(), f.length())
                                            .lookingAt()
                                    || NOT_EVEN_ONE_BEFORE
                                            .matcher(f)
                                            .region(Math.max(0, m.start() - 12), m.start())
                                            .find());
            if (!none) {
                out.add(m);
            }
        }
        return out;
    }

    // ---- other units
    // --------------------------------------------------------------------------------

    /** One row of {@code units.tsv}, compiled once: scoring runs per answer. */
    private record Unit(String name, Pattern question, LiteralGate asks, Pattern answer) {}

    /**
     * Units of one kind (temperature, mass, …) that the question may ask for by name; a number
     * carrying another unit of the same kind is not the asked quantity ("28°C, which is about 82°F"
     * for "in Fahrenheit?"). Rows of {@code units.tsv}, grouped by kind in file order.
     */
    private static final List<List<Unit>> UNIT_KINDS = loadUnits();

    private static List<List<Unit>> loadUnits() {
        Map<String, List<Unit>> kinds = new LinkedHashMap<>();
        for (String[] row : KeywordTable.rows(SetAsides.class, "units.tsv", 4)) {
            kinds.computeIfAbsent(row[0], k -> new ArrayList<>())
                    .add(
                            new Unit(
                                    row[1],
                                    Pattern.compile(row[2]),
                                    LiteralGate.of(row[2]),
                                    Pattern.compile(row[3])));
        }
        List<List<Unit>> out = new ArrayList<>();
        kinds.values().forEach(units -> out.add(List.copyOf(units)));
        return List.copyOf(out);
    }

    /**
     * Drops numbers carrying a unit of the kind the question asks for, but not the one it names,
     * when some number carries the named one.
     */
    static List<NumberMention> withoutOtherUnits(String f, List<NumberMention> ms, String q) {
        if (q.isEmpty()) {
            return ms;
        }
        for (List<Unit> kind : UNIT_KINDS) {
            int asked = -1;
            for (int u = 0; u < kind.size(); u++) {
                Unit unit = kind.get(u);
                if (unit.asks().mayMatch(q) && unit.question().matcher(q).find()) {
                    asked = asked < 0 ? u : -2;
                }
            }
            if (asked < 0) {
                continue;
            }
            List<NumberMention> kept = new ArrayList<>(ms.size());
            boolean carriesAsked = false;
            for (NumberMention m : ms) {
                boolean other = false;
                for (int u = 0; u < kind.size(); u++) {
                    Matcher um = kind.get(u).answer().matcher(f);
                    um.region(m.end(), f.length());
                    if (um.lookingAt()) {
                        if (u == asked) {
                            carriesAsked = true;
                        } else {
                            other = true;
                        }
                    }
                }
                if (!other) {
                    kept.add(m);
                }
            }
            if (carriesAsked && kept.size() < ms.size()) {
                return kept;
            }
        }
        return ms;
    }

    static List<NumberMention> withoutEnumerators(String f, List<NumberMention> all) {
        int n = all.size();
        boolean[] shaped = new boolean[n];
        boolean[] lineStart = new boolean[n];
        int lineStarts = 0;
        for (int i = 0; i < n; i++) {
            NumberMention m = all.get(i);
            if (isEnumeratorShape(f, m)) {
                shaped[i] = true;
                lineStart[i] = atLineStart(f, m.start());
                if (lineStart[i]) {
                    lineStarts++;
                }
            }
        }
        List<NumberMention> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NumberMention m = all.get(i);
            boolean enumerator = false;
            if (shaped[i]) {
                if (lineStart[i] && lineStarts >= 2) {
                    enumerator = true;
                } else {
                    for (int j = 0; j < n && !enumerator; j++) {
                        double d = all.get(j).value() - m.value();
                        enumerator = j != i && shaped[j] && (d == 1 || d == -1);
                    }
                }
            }
            if (!enumerator) {
                enumerator = isLabelled(f, m.start());
            }
            if (!enumerator) {
                out.add(m);
            }
        }
        return out;
    }

    /** "1." "1)" "(1)" "1、" "一、" followed by an item, not a decimal or the end of the text. */
    static boolean isEnumeratorShape(String f, NumberMention m) {
        double v = m.value();
        if (m.hedged() || v < 0 || v >= 100 || v != Math.rint(v) || m.surface().indexOf('%') >= 0) {
            return false;
        }
        int e = m.end();
        int n = f.length();
        if (e >= n) {
            return false;
        }
        char d = f.charAt(e);
        if (d != '.' && d != ')' && d != '、') {
            return false;
        }
        if (e + 1 >= n) {
            return false;
        }
        char next = f.charAt(e + 1);
        if (Character.isDigit(next)) {
            return false;
        }
        if (d == '、') {
            return true;
        }
        int j = e + 1;
        while (j < n && (f.charAt(j) == ' ' || f.charAt(j) == '*')) {
            j++;
        }
        return j < n && j > e + 1 && Character.isLetter(f.charAt(j))
                || (j == e + 1 && d == ')' && Character.isLetter(next));
    }

    /** "Step 2", "fig. 3", "步骤2", "图1". */
    static boolean isLabelled(String f, int start) {
        int j = start - 1;
        while (j >= 0 && (f.charAt(j) == ' ' || f.charAt(j) == '.')) {
            j--;
        }
        if (j < 0) {
            return false;
        }
        char c = f.charAt(j);
        if (c == '图' || (c == '骤' && j > 0 && f.charAt(j - 1) == '步')) {
            return true;
        }
        int end = j + 1;
        while (j >= 0 && f.charAt(j) >= 'a' && f.charAt(j) <= 'z') {
            j--;
        }
        int len = end - j - 1;
        return len >= 3 && len <= 8 && LABELS.contains(f.substring(j + 1, end));
    }

    static boolean atLineStart(String f, int start) {
        int j = start - 1;
        if (j >= 0 && f.charAt(j) == '(') {
            j--;
        }
        while (j >= 0) {
            char c = f.charAt(j);
            if (c == '\n') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '*' && c != '#' && c != '-' && c != '>' && c != '•') {
                return false;
            }
            j--;
        }
        return true;
    }

    /**
     * Sentence spans: split after . ! ? ; 。 ！ ？ ； and line breaks; a '.' between digits is a
     * decimal point.
     */
}
