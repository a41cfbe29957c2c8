package org.vlmeval.cli;

import org.vlmeval.scoring.reference.ExactReference;
import org.vlmeval.scoring.reference.NumericReference;
import org.vlmeval.scoring.reference.Reference;
import org.vlmeval.scoring.reference.YesNoReference;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ChartQA's relaxed accuracy, as pix2struct computes it (and eva-chartqa's {@code
 * relaxed_correctness}, which copies it): a number within 5% of a non-zero numeric target, else the
 * same text ignoring case. Python's {@code float()} decides what is a number, and a trailing '%'
 * divides by 100 on both sides. Ported to judge each line the way the benchmark does, so that our
 * scorer can be compared with it line by line.
 */
final class ChartQaRelaxed {

    private ChartQaRelaxed() {}

    static final double MAX_RELATIVE_CHANGE = 0.05;

    /**
     * What Python's float() accepts (without digit underscores, which chart answers do not use).
     */
    private static final Pattern PY_FLOAT =
            Pattern.compile(
                    "[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:inf|infinity|nan))");

    /** The benchmark's judgement of one prediction. */
    static boolean correct(String target, String prediction) {
        String p = pythonStrip(prediction);
        String t = pythonStrip(target);
        Double pf = toFloat(p);
        Double tf = toFloat(t);
        if (pf != null && tf != null && tf != 0.0) {
            return Math.abs(pf - tf) / Math.abs(tf) <= MAX_RELATIVE_CHANGE;
        }
        return p.toLowerCase(Locale.ROOT).equals(t.toLowerCase(Locale.ROOT));
    }

    /**
     * Our reference for a target: yes/no targets as {@code yesno}; numeric targets as {@code
     * numeric} with the benchmark's 5% tolerance, the number read as written ("62%" is 62, as our
     * reader reads percentages); anything else as {@code exact}.
     */
    static Reference reference(String target) {
        String t = pythonStrip(target);
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("yes") || lower.equals("no")) {
            return new YesNoReference(lower);
        }
        String number = t.endsWith("%") ? t.substring(0, t.length() - 1).strip() : t;
        Double v = pythonFloat(number);
        if (v != null && Double.isFinite(v)) {
            return new NumericReference(v, Math.abs(v) * MAX_RELATIVE_CHANGE);
        }
        return new ExactReference(List.of(t));
    }

    private static Double toFloat(String text) {
        boolean percent = text.endsWith("%");
        String s = percent ? stripTrailing(text, '%') : text;
        Double v = pythonFloat(s);
        return v == null ? null : percent ? v / 100.0 : v;
    }

    /** Python's float(s), or null where it raises ValueError. */
    private static Double pythonFloat(String text) {
        String s = pythonStrip(text); // float() strips white space itself
        if (!PY_FLOAT.matcher(s).matches()) {
            return null;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.endsWith("nan")) {
            return Double.NaN;
        }
        if (lower.endsWith("inf") || lower.endsWith("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(s);
    }

    private static String stripTrailing(String s, char c) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == c) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String pythonStrip(String s) {
        return org.vlmeval.scoring.text.Texts.pythonStrip(s);
    }
}
