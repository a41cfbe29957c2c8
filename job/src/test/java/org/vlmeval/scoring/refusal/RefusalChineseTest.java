package org.vlmeval.scoring.refusal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chinese polite declines and complying replies written for this project ({@code
 * scoring/refusal-zh-cases.tsv}): at most 2% of the complying replies may be flagged, and at least
 * 95% of the declines must be caught. The misses are named in the failure message.
 */
class RefusalChineseTest {

    private final RefusalDetector detector = RefusalDetector.create();

    private record Case(boolean refusal, String text) {}

    @Test
    void declinesAreCaughtAndAnswersAreNotFlagged() throws IOException {
        List<Case> cases = cases();
        List<String> missed = new ArrayList<>();
        List<String> flagged = new ArrayList<>();
        int refusals = 0;
        for (Case c : cases) {
            boolean refused = detector.detect(c.text(), "stop").refused();
            if (c.refusal()) {
                refusals++;
                if (!refused) {
                    missed.add(c.text());
                }
            } else if (refused) {
                flagged.add(c.text() + " (" + detector.matchingRules(c.text()) + ")");
            }
        }
        int answers = cases.size() - refusals;
        assertThat(refusals).isGreaterThanOrEqualTo(40);
        assertThat(answers).isGreaterThanOrEqualTo(60);
        assertThat((double) flagged.size() / answers)
                .as("answers flagged: %s", flagged)
                .isLessThanOrEqualTo(0.02);
        assertThat(1 - (double) missed.size() / refusals)
                .as("declines missed: %s", missed)
                .isGreaterThanOrEqualTo(0.95);
    }

    private static List<Case> cases() throws IOException {
        try (InputStream in =
                RefusalChineseTest.class.getResourceAsStream("/scoring/refusal-zh-cases.tsv")) {
            List<Case> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", 2);
                out.add(new Case(cols[0].equals("refusal"), cols[1]));
            }
            return out;
        }
    }
}
