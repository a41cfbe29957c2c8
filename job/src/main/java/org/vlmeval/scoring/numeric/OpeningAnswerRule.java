package org.vlmeval.scoring.numeric;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An answer stated first and explained afterwards: a short opening line with one number ("12", "12
 * apples.", "**12**", "共12个。") followed by a labelled explanation ("Explanation:", "Reasoning:",
 * "Because …", "解释：", "因为…"). The numbers of the explanation are working, not the answer, so "12.
 * Explanation: 3 boxes hold 4 each, so 4 per box" reads 12 where a conclusion word in the working
 * would otherwise pick 4.
 */
final class OpeningAnswerRule implements NumericRule {

    /** What opens the explanation after the answer line. */
    private static final Pattern EXPLANATION =
            Pattern.compile(
                    "[\\s*#>_]*(?:explanation|reasoning|rationale|reason|justification|working"
                            + "|step[- ]by[- ]step|here(?:'s| is) (?:how|why)|this is because|because"
                            + "|解释|解析|理由|原因|分析|推理|因为|过程)",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Words allowed on the opening line: a number with a unit or a short noun, not working. */
    private static final int MAX_OPENING_CHARS = 40;

    @Override
    public Choice choose(Reading r) {
        String f = r.text();
        int lineEnd = f.indexOf('\n');
        if (lineEnd < 0) {
            return null;
        }
        int start = 0;
        while (start < lineEnd && Character.isWhitespace(f.charAt(start))) {
            start++;
        }
        if (lineEnd - start > MAX_OPENING_CHARS) {
            return null;
        }
        List<NumberMention> opening = Spans.between(r.mentions(), start, lineEnd);
        if (opening.size() != 1 || opening.get(0).hedged()) {
            return null;
        }
        int next = lineEnd;
        while (next < f.length() && Character.isWhitespace(f.charAt(next))) {
            next++;
        }
        if (!EXPLANATION.matcher(f).region(next, f.length()).lookingAt()) {
            return null;
        }
        return new Choice(opening.get(0), "opening answer, then its explanation");
    }
}
