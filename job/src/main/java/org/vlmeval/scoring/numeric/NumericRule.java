package org.vlmeval.scoring.numeric;

/**
 * One way of telling which number a response gives as its answer. {@link NumberExtractor} runs its
 * rules in order and takes the first choice; a rule that does not apply returns null, so that a
 * weaker rule after it can decide.
 */
@FunctionalInterface
interface NumericRule {

    /** The answer this rule reads, or null when it does not apply to this response. */
    Choice choose(Reading r);
}
