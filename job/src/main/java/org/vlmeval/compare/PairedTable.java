package org.vlmeval.compare;

/**
 * The 2x2 table of the events both runs answered, for one rate: how many were a success in both, in
 * the candidate only, in the baseline only, in neither.
 */
public record PairedTable(long both, long candidateOnly, long baselineOnly, long neither) {

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
