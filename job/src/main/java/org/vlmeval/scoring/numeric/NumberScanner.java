package org.vlmeval.scoring.numeric;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the numbers written in a text, in digits, English words and Chinese numerals.
 *
 * <ul>
 *   <li>Digits: "7", "１２３" (full width), "1,234.5", "1 234" with a thin or no-break space, signs
 *       ("-3", "−3", also right after a Han character: "温度是-5℃"), "20%" → 20, magnitudes "3万" →
 *       30000, "1.5万" → 15000, "2亿", "3千" (but "100千卡" is 100 kcal), "1.5 million". Units and
 *       currency around the number are left out of it ("100kcal", "$1,200", "¥50", "50元", "USD
 *       30").
 *   <li>English words, see {@link EnglishNumberWords}.
 *   <li>Chinese numerals, see {@link ChineseNumerals}, including fractions 三分之一 and percent 百分之二十 →
 *       20.
 *   <li>Sign words before any of these: "minus 5", "negative three", 负5, 零下五 → negative ("10 minus
 *       5" and "ten minus five" are subtraction).
 * </ul>
 *
 * <p>Not reported at all: ordinals ("1st", "第一", "第3"), dates and times ("2023-10-05",
 * "10/05/2023", "10:30", "3 pm", "3点", "5月", "5号", "10月5日"), years ("2023年", "in 2023", "since
 * 1998"), weekdays (星期一, 周三), words that merely contain a numeral character (一些, 一样, 一起, 一下, 一点 "a
 * bit", 统一, 唯一, 一共, 十分 "very", 五颜六色, 三明治, 零食, ...), digits glued to a preceding letter ("H2O",
 * "mp3"), and the pronoun "one".
 *
 * <p>Reported as {@link NumberMention#hedged() hedged}: ranges and alternatives ("6-7", "6~7", "6
 * to 7", "6 or 7", "six or seven", "between 6 and 7", "6到7", "6或7", "六七个", "三两个") and
 * approximations that name no number ("十多个", "10多个", "二十余", "十几个", "几十", "十来个").
 *
 * <p>Stateless and thread-safe.
 */
public final class NumberScanner {

    private NumberScanner() {}

    private static final Pattern DATE_TIME =
            Pattern.compile(
                    "(?<![\\d.])(?:\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}"
                            + "|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}"
                            + "|\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[ap]\\.?m\\b\\.?)?"
                            + "|\\d{1,2}\\s?(?:[ap]\\.m\\.|[ap]m\\b|o'clock\\b))(?!\\d)");

    private static final Pattern YEAR_CONTEXT =
            Pattern.compile("(?:\\bin|\\bsince|\\byear|\\buntil|\\bcirca|\\bduring)\\s+$");

    private static final Map<String, Long> ENGLISH_SCALES =
            Map.of(
                    "thousand",
                    1_000L,
                    "million",
                    1_000_000L,
                    "billion",
                    1_000_000_000L,
                    "trillion",
                    1_000_000_000_000L);

    /** Words that contain a numeral character but are not numbers. */
    private static final String[] IDIOMS = {
        "一些", "一样", "一起", "一下", "一会", "一般", "一直", "一定", "一切", "一旦", "一边", "一致", "一共", "一同", "一向",
        "一再", "一方面", "一番", "一阵", "一律", "一贯", "一概", "一体", "一口气", "一面", "一时", "一眼", "一旁", "一半",
        "一模一样", "一目了然", "一系列", "一连串", "一堆", "一群", "一大堆", "一次性", "一流", "一瞬", "一路", "一带", "一齐", "一早",
        "一心", "一生", "一身", "一部分", "一来", "一看", "一丝", "一无", "一点儿", "一点点", "一块儿", "统一", "唯一", "万一",
        "之一", "其一", "同一", "单一", "不一", "一一", "专一", "逐一", "划一", "独一无二", "进一步", "一五一十", "三三两两", "十分",
        "十足", "十字", "十全十美", "七嘴八舌", "乱七八糟", "七上八下", "四周", "四处", "四面八方", "五颜六色", "五彩", "五花八门", "万物",
        "百货", "万分", "三角", "四边形", "四方形", "五角星", "六边形", "八边形", "八角", "万里", "百合", "三明治", "四川", "五花肉",
        "八宝", "九层塔", "千层", "百香果", "万寿菊", "七星", "三文鱼", "三轮车", "一心一意", "千方百计", "成千上万", "数以万计", "万紫千红",
        "一望无际", "一览无余", "一清二楚", "三心二意", "百分百", "万能", "千万", "零食", "零件", "零钱", "零售", "零星", "零散", "零碎",
        "两者", "万事", "百姓", "二手", "三维", "二维码", "三脚架", "千奇百怪", "一无所有", "零下"
    };

    /** Chars that begin an idiom. */
    private static final boolean[] IDIOM_START = new boolean[0x10000];

    /** Sorted keys (first char << 16 | second char) and the idioms with that prefix. */
    private static final int[] PREFIX_KEYS;

    private static final String[][] PREFIX_IDIOMS;

    static {
        java.util.TreeMap<Integer, List<String>> byPrefix = new java.util.TreeMap<>();
        for (String idiom : IDIOMS) {
            IDIOM_START[idiom.charAt(0)] = true;
            byPrefix.computeIfAbsent(
                            prefixKey(idiom.charAt(0), idiom.charAt(1)), k -> new ArrayList<>())
                    .add(idiom);
        }
        PREFIX_KEYS = new int[byPrefix.size()];
        PREFIX_IDIOMS = new String[byPrefix.size()][];
        int k = 0;
        for (Map.Entry<Integer, List<String>> e : byPrefix.entrySet()) {
            PREFIX_KEYS[k] = e.getKey();
            // longest first, so 一点点 wins over 一点
            PREFIX_IDIOMS[k] =
                    e.getValue().stream()
                            .sorted((x, y) -> Integer.compare(y.length(), x.length()))
                            .toArray(String[]::new);
            k++;
        }
    }

    private static int prefixKey(char a, char b) {
        return (a << 16) | b;
    }

    /** Every number in {@code text}, in order. */
    public static List<NumberMention> findAll(String text) {
        return findAll(text, fold(text));
    }

    /** Every number in {@code text}; {@code folded} is {@link #fold(String) fold(text)}. */
    static List<NumberMention> findAll(String text, String folded) {
        return findAll(text, folded, false);
    }

    /**
     * As {@link #findAll(String, String)}; with {@code years}, years ("in 1931", "1931年") are
     * numbers too: the question asks for one.
     */
    static List<NumberMention> findAll(String text, String folded, boolean years) {
        List<NumberMention> found = new ArrayList<>();
        scanDigits(text, folded, found, years);
        scanWords(text, folded, found);
        scanChinese(text, folded, found);
        found.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return mergeHedged(text, folded, withSignWords(text, folded, found));
    }

    /**
     * Same-length folding: full-width ASCII (except the full-width comma) to ASCII, ideographic
     * space to space, minus sign and en dash to '-', 〜 to '~', and lower case. Indices into the
     * result are indices into the original text.
     */
    static String fold(String s) {
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char f = foldChar(c);
            if (f != c) {
                if (out == null) {
                    out = s.toCharArray();
                }
                out[i] = f;
            }
        }
        return out == null ? s : new String(out);
    }

    private static char foldChar(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        if (c >= 0xFF01 && c <= 0xFF5E && c != 0xFF0C) {
            char a = (char) (c - 0xFEE0);
            return a >= 'A' && a <= 'Z' ? (char) (a + 32) : a;
        }
        switch (c) {
            case '\u3000':
                return ' ';
            case '\u2212':
            case '\u2013':
            case '\u2010':
            case '\u2011':
            case '\uFE63':
                return '-';
            case '\u301C':
                return '~';
            default:
                if (c >= 0x0530) {
                    return c; // no case: CJK and most scripts; Latin, Greek, Cyrillic are below
                }
                if (Character.isUpperCase(c)) {
                    char l = Character.toLowerCase(c);
                    return Character.isUpperCase(l) ? c : l;
                }
                return c;
        }
    }

    private static boolean isLatinLetter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= 0xC0 && c < 0x250 && Character.isLetter(c));
    }

    private static void scanDigits(String text, String f, List<NumberMention> out, boolean years) {
        int n = f.length();
        boolean anyDigit = false;
        for (int i = 0; i < n; i++) {
            char c = f.charAt(i);
            if (c >= '0' && c <= '9') {
                anyDigit = true;
                break;
            }
        }
        if (!anyDigit) {
            return;
        }
        Matcher dt = null;
        int i = 0;
        while (i < n) {
            char c = f.charAt(i);
            if (!isDigit(c)) {
                i++;
                continue;
            }
            int s0 = i;
            int intEnd = i;
            while (intEnd < n && isDigit(f.charAt(intEnd))) {
                intEnd++;
            }
            if (s0 > 0 && f.charAt(s0 - 1) == '.') {
                i = intEnd; // ".5" or the third part of "1.2.3"
                continue;
            }
            if (mayBeDateOrTime(f, intEnd)) {
                if (dt == null) {
                    dt = DATE_TIME.matcher(f).useTransparentBounds(true).useAnchoringBounds(false);
                }
                dt.region(s0, n);
                if (dt.lookingAt()) {
                    i = dt.end();
                    continue;
                }
            }
            boolean grouped = false;
            if (intEnd - s0 <= 3) {
                while (intEnd + 3 < n
                        && isGroupSeparator(f.charAt(intEnd))
                        && isDigit(f.charAt(intEnd + 1))
                        && isDigit(f.charAt(intEnd + 2))
                        && isDigit(f.charAt(intEnd + 3))
                        && (intEnd + 4 == n || !isDigit(f.charAt(intEnd + 4)))) {
                    intEnd += 4;
                    grouped = true;
                }
            }
            int e = intEnd;
            boolean hasFraction = false;
            if (e + 1 < n && f.charAt(e) == '.' && isDigit(f.charAt(e + 1))) {
                e += 2;
                while (e < n && isDigit(f.charAt(e))) {
                    e++;
                }
                hasFraction = true;
            }
            i = e;
            String intPart = f.substring(s0, intEnd);
            char before = s0 > 0 ? f.charAt(s0 - 1) : 0;
            if (isLatinLetter(before)
                    && !(before == 'x' && (s0 < 2 || !isLatinLetter(f.charAt(s0 - 2))))) {
                continue;
            }
            if (before == '第' || before == '#') {
                continue;
            }
            if (e + 1 < n
                    && isOrdinalSuffix(f, e)
                    && (e + 2 == n || !isLatinLetter(f.charAt(e + 2)))) {
                continue;
            }
            double v;
            try {
                String plain = grouped ? stripSeparators(intPart) : intPart;
                v = Double.parseDouble(hasFraction ? plain + f.substring(intEnd, e) : plain);
            } catch (NumberFormatException ex) {
                continue;
            }
            int start = s0;
            if (before == '-' && isSignContext(f, s0 - 1)) {
                v = -v;
                start = s0 - 1;
            }
            int end = e;
            char after = e < n ? f.charAt(e) : 0;
            char next = e + 1 < n ? f.charAt(e + 1) : 0;
            if (after == '%') {
                end = e + 1;
            } else if (after == ' ' && next == '%') {
                end = e + 2;
            } else if (after == '万' || after == '亿') {
                v *= ChineseNumerals.unit(after);
                end = e + 1;
            } else if (after == '千' && KILO_UNITS.indexOf(next) < 0) {
                v *= 1_000;
                end = e + 1;
            } else if (after == '百' && next != '分') {
                v *= 100;
                end = e + 1;
            } else if (after == ' ' && EnglishNumberWords.isLetter(next)) {
                int we = EnglishNumberWords.wordEnd(f, e + 1);
                Long scale = ENGLISH_SCALES.get(f.substring(e + 1, we));
                if (scale != null) {
                    v *= scale;
                    end = we;
                }
            }
            char a = end < n ? f.charAt(end) : 0;
            if (a == '月'
                    || a == '号'
                    || a == '点'
                    || a == '时'
                    || (a == '日' && monthBefore(f, start))) {
                continue;
            }
            boolean yearLike =
                    !hasFraction && !grouped && intPart.length() == 4 && end == e && v >= 1000;
            if (yearLike
                    && !years
                    && (a == '年'
                            || (v >= 1800
                                    && v <= 2100
                                    && YEAR_CONTEXT
                                            .matcher(f.substring(Math.max(0, start - 10), start))
                                            .find()))) {
                continue;
            }
            boolean hedged = a == '多' || a == '余' || a == '几';
            out.add(new NumberMention(v, start, end, text.substring(start, end), hedged));
        }
    }

    /** A cheap look at the char after the digits before trying {@link #DATE_TIME}. */
    private static boolean mayBeDateOrTime(String f, int intEnd) {
        if (intEnd >= f.length()) {
            return false;
        }
        char c = f.charAt(intEnd);
        if (c == ' ' && intEnd + 1 < f.length()) {
            c = f.charAt(intEnd + 1);
        }
        return c == ':' || c == '-' || c == '/' || c == '.' || c == 'a' || c == 'p' || c == 'o';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isGroupSeparator(char c) {
        return c == ',' || c == '\u00A0' || c == '\u2007' || c == '\u2009' || c == '\u202F';
    }

    private static String stripSeparators(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (isDigit(s.charAt(i))) {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }

    private static boolean isOrdinalSuffix(String f, int e) {
        char a = f.charAt(e);
        char b = f.charAt(e + 1);
        return (a == 's' && b == 't')
                || (a == 'n' && b == 'd')
                || (a == 'r' && b == 'd')
                || (a == 't' && b == 'h');
    }

    /** A '-' at {@code dash} is a sign, not a minus between two operands or a hyphen. */
    private static boolean isSignContext(String f, int dash) {
        if (dash == 0) {
            return true;
        }
        char b = f.charAt(dash - 1);
        if (isLatinLetter(b)
                || Character.isDigit(b)
                || b == ')'
                || b == ']'
                || b == '-'
                || b == '.') {
            return false;
        }
        if (b == ' ' || b == '\t') {
            int j = dash - 1;
            while (j >= 0 && (f.charAt(j) == ' ' || f.charAt(j) == '\t')) {
                j--;
            }
            if (j >= 0) {
                char p = f.charAt(j);
                return !(Character.isDigit(p) || p == ')' || p == ']');
            }
        }
        return true;
    }

    private static boolean monthBefore(String f, int start) {
        int from = Math.max(0, start - 3);
        return f.substring(from, start).indexOf('月') >= 0;
    }

    private static void scanWords(String text, String f, List<NumberMention> out) {
        int n = f.length();
        int i = 0;
        while (i < n) {
            if (!EnglishNumberWords.isLetter(f.charAt(i))
                    || (i > 0 && isLatinLetter(f.charAt(i - 1)))) {
                i++;
                continue;
            }
            int we = EnglishNumberWords.wordEnd(f, i);
            if (we - i <= 9 && (we == n || !isLatinLetter(f.charAt(we)))) {
                if (EnglishNumberWords.canStart(f, i, we)
                        && (we - i > 1 || startsAWordNumber(f, we))) {
                    EnglishNumberWords.Match m = EnglishNumberWords.parse(f, i);
                    if (m != null) {
                        out.add(
                                new NumberMention(
                                        m.value(), i, m.end(), text.substring(i, m.end())));
                        i = m.end();
                        continue;
                    }
                }
            }
            i = we;
        }
    }

    /** After "a": hundred, thousand, million, billion or dozen ("a hundred", "a dozen"). */
    private static boolean startsAWordNumber(String f, int end) {
        int p = end + 1;
        if (p >= f.length() || f.charAt(end) != ' ') {
            return false;
        }
        return f.startsWith("hundred", p)
                || f.startsWith("thousand", p)
                || f.startsWith("million", p)
                || f.startsWith("billion", p)
                || f.startsWith("dozen", p);
    }

    private static void scanChinese(String text, String f, List<NumberMention> out) {
        int n = f.length();
        int first = -1;
        for (int i = 0; i < n; i++) {
            char c = f.charAt(i);
            if (c >= '\u3007' && ChineseNumerals.isNumeralChar(c)) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return;
        }
        boolean[] masked = idiomMask(f, first);
        int i = first;
        while (i < n) {
            char c = f.charAt(i);
            if (c < '\u3007' || masked[i] || !ChineseNumerals.isNumeralChar(c)) {
                i++;
                continue;
            }
            int start = i;
            int j = runEnd(f, i, masked);
            double v;
            int end = j;
            if (f.startsWith("分之", j)
                    && j + 2 < n
                    && ChineseNumerals.isNumeralChar(f.charAt(j + 2))
                    && !masked[j + 2]) {
                int k = runEnd(f, j + 2, masked);
                double numerator = ChineseNumerals.parse(f.substring(j + 2, k));
                if (j - start == 1 && f.charAt(start) == '百') {
                    v = numerator;
                } else {
                    double denominator = ChineseNumerals.parse(f.substring(start, j));
                    v = denominator > 0 ? numerator / denominator : Double.NaN;
                }
                end = k;
            } else {
                v = ChineseNumerals.parse(f.substring(start, j));
            }
            i = end;
            if (Double.isNaN(v)) {
                continue;
            }
            char prev = start > 0 ? f.charAt(start - 1) : 0;
            if (prev == '第' || prev == '初' || prev == '周' || prev == '期' || prev == '拜') {
                continue; // ordinal, lunar day, weekday (星期一, 礼拜一)
            }
            char a = end < n ? f.charAt(end) : 0;
            if (a == '点'
                    || a == '时'
                    || a == '月'
                    || a == '号'
                    || (a == '日' && monthBefore(f, start))) {
                continue; // time, 一点 "a bit", month, day
            }
            boolean positional = end == j && isPositional(f, start, j);
            if (a == '年' && positional && j - start == 4) {
                continue; // 二〇二三年
            }
            boolean hedged =
                    prev == '几'
                            || a == '多'
                            || a == '余'
                            || a == '几'
                            || (a == '来' && ChineseNumerals.unit(f.charAt(end - 1)) != 0)
                            || (positional && j - start == 2 && !hasZero(f, start, j));
            out.add(new NumberMention(v, start, end, text.substring(start, end), hedged));
        }
    }

    private static boolean isPositional(String f, int from, int to) {
        for (int k = from; k < to; k++) {
            if (ChineseNumerals.digit(f.charAt(k)) < 0) {
                return false;
            }
        }
        return to - from > 1;
    }

    private static boolean hasZero(String f, int from, int to) {
        for (int k = from; k < to; k++) {
            if (ChineseNumerals.digit(f.charAt(k)) == 0) {
                return true;
            }
        }
        return false;
    }

    private static int runEnd(String f, int i, boolean[] masked) {
        int n = f.length();
        int j = i;
        while (j < n) {
            char ch = f.charAt(j);
            if (ChineseNumerals.isNumeralChar(ch) && !masked[j]) {
                if (j > i && isUnitPrefix(f, j)) {
                    break; // 一百千卡 is 100 kcal
                }
                j++;
            } else if (ch == '点'
                    && j > i
                    && j + 1 < n
                    && ChineseNumerals.digit(f.charAt(j + 1)) >= 0
                    && !masked[j + 1]) {
                j++;
            } else {
                break;
            }
        }
        return j;
    }

    /** 千 in 千卡 千克 千米 ... is a unit prefix (kilo), not a numeral. */
    private static boolean isUnitPrefix(String f, int j) {
        return f.charAt(j) == '千' && j + 1 < f.length() && KILO_UNITS.indexOf(f.charAt(j + 1)) >= 0;
    }

    private static final String KILO_UNITS = "卡克米瓦焦伏帕赫字";

    private static boolean[] idiomMask(String f, int first) {
        int n = f.length();
        boolean[] masked = new boolean[n];
        for (int p = Math.max(0, first - 3); p + 1 < n; p++) {
            char c = f.charAt(p);
            if (!IDIOM_START[c]) {
                continue;
            }
            int k = java.util.Arrays.binarySearch(PREFIX_KEYS, prefixKey(c, f.charAt(p + 1)));
            if (k < 0) {
                continue;
            }
            for (String idiom : PREFIX_IDIOMS[k]) {
                if (!f.startsWith(idiom, p)) {
                    continue;
                }
                if (ChineseNumerals.isNumeralChar(c)
                        && p > 0
                        && ChineseNumerals.isNumeralChar(f.charAt(p - 1))) {
                    continue; // 三千万 is a number, 千万 alone is "by all means"
                }
                if (idiom.equals("十分") && p + 2 < n && f.charAt(p + 2) == '之') {
                    continue; // 十分之一
                }
                if (idiom.equals("之一") && p > 0 && f.charAt(p - 1) == '分') {
                    continue; // 三分之一
                }
                for (int j = p; j < p + idiom.length(); j++) {
                    masked[j] = true;
                }
                p += idiom.length() - 1;
                break;
            }
        }
        return masked;
    }

    /**
     * Negates a number written after a sign word: "minus 5", "negative three", 负5, 零下五. "minus"
     * right after a number or a closing bracket is subtraction ("10 minus 5", "ten minus five").
     */
    private static List<NumberMention> withSignWords(
            String text, String f, List<NumberMention> found) {
        if (f.indexOf("minus") < 0
                && f.indexOf("negative") < 0
                && f.indexOf('负') < 0
                && f.indexOf("零下") < 0) {
            return found;
        }
        List<NumberMention> out = new ArrayList<>(found.size());
        int prevEnd = -1;
        for (NumberMention m : found) {
            int signStart = m.value() > 0 ? signWordStart(f, m.start(), prevEnd) : -1;
            prevEnd = m.end();
            if (signStart < 0) {
                out.add(m);
                continue;
            }
            out.add(
                    new NumberMention(
                            -m.value(),
                            signStart,
                            m.end(),
                            text.substring(signStart, m.end()),
                            m.hedged()));
        }
        return out;
    }

    /** Start of the sign word before a number at {@code start}, or -1. */
    private static int signWordStart(String f, int start, int prevEnd) {
        int j = start;
        while (j > 0 && f.charAt(j - 1) == ' ') {
            j--;
        }
        if (j > 0 && f.charAt(j - 1) == '负') {
            return j - 1;
        }
        if (j > 1 && f.startsWith("零下", j - 2)) {
            return j - 2;
        }
        if (j == start) {
            return -1; // "minus5" is not a sign word
        }
        for (String w : new String[] {"minus", "negative"}) {
            int w0 = j - w.length();
            if (w0 < 0 || !f.startsWith(w, w0) || (w0 > 0 && isLatinLetter(f.charAt(w0 - 1)))) {
                continue;
            }
            int k = w0;
            while (k > 0 && f.charAt(k - 1) == ' ') {
                k--;
            }
            char b = k > 0 ? f.charAt(k - 1) : 0;
            if (k == prevEnd || Character.isDigit(b) || b == ')' || b == ']' || b == '%') {
                return -1; // subtraction
            }
            return w0;
        }
        return -1;
    }

    /**
     * Joins "6-7", "6 to 7", "6 or 7", "6到7", "6或7" into one hedged mention: a range or a choice is
     * not one number.
     */
    private static List<NumberMention> mergeHedged(
            String text, String f, List<NumberMention> found) {
        if (found.size() < 2) {
            return found;
        }
        List<NumberMention> out = new ArrayList<>(found.size());
        int k = 0;
        while (k < found.size()) {
            NumberMention a = found.get(k);
            if (k + 1 < found.size()) {
                NumberMention b = found.get(k + 1);
                if (b.start() >= a.end() && isHedgeGap(f, a, b)) {
                    out.add(
                            new NumberMention(
                                    a.value(),
                                    a.start(),
                                    b.end(),
                                    text.substring(a.start(), b.end()),
                                    true));
                    k += 2;
                    continue;
                }
            }
            out.add(a);
            k++;
        }
        return out;
    }

    /** "between" right before {@code start}, or 之间/中间 right after {@code end}. */
    private static boolean isBetween(String f, int start, int end) {
        int j = start;
        while (j > 0 && f.charAt(j - 1) == ' ') {
            j--;
        }
        if (j >= 7
                && f.startsWith("between", j - 7)
                && (j == 7 || !isLatinLetter(f.charAt(j - 8)))) {
            return true;
        }
        int k = end;
        while (k < f.length() && " 个只辆人件本张名位条头种块".indexOf(f.charAt(k)) >= 0) {
            k++;
        }
        return f.startsWith("之间", k) || f.startsWith("中间", k);
    }

    private static boolean isHedgeGap(String f, NumberMention a, NumberMention b) {
        if (b.start() - a.end() > 10) {
            return false;
        }
        String gap = f.substring(a.end(), b.start()).strip();
        switch (gap) {
            case "or":
            case "或":
            case "或者":
                return a.value() != b.value();
            case "and":
            case "和":
            case "与":
                // "between 25 and 30", "在25和30之间": a range, like "25-30"
                return b.value() > a.value() && isBetween(f, a.start(), b.end());
            case "-":
            case "~":
            case "to":
            case "到":
            case "至":
                if (b.value() <= a.value()) {
                    return false;
                }
                int j = b.end();
                while (j < f.length() && f.charAt(j) == ' ') {
                    j++;
                }
                return j >= f.length() || "=+*/x×".indexOf(f.charAt(j)) < 0;
            default:
                return false;
        }
    }
}
