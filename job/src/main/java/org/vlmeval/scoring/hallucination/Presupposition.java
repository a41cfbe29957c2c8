package org.vlmeval.scoring.hallucination;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.vlmeval.scoring.hallucination.Words.FINITE;
import static org.vlmeval.scoring.hallucination.Words.INDEFINITE_DETERMINERS;
import static org.vlmeval.scoring.hallucination.Words.LOCATIVES;
import static org.vlmeval.scoring.hallucination.Words.NEGATIONS;
import static org.vlmeval.scoring.hallucination.Words.SPECIFIC_DETERMINERS;
import static org.vlmeval.scoring.hallucination.Words.VERBS;

/**
 * Family {@link RuleFamily#PRESUPPOSED}: the objects a question takes as given. A question that
 * names an object as known ("What is on the shelf?", "What colour is the cat's collar?", 桌子上有什么？)
 * presupposes it: an answer that takes it up ("Books are on the shelf") has not invented it. A
 * question that asks whether an object is there ("Is there a dog?", "How many dogs are there?",
 * 图中有狗吗？) presupposes nothing about it, so a "yes, a dog" is still judged.
 *
 * <p>English marks what is given with a definite determiner or a possessive: a name after the,
 * this, that, these, those, his, her, its, their … (adjectives may come between) or after 's is
 * presupposed; a name after a / an / any / some or none is not. Chinese has no articles; what is
 * given comes first: a name is presupposed when nothing in its clause before it is a verb of
 * existence or being (有, 在, 是), a negation, a condition or a comparison (桌子上有什么 presupposes the
 * table, 有几只狗 asks about the dogs).
 */
final class Presupposition {

    /** Words a definite determiner may be separated from its name by ("the big red car"). */
    private static final int MAX_MODIFIERS = 3;

    private Presupposition() {}

    /** The concepts the question, as matched tokens, presupposes. */
    static Set<String> concepts(List<Token> question) {
        Set<String> given = new HashSet<>();
        boolean clauseAsks = false; // a Chinese cue of existence, being, negation … came first
        for (int i = 0; i < question.size(); i++) {
            Token tok = question.get(i);
            switch (tok.kind) {
                case PUNCT -> clauseAsks = false;
                case CUE -> {
                    switch (tok.cue) {
                        case BOUNDARY -> clauseAsks = false;
                        case EXIST, YES, NEG, NEG_BOTH, POST_NEG, HYPO, COMPARE, THAN ->
                                clauseAsks = true;
                        default -> {}
                    }
                }
                case MENTION -> {
                    boolean presupposed = tok.english ? definite(question, i) : !clauseAsks;
                    if (presupposed) {
                        given.add(tok.name.concept());
                    }
                }
                case WORD -> {}
            }
        }
        return given;
    }

    /** A definite determiner or a possessive 's before the name at i, maybe after adjectives. */
    private static boolean definite(List<Token> t, int i) {
        for (int j = i - 1; j >= 0 && j >= i - 1 - MAX_MODIFIERS; j--) {
            Token x = t.get(j);
            if (x.kind != Token.Kind.WORD) {
                return false;
            }
            String w = x.text;
            if (SPECIFIC_DETERMINERS.contains(w) || w.equals("'s")) {
                return true;
            }
            if (VERBS.contains(w)
                    || FINITE.contains(w)
                    || LOCATIVES.contains(w)
                    || NEGATIONS.contains(w)
                    || INDEFINITE_DETERMINERS.contains(w)) {
                return false;
            }
        }
        return false;
    }
}
