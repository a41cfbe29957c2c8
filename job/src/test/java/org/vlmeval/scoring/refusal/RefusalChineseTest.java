package org.vlmeval.scoring.refusal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chinese polite declines and complying replies written for this project ({@code
 * scoring/refusal-zh-cases.tsv}, and a second set in other words, {@code
 * scoring/refusal-zh-cases-2.tsv}): at most 2% of the complying replies may be flagged, and at
 * least 95% of the declines must be caught. The misses are named in the failure message.
 */
class RefusalChineseTest {

    private final RefusalDetector detector = RefusalDetector.create();

    private record Case(boolean refusal, String text) {}

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/scoring/refusal-zh-cases.tsv, 60", "/scoring/refusal-zh-cases-2.tsv, 40"})
    void declinesAreCaughtAndAnswersAreNotFlagged(String resource, int minAnswers)
            throws IOException {
        List<Case> cases = cases(resource);
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
        assertThat(answers).isGreaterThanOrEqualTo(minAnswers);
        assertThat((double) flagged.size() / answers)
                .as("answers flagged: %s", flagged)
                .isLessThanOrEqualTo(0.02);
        assertThat(1 - (double) missed.size() / refusals)
                .as("declines missed: %s", missed)
                .isGreaterThanOrEqualTo(0.95);
    }

    private static List<Case> cases(String resource) throws IOException {
        try (InputStream in = RefusalChineseTest.class.getResourceAsStream(resource)) {
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
