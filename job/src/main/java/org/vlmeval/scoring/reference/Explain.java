package org.vlmeval.scoring.reference;

/** Formatting helpers that keep explanations short. */
final class Explain {

    private static final int MAX = 60;

    private Explain() {}

    static String clip(String s) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        if (oneLine.codePointCount(0, oneLine.length()) <= MAX) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, MAX)) + "…";
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
