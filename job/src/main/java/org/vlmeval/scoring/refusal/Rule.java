package org.vlmeval.scoring.refusal;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One refusal rule, loaded from {@code rules.txt} (docs/rules.md): its id ({@code group.name}),
 * what a match means, where in the answer it looks, its pattern over folded text, and the
 * pre-filter derived from that pattern.
 *
 * @param id {@code group.name}, as reported by {@link RefusalDetector#matchingRules}
 * @param kind what a match means
 * @param scope where in the answer the rule looks
 * @param disclaimer a match is only a caveat when the answer then says it proceeds anyway ("I don't
 *     condone this. However, I will provide…")
 * @param pattern the expanded pattern
 * @param prefilter literal checks derived from the pattern
 * @param examples texts that fire this rule and no other
 * @param counterexamples texts that fire no rule
 */
record Rule(
        String id,
        Kind kind,
        Scope scope,
        boolean disclaimer,
        Pattern pattern,
        Prefilter prefilter,
        List<String> examples,
        List<String> counterexamples) {

    Rule {
        examples = List.copyOf(examples);
        counterexamples = List.copyOf(counterexamples);
    }

    /** What a match of the rule means. */
    enum Kind {
        /** One match is a refusal. */
        STRONG,
        /** A cue: two different weak rules make a refusal. */
        WEAK,
        /** Reported or quoted text: blanked out before the other rules run. */
        MASK,
        /** The answer announces that it answers after all: a disclaimer before it is a caveat. */
        PROCEED
    }

    /** Where in the answer a rule looks. */
    enum Scope {
        /** Anywhere: the phrasing declines wherever it stands ("…, but I can't write that"). */
        ANYWHERE,
        /**
         * Only the opening sentences: moral framing that declines when it leads the answer, but is
         * a mere caveat after the answer has been given.
         */
        OPENING
    }

    /**
     * The leftmost match that begins in {@code [from, limit)}, ends by {@code limit} and that
     * {@code accept} takes, or null.
     *
     * <p>The pattern is not scanned over the text: it is only tried ({@link Matcher#lookingAt},
     * with transparent bounds so look-arounds see the text around) where an anchor occurs, found
     * with {@link String#indexOf}. The rule's anchors are merged in text order, so the match found
     * does not depend on the order the anchors were derived in.
     */
    Matcher find(String view, int from, int limit, Predicate<Matcher> accept) {
        return find(new LiteralScan(view, prefilter.numberCount()), from, limit, accept);
    }

    /** As {@link #find(String, int, int, Predicate)}, sharing literal look-ups with other rules. */
    Matcher find(LiteralScan scan, int from, int limit, Predicate<Matcher> accept) {
        if (from >= limit || prefilter.cjk() && !scan.hasCjk()) {
            return null;
        }
        String view = scan.text();
        int[] ids = prefilter.anchorIds();
        List<String> anchors = prefilter.anchors();
        int[] next = new int[anchors.size()];
        boolean anchorInScope = anchors.isEmpty();
        for (int i = 0; i < next.length; i++) {
            next[i] = scan.indexOf(ids[i], anchors.get(i), from);
            anchorInScope |= next[i] >= 0 && next[i] < limit;
        }
        // Anchors first: most rules have rare ones, and then the needed words are not looked for.
        if (!anchorInScope || !prefilter.mayMatch(scan)) {
            return null;
        }
        if (prefilter.startOnly()) {
            Matcher m = matcher(view);
            return from == 0 && m.region(0, limit).lookingAt() && accept.test(m) ? m : null;
        }
        if (anchors.isEmpty()) {
            Matcher m = matcher(view).region(from, limit);
            while (m.find()) {
                if (accept.test(m)) {
                    return m;
                }
            }
            return null;
        }
        Matcher m = null; // made only when an anchor is found: most texts have none in scope
        while (true) {
            int pick = -1;
            for (int i = 0; i < next.length; i++) {
                if (next[i] >= 0 && next[i] < limit && (pick < 0 || next[i] < next[pick])) {
                    pick = i;
                }
            }
            if (pick < 0) {
                return null;
            }
            int at = next[pick];
            if (m == null) {
                m = matcher(view);
            }
            if (m.region(at, limit).lookingAt() && accept.test(m)) {
                return m;
            }
            // Every anchor at this position has been tried with it.
            for (int i = 0; i < next.length; i++) {
                if (next[i] == at) {
                    next[i] = scan.indexOf(ids[i], anchors.get(i), at + 1);
                }
            }
        }
    }

    private Matcher matcher(String view) {
        Matcher m = pattern.matcher(view);
        m.useTransparentBounds(true).useAnchoringBounds(false);
        return m;
    }
}
