package org.vlmeval.scoring.reference;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ExplainTest {

    /** The steps clip's shortcut skips, as they were. */
    private static String clipByRegex(String s) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        if (oneLine.codePointCount(0, oneLine.length()) <= 60) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, 60)) + "…";
    }

    @Test
    void clipGivesWhatTheRegularExpressionGives() {
        String[] pieces = {
            "a",
            "racing",
            " ",
            "  ",
            "\t",
            "\n",
            "\r",
            "\u000b",
            "\f",
            "\u00a0",
            "\u2003",
            "\u3000",
            "餐馆",
            "\ud83d\ude00",
            "x".repeat(30),
            "'"
        };
        Random random = new Random(15);
        for (int k = 0; k < 100_000; k++) {
            StringBuilder b = new StringBuilder();
            int parts = random.nextInt(8);
            for (int p = 0; p < parts; p++) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = b.toString();
            assertThat(Explain.clip(s)).as("'%s'", s).isEqualTo(clipByRegex(s));
        }
    }
}
