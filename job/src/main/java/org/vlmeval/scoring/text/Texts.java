package org.vlmeval.scoring.text;

import java.text.Normalizer;
import java.util.Locale;

/** Small text helpers shared by the scorers; English and Chinese aware. */
public final class Texts {

    private Texts() {}

    /**
     * NFKC (full-width letters, digits and punctuation become their ASCII forms) and lower case.
     */
    public static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** True for Han ideographs and the CJK symbols and punctuation block. */
    public static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN
                || (codePoint >= 0x3000 && codePoint <= 0x303F)
                || (codePoint >= 0xFF00 && codePoint <= 0xFFEF);
    }

    /** True when the text contains at least one Han ideograph. */
    public static boolean containsHan(CharSequence s) {
        // Most answers are Latin text: characters below the first Han block are passed by one
        // comparison instead of a script lookup per code point (a stream over code points was
        // 3% of scoring a mixed answer).
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < FIRST_HAN) {
                continue;
            }
            int cp = Character.codePointAt(s, i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                return true;
            }
            if (Character.isSupplementaryCodePoint(cp)) {
                i++;
            }
        }
        return false;
    }

    /**
     * The first CJK code unit (U+2E80, CJK Radicals Supplement): radicals, ideographs, kana, Hangul
     * and full-width forms are at or above it, and so are all surrogates; no code point below it is
     * of the Han script.
     */
    public static final char FIRST_HAN = '\u2E80';

    /**
     * False when {@code s} certainly holds no CJK character (nothing at or above {@link
     * #FIRST_HAN}): one comparison per char, the cheap test before any Han or Chinese rule.
     */
    public static boolean mayHoldCjk(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= FIRST_HAN) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whitespace as Python's {@code str.split()} sees it: Java's whitespace plus the no-break
     * spaces, which reference implementations written in Python also split on.
     */
    public static boolean isPythonSpace(int cp) {
        return Character.isWhitespace(cp)
                || cp == 0x00A0
                || cp == 0x2007
                || cp == 0x202F
                || cp == 0x0085;
    }

    /** Python's {@code str.strip()}. */
    public static String pythonStrip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPythonSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * Python's {@code ' '.join(s.split())}: trims and collapses every whitespace run to one space.
     */
    public static String collapseWhitespace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isPythonSpace(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
