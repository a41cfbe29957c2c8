package org.vlmeval.scoring.hallucination;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The word lists that {@link Pass} tests every word against, as bits of one lookup: a clause's
 * words were each looked up in up to fourteen sets (a tenth of the scoring benchmark's time went to
 * probing them). The bits are derived from the lists of {@link Words}, so they cannot drift.
 */
final class WordClass {

    private WordClass() {}

    static final int VERB = 1;
    static final int BOUNDARY = 1 << 1;
    static final int FINITE = 1 << 2;
    static final int TITLE = 1 << 3;
    static final int REPORT = 1 << 4;
    static final int OBJECT_READING = 1 << 5;
    static final int TEXT_HOLDER_VERB = 1 << 6;
    static final int FAIL = 1 << 7;
    static final int NEGATION = 1 << 8;
    static final int NEGATIVE_SUBJECT = 1 << 9;
    static final int POST_NEGATION = 1 << 10;
    static final int HYPOTHETICAL = 1 << 11;
    static final int LOCATIVE = 1 << 12;
    static final int DEPICTION_VERB = 1 << 13;

    /** Each bit with the list it stands for, in bit order. */
    static final List<Set<String>> LISTS =
            List.of(
                    Words.VERBS,
                    Words.BOUNDARIES,
                    Words.FINITE,
                    Words.TITLES,
                    Words.REPORTS,
                    Words.OBJECT_READING,
                    Words.TEXT_HOLDER_VERBS,
                    Words.FAIL,
                    Words.NEGATIONS,
                    Words.NEGATIVE_SUBJECTS,
                    Words.POST_NEGATIONS,
                    Words.HYPOTHETICALS,
                    Words.LOCATIVES,
                    Words.DEPICTION_VERBS);

    private static final Map<String, Integer> CLASSES = classes();

    /** The bits of the lists that hold {@code word}; 0 for none. */
    static int of(String word) {
        Integer c = CLASSES.get(word);
        return c == null ? 0 : c;
    }

    private static Map<String, Integer> classes() {
        Map<String, Integer> classes = new HashMap<>();
        for (int bit = 0; bit < LISTS.size(); bit++) {
            int mask = 1 << bit;
            for (String word : LISTS.get(bit)) {
                classes.merge(word, mask, (a, b) -> a | b);
            }
        }
        return Map.copyOf(classes);
    }
}
