package org.vlmeval.scoring.numeric;

import java.util.List;
import java.util.Set;

/**
 * The last Markdown bold span ({@code **7**}, {@code **7 kinds**}) holding exactly one number,
 * preferring one that is not in the question.
 */
final class BoldRule implements NumericRule {

    @Override
    public Choice choose(Reading r) {
        String f = r.text();
        List<NumberMention> ms = r.mentions();
        Set<Double> questionValues = r.questionValues();
        if (f.indexOf("**") < 0) {
            return null;
        }
        NumberMention lastStrong = null;
        NumberMention lastAny = null;
        for (int[] span : Spans.boldSpans(f)) {
            List<NumberMention> in = Spans.between(ms, span[0], span[1]);
            if (in.size() == 1 && !in.get(0).hedged()) {
                lastAny = in.get(0);
                if (!questionValues.contains(lastAny.value())) {
                    lastStrong = lastAny;
                }
            }
        }
        NumberMention chosen = lastStrong != null ? lastStrong : lastAny;
        return chosen == null ? null : new Choice(chosen, "bold");
    }
}
