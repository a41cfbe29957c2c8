package org.vlmeval.sinks.files;

import java.io.Serializable;
import java.util.Comparator;

/**
 * Orders dead-letter positions ({@code topic-partition@offset}, {@code file:line}) the way a person
 * reads them: runs of digits compare as numbers, so {@code in.jsonl:9} comes before {@code
 * in.jsonl:10} and {@code t-2@5} before {@code t-10@1}. Positions equal as numbers but spelt
 * differently ({@code :07} and {@code :7}) fall back to plain string order, so the order stays
 * consistent with equals and distinct positions never merge.
 */
final class PositionOrder implements Comparator<String>, Serializable {

    static final PositionOrder INSTANCE = new PositionOrder();

    private static final long serialVersionUID = 1L;

    private PositionOrder() {}

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int ei = digitsEnd(a, i);
                int ej = digitsEnd(b, j);
                int c = compareNumbers(a.substring(i, ei), b.substring(j, ej));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    /** Compares digit strings of any length by value, without parsing (offsets can be long). */
    private static int compareNumbers(String x, String y) {
        String a = stripLeadingZeros(x);
        String b = stripLeadingZeros(y);
        int c = Integer.compare(a.length(), b.length());
        return c != 0 ? c : a.compareTo(b);
    }

    private static String stripLeadingZeros(String s) {
        int k = 0;
        while (k < s.length() - 1 && s.charAt(k) == '0') {
            k++;
        }
        return s.substring(k);
    }

    private static int digitsEnd(String s, int from) {
        int k = from;
        while (k < s.length() && isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
