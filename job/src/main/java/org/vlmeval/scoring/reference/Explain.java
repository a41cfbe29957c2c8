package org.vlmeval.scoring.reference;

/** Formatting helpers that keep explanations short. */
final class Explain {

    private static final int MAX = 60;

    private Explain() {}

    static String clip(String s) {
        if (s.length() <= MAX && isOneLine(s)) {
            return s; // what the steps below would give, without the regular expression
        }
        String oneLine = s.replaceAll("\\s+", " ").strip();
        if (oneLine.codePointCount(0, oneLine.length()) <= MAX) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, MAX)) + "…";
    }

    /**
     * True when {@code s} has no white space run for {@code \\s+} to change (only single spaces)
     * and nothing for {@code strip} to remove.
     */
    private static boolean isOneLine(String s) {
        int n = s.length();
        if (n > 0
                && (Character.isWhitespace(s.charAt(0))
                        || Character.isWhitespace(s.charAt(n - 1)))) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                return false;
            }
            if (c == ' ' && i + 1 < n && s.charAt(i + 1) == ' ') {
                return false;
            }
        }
        return true;
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
