package org.vlmeval.scoring.hallucination;

/**
 * The families of rules that keep a named object from counting as asserted, in their order of
 * precedence (the one place it is defined; docs/rules.md, "Object hallucination rules", explains it
 * with examples).
 *
 * <p>Precedence works in two ways. (1) Structurally: a family acts only on what the families before
 * it left. {@link #MODIFIER_USE} decides whether a name is a mention at all, so no later family
 * sees "orange" in "an orange umbrella"; {@link #TOPIC} holds and releases only names that no
 * earlier family withheld; {@link #QUESTION} carries to the next sentence only names that are
 * neither withheld nor held; {@link #PRESUPPOSED} applies when the answer is judged, to what it
 * asserts. (2) For the families in between, which act on the same mention independently (a name in
 * a negated comparison is withheld whichever decides), the reason reported for a withheld mention
 * is the first family that withheld it. The verdict never depends on that order; the reason does.
 */
public enum RuleFamily {
    /**
     * A name used as a colour, material, flavour or brand ("an orange umbrella", "the cat is
     * orange", "glass vase"), glued to -shaped / -themed ("dog-shaped"), or classifying another
     * name ("a chef's knife"): not a mention of the object.
     */
    MODIFIER_USE,
    /**
     * Written content: text after reads / says / lists / 写着 to the end of the sentence, the name
     * after titled / named / 书名. Quotations are removed before the pass and never seen.
     */
    REPORTED_TEXT,
    /**
     * Negation scope (no, not, without, 没有 … to the end of the clause) and negation after the
     * object ("the dog is not visible", absent, 不在, 不存在).
     */
    NEGATION,
    /** A condition (if, whether, unless, 如果, 是否 …): the rest of the clause asserts nothing. */
    HYPOTHETICAL,
    /**
     * Comparison: looks like, resembles, bigger than, the size of, 像, 类似, 比, 和…差不多: the compared
     * name is not asserted.
     */
    COMPARISON,
    /**
     * The person who drew, painted or photographed the picture ("the child drew a house", 孩子画了):
     * not in it.
     */
    AUTHORSHIP,
    /**
     * A topic phrase ("regarding the kiwi," 关于…，) or a verbless fragment before a colon: its names
     * are held and asserted only if the next clause takes them up without negation or condition.
     */
    TOPIC,
    /** A sentence ending in "?" asserts nothing unless the next sentence starts with yes / 是的. */
    QUESTION,
    /**
     * An object the question itself presupposes ("What is on the shelf?", 桌子上有什么？): the answer's
     * mention of it is asserted but neither hallucinated nor unverifiable; it is listed in {@link
     * ObjectMentions#presupposed()} ({@link Presupposition}).
     */
    PRESUPPOSED
}
