package org.vlmeval.scoring.reference;

import org.vlmeval.scoring.text.YesNoReading;

import java.util.Locale;
import java.util.Optional;

/**
 * The answer to a yes/no question: the response's yes or no, read by {@link YesNoReading} ("Yes,
 * …", "There is no dog", "X is not the maximum", 图中没有狗, "… Therefore, the answer is no"), must be
 * {@code answer}.
 *
 * @param answer "yes" or "no" (also accepted when built: 是 / 否, true / false)
 */
public record YesNoReference(String answer) implements Reference {

    public YesNoReference {
        answer = canonical(answer);
    }

    private static String canonical(String answer) {
        String a = answer.strip().toLowerCase(Locale.ROOT);
        return switch (a) {
            case "yes", "是", "true", "y" -> "yes";
            case "no", "否", "false", "n" -> "no";
            default ->
                    throw new IllegalArgumentException(
                            "answer must be yes or no, got '" + answer + "'");
        };
    }

    @Override
    public String type() {
        return "yesno";
    }

    /** {@code yesno:yes} or {@code yesno:no}, however worded; the text when neither is read. */
    @Override
    public String reading(String response, String question) {
        return YesNoReading.read(response, question)
                .map(r -> r.yes() ? "yesno:yes" : "yesno:no")
                .orElseGet(() -> Reference.super.reading(response, question));
    }

    @Override
    public AnswerMatch match(String response, String question) {
        Optional<YesNoReading.Read> read = YesNoReading.read(response, question);
        if (read.isEmpty()) {
            return AnswerMatch.of(false, "yesno: no yes or no found, expected " + answer);
        }
        String said = read.get().yes() ? "yes" : "no";
        return AnswerMatch.of(
                        said.equals(answer),
                        "yesno: read " + said + " (" + read.get().rule() + "), expected " + answer)
                .withReading("yesno:" + said);
    }
}
