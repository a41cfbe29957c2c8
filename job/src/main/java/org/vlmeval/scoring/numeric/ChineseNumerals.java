package org.vlmeval.scoring.numeric;

/**
 * Chinese numerals: 零 〇 一 二 两 三 四 五 六 七 八 九 with the units 十 百 千 万 亿 and the decimal point 点.
 *
 * <p>Reads 七 → 7, 十五 → 15, 二十一 → 21, 一百零五 → 105, 一百一十 → 110, 两千三百 → 2300, 三万五千 → 35000, 一亿三千万 →
 * 130000000, 三点五 → 3.5, and the colloquial trailing digit 一百五 → 150, 三万五 → 35000. A run of digits
 * without units is read positionally (二〇二三 → 2023). Finding numerals in running text, and telling
 * them from words such as 一些 or 第一, is {@link NumberScanner}'s job.
 */
public final class ChineseNumerals {

    private ChineseNumerals() {}

    /** The digit value of {@code c} (零 〇 → 0, 一 → 1, 两 二 → 2, ...), or -1. */
    public static int digit(char c) {
        switch (c) {
            case '零':
            case '〇':
                return 0;
            case '一':
                return 1;
            case '二':
            case '两':
                return 2;
            case '三':
                return 3;
            case '四':
                return 4;
            case '五':
                return 5;
            case '六':
                return 6;
            case '七':
                return 7;
            case '八':
                return 8;
            case '九':
                return 9;
            default:
                return -1;
        }
    }

    /** The unit value of {@code c} (十 → 10 ... 亿 → 10^8), or 0. */
    public static long unit(char c) {
        switch (c) {
            case '十':
                return 10L;
            case '百':
                return 100L;
            case '千':
                return 1_000L;
            case '万':
                return 10_000L;
            case '亿':
                return 100_000_000L;
            default:
                return 0L;
        }
    }

    /** True for a digit or unit char (not 点). */
    public static boolean isNumeralChar(char c) {
        return digit(c) >= 0 || unit(c) != 0;
    }

    /**
     * The value of {@code s}, which must consist only of numerals (and at most one 点 followed by
     * digits); NaN when it is not a well-formed number.
     */
    public static double parse(CharSequence s) {
        int len = s.length();
        if (len == 0 || len > 24) {
            return Double.NaN;
        }
        int dot = -1;
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) == '点') {
                if (dot >= 0) {
                    return Double.NaN;
                }
                dot = i;
            }
        }
        if (dot < 0) {
            long v = parseInteger(s, 0, len);
            return v < 0 ? Double.NaN : v;
        }
        if (dot == 0 || dot == len - 1) {
            return Double.NaN;
        }
        long whole = parseInteger(s, 0, dot);
        if (whole < 0) {
            return Double.NaN;
        }
        StringBuilder digits = new StringBuilder(len - dot + 2).append("0.");
        for (int i = dot + 1; i < len; i++) {
            char c = s.charAt(i);
            int d = digit(c);
            if (d < 0 || c == '两') {
                return Double.NaN;
            }
            digits.append((char) ('0' + d));
        }
        return whole + Double.parseDouble(digits.toString());
    }

    /** The integer written in {@code s[from, to)}, or -1 when it is not well formed. */
    static long parseInteger(CharSequence s, int from, int to) {
        if (from >= to) {
            return -1;
        }
        boolean hasUnit = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (unit(c) != 0) {
                hasUnit = true;
            } else if (digit(c) < 0) {
                return -1;
            }
        }
        if (!hasUnit) {
            if (to - from == 1) {
                return digit(s.charAt(from));
            }
            long v = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c == '两') {
                    return -1;
                }
                v = v * 10 + digit(c);
            }
            return v;
        }
        long result = 0; // 亿 level
        long section = 0; // 万 level
        long num = 0; // below 万
        int pending = -1; // a digit waiting for its unit
        long lastUnit = 0; // the last unit seen, for 一百五 → 150
        long lastSmall = 0; // the last of 十 百 千 in this section, to reject 三百四千
        boolean zeroSinceUnit = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int d = digit(c);
            if (d == 0) {
                if (pending >= 0) {
                    return -1;
                }
                zeroSinceUnit = true;
                continue;
            }
            if (d > 0) {
                if (pending >= 0) {
                    return -1;
                }
                pending = d;
                continue;
            }
            long u = unit(c);
            if (u <= 1_000L) {
                if (pending < 0) {
                    if (u != 10L) {
                        return -1;
                    }
                    pending = 1;
                }
                if (lastSmall != 0 && u >= lastSmall) {
                    return -1;
                }
                num += pending * u;
                lastSmall = u;
            } else if (u == 10_000L) {
                long v = num + Math.max(pending, 0);
                if (v == 0 || section != 0) {
                    return -1;
                }
                section = v * u;
                num = 0;
                lastSmall = 0;
            } else {
                long v = section + num + Math.max(pending, 0);
                if (v == 0 || result != 0) {
                    return -1;
                }
                result = v * u;
                section = 0;
                num = 0;
                lastSmall = 0;
            }
            pending = -1;
            lastUnit = u;
            zeroSinceUnit = false;
        }
        long tail = 0;
        if (pending > 0) {
            tail = !zeroSinceUnit && lastUnit >= 100 ? pending * (lastUnit / 10) : pending;
        }
        return result + section + num + tail;
    }
}
