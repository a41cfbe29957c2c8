package org.vlmeval.pipeline;

import org.vlmeval.model.AnswerRow;

/**
 * What {@link ApplyLabels} emits: an answer row for the sinks (upserted by its natural key) and,
 * when the row replaces one emitted before (a label re-scored it), the earlier row's contribution
 * to the windows, which the windows take back before adding the new one.
 *
 * @param row the answer row as it is now
 * @param retracted the metrics of the row it replaces, or null for a row emitted the first time
 */
public record LabelledAnswer(AnswerRow row, MetricsSample retracted) {

    /** Whether the row replaces an earlier one (a correction). */
    public boolean correction() {
        return retracted != null;
    }
}
