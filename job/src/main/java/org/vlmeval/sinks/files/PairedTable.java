package org.vlmeval.sinks.files;

import java.util.Map;

/**
 * The 2x2 table of the events both runs answered, for one rate: how many were a success in both, in
 * the candidate only, in the baseline only, in neither.
 */
public record PairedTable(long both, long candidateOnly, long baselineOnly, long neither) {

    /**
     * The table of the keys (request ids) both maps hold, from each side's success flag; keys in
     * only one map are not paired and do not count.
     */
    public static PairedTable of(Map<String, Boolean> baseline, Map<String, Boolean> candidate) {
        long both = 0;
        long candidateOnly = 0;
        long baselineOnly = 0;
        long neither = 0;
        for (Map.Entry<String, Boolean> e : candidate.entrySet()) {
            Boolean before = baseline.get(e.getKey());
            if (before == null) {
                continue;
            }
            boolean after = e.getValue();
            if (after && before) {
                both++;
            } else if (after) {
                candidateOnly++;
            } else if (before) {
                baselineOnly++;
            } else {
                neither++;
            }
        }
        return new PairedTable(both, candidateOnly, baselineOnly, neither);
    }

    public long events() {
        return both + candidateOnly + baselineOnly + neither;
    }

    public long candidateSuccesses() {
        return both + candidateOnly;
    }

    public long baselineSuccesses() {
        return both + baselineOnly;
    }
}
