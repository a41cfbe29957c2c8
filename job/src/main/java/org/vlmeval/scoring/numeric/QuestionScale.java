package org.vlmeval.scoring.numeric;

import org.vlmeval.scoring.text.KeywordTable;
import org.vlmeval.scoring.text.LiteralGate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The scale a question asks its answer in ("population in thousands?", "多少亿元？"), from {@code
 * scales.tsv}. A number the response writes with a scale word is then given in that scale: "about
 * 2,300 thousand" is 2300 thousands, "2.3 million" is 2300 thousands, "12亿元" is 12 亿. A number
 * written without a scale word ("2300") is taken as already in the asked scale, which is how
 * benchmarks write their gold answers.
 */
final class QuestionScale {

    private QuestionScale() {}

    /**
     * One row of {@code scales.tsv}, compiled once, with the literals its question pattern needs
     * (most questions name no scale: a miss is then a few {@code contains}, not a regex scan).
     */
    private record Scale(
            String name, double factor, Pattern question, LiteralGate asks, Pattern written) {}

    private static final List<Scale> SCALES = load();

    private static List<Scale> load() {
        List<Scale> out = new ArrayList<>();
        for (String[] row : KeywordTable.rows(QuestionScale.class, "scales.tsv", 4)) {
            out.add(
                    new Scale(
                            row[0],
                            Double.parseDouble(row[1]),
                            Pattern.compile(row[2]),
                            LiteralGate.of(row[2]),
                            Pattern.compile(row[3])));
        }
        return List.copyOf(out);
    }

    /**
     * The chosen number in the question's scale, or the choice unchanged when the question names no
     * scale (or several) or the number carries no scale word.
     *
     * @param foldedQuestion the question, NFKC and lower case
     */
    static Choice inAskedScale(Choice c, String foldedQuestion) {
        if (foldedQuestion.isEmpty()) {
            return c;
        }
        Scale asked = null;
        for (Scale s : SCALES) {
            if (s.asks().mayMatch(foldedQuestion) && s.question().matcher(foldedQuestion).find()) {
                if (asked != null) {
                    return c; // "thousands or millions?": no single scale
                }
                asked = s;
            }
        }
        if (asked == null) {
            return c;
        }
        String written = NumberScanner.fold(c.mention().surface());
        for (Scale s : SCALES) {
            if (s.written().matcher(written).find()) {
                NumberMention m = c.mention();
                NumberMention scaled =
                        new NumberMention(
                                m.value() / asked.factor(),
                                m.start(),
                                m.end(),
                                m.surface(),
                                m.hedged());
                return new Choice(scaled, c.rule() + ", in the question's " + asked.name());
            }
        }
        return c;
    }
}
