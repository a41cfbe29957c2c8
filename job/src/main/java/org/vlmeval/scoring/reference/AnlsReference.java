package org.vlmeval.scoring.reference;

import org.vlmeval.scoring.text.Levenshtein;
import org.vlmeval.scoring.text.Texts;

import java.util.List;
import java.util.Locale;

/**
 * Average Normalized Levenshtein Similarity as defined for DocVQA and the Robust Reading
 * Competition: case-insensitive, whitespace-collapsed; similarity 1 - distance / longer length,
 * best over the accepted answers, and 0 when below the threshold. Correct when the score reaches
 * the threshold.
 */
public record AnlsReference(List<String> answers, double threshold) implements Reference {

    public static final double DEFAULT_THRESHOLD = 0.5;

    public AnlsReference {
        answers = List.copyOf(answers);
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("answers must not be empty");
        }
        if (!(threshold > 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("threshold must be within (0, 1], was " + threshold);
        }
    }

    @Override
    public String type() {
        return "anls";
    }

    @Override
    public AnswerMatch match(String response, String question) {
        String predicted = normalize(response);
        double best = 0.0;
        String bestAnswer = answers.get(0);
        for (String answer : answers) {
            String expected = normalize(answer);
            int length =
                    Math.max(
                            expected.codePointCount(0, expected.length()),
                            predicted.codePointCount(0, predicted.length()));
            double similarity =
                    length == 0
                            ? 1.0
                            : 1.0 - (double) Levenshtein.distance(expected, predicted) / length;
            if (similarity > best) {
                best = similarity;
                bestAnswer = answer;
            }
        }
        double score = best >= threshold ? best : 0.0;
        return new AnswerMatch(
                score > 0.0 && score >= threshold,
                score,
                String.format(
                        Locale.ROOT,
                        "anls: similarity %.3f to '%s' (threshold %s)",
                        best,
                        Explain.clip(bestAnswer),
                        Explain.number(threshold)));
    }

    private static String normalize(String s) {
        return Texts.collapseWhitespace(s.toLowerCase(Locale.ROOT));
    }
}
