package org.vlmeval.scoring.text;

/** Edit distance over Unicode code points (as Python counts characters), in O(min(n, m)) memory. */
public final class Levenshtein {

    private Levenshtein() {}

    public static int distance(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        if (x.length < y.length) {
            int[] t = x;
            x = y;
            y = t;
        }
        int[] prev = new int[y.length + 1];
        int[] cur = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= y.length; j++) {
                int substitute = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.length];
    }
}
