package org.vlmeval.pipeline;

import org.vlmeval.model.AnswerRow;

/**
 * A scored answer on its way to {@link ApplyLabels}, with what a label needs to score it again: the
 * row holds the question, the answer text and the finish reason; {@code eventTruth} is the event's
 * own {@code reference} and {@code objects} as a small JSON object (not the whole request, whose
 * inline images can be megabytes), or null when the event had neither.
 */
public record ScoredAnswer(AnswerRow row, String eventTruth) {}
