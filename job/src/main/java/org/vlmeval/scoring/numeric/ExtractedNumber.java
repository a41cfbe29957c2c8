package org.vlmeval.scoring.numeric;

/**
 * The number a response states as its answer.
 *
 * @param value the numeric value
 * @param surface the text it was read from, as written in the response (e.g. "两千三百", "1,234.5")
 * @param rule which rule picked it, for explanations (e.g. "after 'so'", "only number")
 */
public record ExtractedNumber(double value, String surface, String rule) {}
