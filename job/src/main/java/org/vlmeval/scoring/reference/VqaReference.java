package org.vlmeval.scoring.reference;

import org.vlmeval.scoring.text.VqaNormalizer;

import java.util.List;

/**
 * Standard VQA accuracy over (usually ten) human answers: after the official normalization of the
 * answer and of every human answer, the mean over the leave-one-out subsets of min(1, matches / 3).
 * Correct when the accuracy is 1, i.e. at least three other humans gave the same answer in every
 * subset.
 */
public record VqaReference(List<String> answers) implements Reference {

    public VqaReference {
        answers = List.copyOf(answers);
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("answers must not be empty");
        }
    }

    @Override
    public String type() {
        return "vqa";
    }

    @Override
    public String reading(String response, String question) {
        return "text:" + VqaNormalizer.normalize(response);
    }

    @Override
    public AnswerMatch match(String response, String question) {
        String predicted = VqaNormalizer.normalize(response);
        int n = answers.size();
        String[] human = new String[n];
        int equal = 0;
        // The ten human answers repeat themselves (six "racing", two "motocross"…): each distinct
        // one is normalised once.
        for (int i = 0; i < n; i++) {
            String answer = answers.get(i);
            String h = null;
            for (int j = 0; j < i; j++) {
                if (answers.get(j).equals(answer)) {
                    h = human[j];
                    break;
                }
            }
            human[i] = h != null ? h : VqaNormalizer.normalize(answer);
            if (human[i].equals(predicted)) {
                equal++;
            }
        }
        // Each subset leaves one human answer out; count in thirds so the mean is one division.
        int thirds = 0;
        for (int i = 0; i < n; i++) {
            int matchesInSubset = equal - (human[i].equals(predicted) ? 1 : 0);
            thirds += Math.min(3, matchesInSubset);
        }
        double accuracy = n == 1 ? (equal == 1 ? 1.0 : 0.0) : thirds / (3.0 * n);
        return new AnswerMatch(
                accuracy >= 1.0,
                accuracy,
                "vqa: '" + Explain.clip(predicted) + "' matches " + equal + " of " + n + " answers",
                "text:" + predicted);
    }
}
