package org.vlmeval.scoring.numeric;

/**
 * The number a rule chose and why, e.g. "after 'answer is'" or "conclusion 'so', after '='".
 *
 * @param mention the chosen number
 * @param rule what decided, quoted in the verdict's explanation
 */
record Choice(NumberMention mention, String rule) {}
