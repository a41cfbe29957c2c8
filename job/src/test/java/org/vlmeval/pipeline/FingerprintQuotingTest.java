package org.vlmeval.pipeline;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fingerprints in state were made with Jackson's string quoting; the hand-written quoting must give
 * the same text for every string, or a re-delivery after an upgrade would look like a conflict.
 */
class FingerprintQuotingTest {

    @Test
    void quotesEveryStringAsJacksonDoes() {
        Random random = new Random(7);
        String alphabet =
                "ab \"\\/\n\t\r\b\f\u0000\u0001\u001f\u007f\u00e9\u4e2d\ud83d\ude00\ud800";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(12);
            for (int k = 0; k < n; k++) {
                s.append(
                        random.nextInt(4) == 0
                                ? (char) random.nextInt(0x80)
                                : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            assertThat(Fingerprint.quoted(text, new StringBuilder()).toString())
                    .as(text)
                    .isEqualTo(TextNode.valueOf(text).toString());
        }
    }
}
