package org.vlmeval.alerts;

/** A rate the alerts watch, and which direction of change is a regression. */
public enum AlertMetric {
    /** correct / scored; a drop is a regression. */
    ACCURACY("accuracy", false),
    /** refusals / answered; a rise is a regression. */
    REFUSAL_RATE("refusal_rate", true),
    /** hallucinations / answers with objects; a rise is a regression. */
    HALLUCINATION_RATE("hallucination_rate", true);

    private final String id;
    private final boolean higherIsWorse;

    AlertMetric(String id, boolean higherIsWorse) {
        this.id = id;
        this.higherIsWorse = higherIsWorse;
    }

    /** The name in alert events, the store and job.yaml. */
    public String id() {
        return id;
    }

    public boolean higherIsWorse() {
        return higherIsWorse;
    }
}
