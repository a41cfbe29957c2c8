package org.vlmeval.scoring.numeric;

/**
 * A reading rule with the name docs/scoring.md lists it under; explanations carry the rule's finer
 * {@link Choice#rule()} ("conclusion 'so', after '='").
 */
record NamedRule(String name, NumericRule rule) {}
