package org.vlmeval.scoring.text;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ContainsHanTest {

    /** The shortcut's premise, over every code point. */
    @Test
    void noCodePointBelowTheFirstHanBlockIsHan() {
        for (int cp = 0; cp < Texts.FIRST_HAN; cp++) {
            assertThat(Character.UnicodeScript.of(cp))
                    .as("U+%04X", cp)
                    .isNotEqualTo(Character.UnicodeScript.HAN);
        }
    }

    @Test
    void agreesWithAScriptLookupOfEveryCodePoint() {
        Random random = new Random(3);
        int[] pool = {
            'a', ' ', 'é', 0x2E7F, 0x2E80, 0x3005, 0x3042, 0x4E00, 0x9FFF, 0xFF21, 0xD800, 0xDC00,
            0x20000, 0x1F600, 0x1D49C, 0x3400
        };
        for (int i = 0; i < 100_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(8);
            for (int k = 0; k < n; k++) {
                int cp =
                        random.nextInt(3) == 0
                                ? random.nextInt(0x30000)
                                : pool[random.nextInt(pool.length)];
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    s.append((char) cp); // lone surrogates too
                } else {
                    s.appendCodePoint(cp);
                }
            }
            boolean expected =
                    s.codePoints()
                            .anyMatch(
                                    cp ->
                                            Character.UnicodeScript.of(cp)
                                                    == Character.UnicodeScript.HAN);
            assertThat(Texts.containsHan(s)).as(s.toString()).isEqualTo(expected);
        }
    }
}
