package org.vlmeval.scoring.numeric;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An explicit answer marker — "the answer is", "answer:", "answer would be", "final answer", {@code
 * \\boxed{}}, 答案是, 答案为, 答案：, 答：, 最终答案: the first number after the last marker that has one, within
 * the marker's sentence (or the next sentence when the marker ends its sentence, as in
 * "Answer:\n7").
 */
final class AnswerMarkerRule implements NumericRule {

    static final Pattern ANSWER_MARKER =
            Pattern.compile(
                    "\\banswers?\\b\\**\\s*(?:is|would be|should be|will be|[:=])|(?<=final )answer"
                            + "|\\\\boxed\\{|(?<=最终)答案|答案\\s*(?:应该是|应为|是|为|:)|答\\s*:");

    static final String[] ANSWER_KEYWORDS = {"answer", "\\boxed{", "答"};

    @Override
    public Choice choose(Reading r) {
        String f = r.text();
        List<NumberMention> ms = r.mentions();
        List<int[]> sentences = r.sentences();
        List<int[]> markers = Spans.findMarkers(f, ANSWER_KEYWORDS, ANSWER_MARKER, 0, f.length());
        for (int k = markers.size() - 1; k >= 0; k--) {
            int[] mk = markers.get(k);
            int limit = answerLimit(f, mk[1], sentences);
            NumberMention first = Spans.firstFrom(ms, mk[1], limit);
            if (first != null) {
                return new Choice(first, "after '" + Spans.label(f, mk[0], mk[1]) + "'");
            }
        }
        return null;
    }

    /** The end of the marker's sentence, or of the next one when nothing follows the marker. */
    static int answerLimit(String f, int from, List<int[]> sentences) {
        for (int k = 0; k < sentences.size(); k++) {
            int[] s = sentences.get(k);
            if (from < s[1] || (from == s[1] && k + 1 == sentences.size())) {
                if (hasContent(f, from, s[1]) || k + 1 == sentences.size()) {
                    return s[1];
                }
                return sentences.get(k + 1)[1];
            }
        }
        return f.length();
    }

    static boolean hasContent(String f, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isLetterOrDigit(f.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
