package org.vlmeval.scoring.refusal;

import org.vlmeval.scoring.text.Texts;

/**
 * Where literals first occur in one text, looked up once however many rules ask. Rules share most
 * of their anchors and needed words ("i ", "we ", "not "), and a literal that is absent costs a
 * scan of the whole text, so each is scanned for once per text instead of once per rule. Literals
 * are known by the number {@link RefusalRules} gave them ({@link Prefilter#numbered}); a negative
 * number means "not shared", looked up every time. One instance per text; not thread-safe.
 */
final class LiteralScan {

    private final String text;

    /** 0 = not looked at yet, 1 = no CJK character, 2 = some. */
    private byte cjk;

    /** Per literal number: 0 = not looked up yet, otherwise first index + 2 (1 = absent). */
    private final int[] first;

    LiteralScan(String text, int literals) {
        this.text = text;
        this.first = new int[literals];
    }

    String text() {
        return text;
    }

    /** Whether the text holds a CJK character; one pass, the first time it is asked. */
    boolean hasCjk() {
        if (cjk == 0) {
            cjk = hasCjk(text) ? (byte) 2 : (byte) 1;
        }
        return cjk == 2;
    }

    static boolean hasCjk(String s) {
        return Texts.mayHoldCjk(s);
    }

    /** As {@link String#indexOf(String, int)} for the literal numbered {@code id}. */
    int indexOf(int id, String literal, int from) {
        if (id < 0) {
            return text.indexOf(literal, from);
        }
        int f = first[id] - 2;
        if (f == -2) {
            f = text.indexOf(literal);
            first[id] = f + 2;
        }
        return f < 0 || f >= from ? f : text.indexOf(literal, from);
    }
}
