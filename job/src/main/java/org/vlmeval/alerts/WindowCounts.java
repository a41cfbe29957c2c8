package org.vlmeval.alerts;

/**
 * The numerators and denominators of the watched rates in one open window. A POJO (public fields,
 * no-argument constructor) so Flink keeps it in keyed state without Kryo.
 */
public final class WindowCounts {

    public long scored;
    public long correct;
    public long answered;
    public long refusals;
    public long withObjects;
    public long hallucinations;

    public WindowCounts() {}

    /** Adds one answer's verdict flags (nulls count nowhere: not scored, not judged). */
    public void add(Boolean correct, Boolean refusal, Boolean hallucination, boolean answered) {
        if (answered) {
            this.answered++;
            if (Boolean.TRUE.equals(refusal)) {
                refusals++;
            }
        }
        if (correct != null) {
            scored++;
            if (correct) {
                this.correct++;
            }
        }
        if (hallucination != null) {
            withObjects++;
            if (hallucination) {
                hallucinations++;
            }
        }
    }

    public long successes(AlertMetric metric) {
        return switch (metric) {
            case ACCURACY -> correct;
            case REFUSAL_RATE -> refusals;
            case HALLUCINATION_RATE -> hallucinations;
        };
    }

    public long trials(AlertMetric metric) {
        return switch (metric) {
            case ACCURACY -> scored;
            case REFUSAL_RATE -> answered;
            case HALLUCINATION_RATE -> withObjects;
        };
    }
}
