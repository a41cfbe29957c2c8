package org.vlmeval.scoring.numeric;

import java.util.List;
import java.util.Set;

/**
 * What the rules read: one response, prepared once and shared by every rule.
 *
 * @param text the response, folded ({@link NumberScanner#fold}); mention offsets index into it
 * @param mentions the candidate numbers, after the set-asides ({@link SetAsides})
 * @param sentences sentence spans of {@code text}
 * @param question the question as asked (may be empty)
 * @param foldedQuestion the question, folded
 * @param questionValues values the question itself mentions: weaker candidates
 */
record Reading(
        String text,
        List<NumberMention> mentions,
        List<int[]> sentences,
        String question,
        String foldedQuestion,
        Set<Double> questionValues) {}
