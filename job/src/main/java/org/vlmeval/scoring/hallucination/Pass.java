package org.vlmeval.scoring.hallucination;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.vlmeval.scoring.hallucination.Words.*;

/** The state of one left-to-right pass over the tokens of one answer. */
final class Pass {
    private final List<Token> t;
    private final Map<String, String> asserted = new LinkedHashMap<>();
    private final List<Pending> sentence = new ArrayList<>();
    private final List<Pending> clause = new ArrayList<>();

    /** The concept of people: readers and authors. */
    private static final String PERSON = "person";

    /** Family NEGATION: the open negation scope. */
    private static final class NegationScope {
        /** Mentions from here to the end of the clause are negated. */
        boolean open;

        /** The negation is a negative subject (nobody, no one, none of, 没有人 …). */
        boolean subject;
    }

    /** Family HYPOTHETICAL: the open condition. */
    private static final class Condition {
        /** Mentions from here to the end of the clause are only supposed. */
        boolean open;
    }

    /** Family COMPARISON (and the titles of REPORTED_TEXT, which reuse its one-name window). */
    private static final class Comparison {
        /** The next name is compared with ("looks like a dog", 像狗), not asserted. */
        boolean open;

        /** The comparison came from "looks like", which may also introduce a clause. */
        boolean byLike;

        /** The window was opened by a title word (titled, 书名): the next name is a title's word. */
        boolean title;

        /** Words still allowed before the compared name ("resembles a small dog"). */
        int budget;

        void start(boolean byLike, boolean title, int budget) {
            this.open = true;
            this.byLike = byLike;
            this.title = title;
            this.budget = budget;
        }

        RuleFamily family() {
            return title ? RuleFamily.REPORTED_TEXT : RuleFamily.COMPARISON;
        }
    }

    /** Family TOPIC: topic phrases and verbless fragments, and the names they hold. */
    private static final class Topics {
        /** Inside a topic phrase ("regarding the kiwi", 关于猕猴桃) that a comma or colon ends. */
        boolean open;

        /** The names of the open topic phrase. */
        final List<Pending> phrase = new ArrayList<>();

        /** Topic names held until the next clause shows whether it takes them up. */
        final List<Pending> held = new ArrayList<>();

        /** The held names come from a verbless fragment before a colon, not a topic word. */
        boolean fragment;

        /** The current clause decides the held names; it opens with a pronoun, yes, a number. */
        boolean resolving;

        /** The clause deciding the held names opened with a word that takes them up. */
        boolean takenUp;
    }

    /** Family REPORTED_TEXT: the open stretch of reported content. */
    private static final class Report {
        /** Inside reported text ("the menu lists …", 写着…): nothing is asserted to its end. */
        boolean open;
    }

    /** Family QUESTION: the names of a question, waiting for a yes. */
    private static final class Question {
        final List<Pending> carry = new ArrayList<>();
    }

    private final NegationScope negation = new NegationScope();
    private final Condition hypothetical = new Condition();
    private final Comparison comparison = new Comparison();
    private final Topics topics = new Topics();
    private final Report report = new Report();
    private final Question question = new Question();

    private boolean atSentenceStart = true;

    /** The clause has a verb, so a following "and" starts a new clause, not a list item. */
    private boolean clauseHasVerb;

    /** The clause has a finite verb (is, has, contains, 有 …): it is a full clause. */
    private boolean clauseHasFinite;

    /** A negation or condition occurred somewhere in the clause. */
    private boolean clauseNegOrHypo;

    /** A token other than punctuation has been seen in the clause. */
    private boolean clauseStarted;

    /** Display name → the family that withheld it, when explaining; null otherwise. */
    private final Map<String, RuleFamily> withheld;

    Pass(List<Token> tokens) {
        this(tokens, false);
    }

    /**
     * @param explain record why each withheld mention was withheld (see {@link #withheld()})
     */
    Pass(List<Token> tokens, boolean explain) {
        this.t = tokens;
        this.withheld = explain ? new LinkedHashMap<>() : null;
    }

    /**
     * After {@link #run()} with explain: the mentions not asserted anywhere in the answer, each
     * with the first family (in {@link RuleFamily} order) that withheld it.
     */
    Map<String, RuleFamily> withheld() {
        Map<String, RuleFamily> out = new LinkedHashMap<>(withheld);
        out.keySet().removeAll(asserted.values());
        return out;
    }

    Map<String, String> run() {
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            if (atSentenceStart && tok.kind != Token.Kind.PUNCT) {
                atSentenceStart = false;
                if (!question.carry.isEmpty()) {
                    if (isYes(tok)) {
                        commit(question.carry);
                    } else {
                        for (Pending p : question.carry) {
                            explainWithheld(p, RuleFamily.QUESTION);
                        }
                    }
                    question.carry.clear();
                }
            }
            if (tok.kind != Token.Kind.PUNCT && !clauseStarted) {
                clauseStarted = true;
                if (!topics.held.isEmpty() && !topics.resolving) {
                    topics.resolving = true;
                    topics.takenUp = takesUpTopic(tok);
                }
            }
            switch (tok.kind) {
                case PUNCT -> punct(i);
                case MENTION -> mention(i);
                case WORD -> word(i);
                case CUE -> cue(i);
            }
        }
        endSentence(false);
        for (Pending p : question.carry) {
            explainWithheld(p, RuleFamily.QUESTION); // the answer ended with a question
        }
        return asserted;
    }

    private Token at(int i) {
        return i >= 0 && i < t.size() ? t.get(i) : null;
    }

    private static boolean isWord(Token tok, Set<String> words) {
        return tok != null && tok.kind == Token.Kind.WORD && words.contains(tok.text);
    }

    private static boolean isWord(Token tok, String word) {
        return tok != null && tok.isWord(word);
    }

    private static boolean isYes(Token tok) {
        return isWord(tok, YES) || (tok.kind == Token.Kind.CUE && tok.cue == Token.Cue.YES);
    }

    private void punct(int i) {
        char c = t.get(i).punct;
        if (report.open && c != ':' && c != '\u3001' && !reportGoesOn(i)) {
            report.open = false;
        }
        if ((c == ',' || c == ':' || c == Lexer.ZH_COMMA)
                && (negation.open || hypothetical.open)
                && examplesFollow(i)) {
            return; // "no other animals, such as hippos": the negation goes on
        }
        switch (c) {
            case '.', '!', '\n', '\u3002' -> endSentence(false);
            case '?' -> endSentence(true);
            case ',' -> {
                if (!((negation.open || hypothetical.open || comparison.open)
                        && listContinues(i))) {
                    closeClause(c);
                }
            }
            case '\u3001' -> {}
            default -> closeClause(c); // ; : and the Chinese comma
        }
    }

    /**
     * Ends a clause at a comma, colon or semicolon. A topic phrase ended by a comma or colon, or a
     * verbless fragment ended by a colon ("The kiwi: ..."), holds its names until the next clause
     * shows whether it takes them up.
     */
    private void closeClause(char c) {
        List<Pending> held = new ArrayList<>();
        boolean fragment = false;
        if (topics.open) {
            if (c == ',' || c == ':' || c == Lexer.ZH_COMMA) {
                held.addAll(topics.phrase);
            }
        } else if (c == ':' && !clauseHasVerb && !clauseHasFinite && !clauseNegOrHypo) {
            for (Pending p : clause) {
                if (!p.isWithheld()) {
                    held.add(p);
                }
            }
            fragment = true;
        }
        endClause();
        if (!held.isEmpty()) {
            for (Pending p : held) {
                p.held = true;
            }
            topics.held.addAll(held);
            topics.fragment = fragment;
        }
    }

    /** Does the token opening the clause after a topic refer back to it? */
    private static boolean takesUpTopic(Token tok) {
        if (tok.kind == Token.Kind.CUE) {
            return tok.cue == Token.Cue.PRONOUN
                    || tok.cue == Token.Cue.YES
                    || (tok.cue == Token.Cue.EXIST && tok.text.length() == 1);
        }
        if (tok.kind != Token.Kind.WORD) {
            return false;
        }
        String w = tok.text;
        return TOPIC_TAKERS.contains(w)
                || (NUMBER_WORDS.contains(w) && !w.equals("few"))
                || (Character.isDigit(w.charAt(0)) && !w.matches("0+"));
    }

    /** Decides the held topic names at the end of the clause after the topic. */
    private void resolveTopic() {
        boolean takenUp =
                !clauseNegOrHypo && (topics.takenUp || (topics.fragment && !clauseHasFinite));
        if (takenUp) {
            for (Pending p : topics.held) {
                p.held = false;
                sentence.add(p);
            }
        }
        topics.held.clear();
        topics.resolving = false;
    }

    /** After a comma in a negated or hypothetical clause: does a list of objects go on? */
    private boolean listContinues(int comma) {
        int j = comma + 1;
        while (j < t.size()
                && (isWord(t.get(j), LIST_FILLERS)
                        || (t.get(j).kind == Token.Kind.CUE
                                && t.get(j).cue == Token.Cue.CONNECT))) {
            j++;
        }
        Token x = at(j);
        if (x == null) {
            return false;
        }
        if (isWord(x, "or") || isWord(x, "nor")) {
            return true;
        }
        if (x.kind == Token.Kind.MENTION) {
            Token y = at(j + 1);
            return y == null
                    || y.kind == Token.Kind.PUNCT
                    || isWord(y, "or")
                    || isWord(y, "nor")
                    || isWord(y, "and");
        }
        return false;
    }

    private void mention(int i) {
        Token tok = t.get(i);
        if (tok.english && isModifierUse(i)) {
            explainWithheld(tok, RuleFamily.MODIFIER_USE);
            return;
        }
        RuleFamily compared = null;
        if (comparison.open) {
            Token next = at(i + 1);
            if (comparison.byLike && isWord(next, FINITE)) {
                comparison.open = false; // "it looks like a dog is sleeping": a clause, asserted
            } else {
                compared = comparison.family();
                comparison.open = comparisonGoesOn(i);
                comparison.budget = 3;
            }
        }
        if (tok.english && isClassifyingPossessor(i)) {
            explainWithheld(tok, RuleFamily.MODIFIER_USE);
            return; // "a chef's knife": a kind of knife, no chef
        }
        Pending p = new Pending(tok.name.concept(), tok.name.display(), i);
        // the families that act on the mention itself, independently (RuleFamily's precedence
        // only orders the reason reported)
        if (report.open) {
            p.withhold(RuleFamily.REPORTED_TEXT);
        }
        if (negation.open) {
            p.withhold(RuleFamily.NEGATION);
        }
        if (hypothetical.open) {
            p.withhold(RuleFamily.HYPOTHETICAL);
        }
        if (compared != null) {
            p.withhold(compared);
        }
        sentence.add(p);
        clause.add(p);
        if (topics.open) {
            topics.phrase.add(p);
        }
    }

    /** After a compared name: does a list of compared names go on ("like a fox or a dog")? */
    private boolean comparisonGoesOn(int i) {
        Token next = at(i + 1);
        if (next == null) {
            return false;
        }
        if (isWord(next, "or") || isWord(next, "and") || isWord(next, "nor")) {
            return true;
        }
        if (isWord(next, "than")) {
            return true;
        }
        if (next.kind == Token.Kind.CUE && next.cue == Token.Cue.CONNECT) {
            return true;
        }
        return next.kind == Token.Kind.PUNCT
                && (next.punct == '\u3001' || next.punct == ',' && listContinues(i + 1));
    }

    /** An English name used as a colour, material or brand, or glued to "-shaped" etc. */
    private boolean isModifierUse(int i) {
        Token next = at(i + 1);
        if (next != null
                && next.kind == Token.Kind.WORD
                && next.hyphenBefore
                && HYPHEN_MODIFIERS.contains(next.text)) {
            return true;
        }
        if (!t.get(i).name.modifierProne()) {
            return false;
        }
        Token prev = at(i - 1);
        if (isWord(prev, PREDICATIVE)) {
            return true;
        }
        if ((isWord(prev, "and") || isWord(prev, "or")) && isColour(at(i - 2))) {
            return true;
        }
        if (next == null) {
            return false;
        }
        if (isColour(next)) {
            return true;
        }
        if ((isWord(next, "and") || isWord(next, "or")) && isColour(at(i + 2))) {
            return true;
        }
        if (next.kind == Token.Kind.MENTION && next.english) {
            return true;
        }
        if (next.kind == Token.Kind.WORD) {
            String w = next.text;
            return !FOLLOW.contains(w)
                    && !w.endsWith("ly")
                    && !w.endsWith("ing")
                    && !w.endsWith("ed")
                    && !Character.isDigit(w.charAt(0));
        }
        return false;
    }

    private static boolean isColour(Token tok) {
        if (tok == null) {
            return false;
        }
        if (tok.kind == Token.Kind.WORD) {
            return COLOURS.contains(tok.text);
        }
        return tok.kind == Token.Kind.MENTION
                && tok.english
                && tok.name.modifierProne()
                && COLOURS.contains(tok.text);
    }

    private void word(int i) {
        String w = t.get(i).text;
        int c = WordClass.of(w);
        Token next = at(i + 1);
        if (comparison.open
                && ((c & WordClass.VERB) != 0
                        || (c & WordClass.BOUNDARY) != 0
                        || (c & WordClass.FINITE) != 0
                        || --comparison.budget < 0)) {
            comparison.open = false;
        }
        if ((c & WordClass.FINITE) != 0 || w.endsWith("n't")) {
            clauseHasFinite = true;
        }
        if (opensComparison(i)) {
            comparison.start(w.equals("like"), false, 4);
        } else if ((c & WordClass.TITLE) != 0) {
            // "a book titled The Whale Road": the title's words, no whale
            comparison.start(false, true, 3);
        }
        if ((c & WordClass.REPORT) != 0 && !((c & WordClass.OBJECT_READING) != 0 && personReads(i))
                || ((c & WordClass.TEXT_HOLDER_VERB) != 0 && isWord(at(i - 1), TEXT_HOLDERS))) {
            report.open = true;
        } else if (report.open
                && ((c & WordClass.BOUNDARY) != 0 || w.equals("and") && !reportGoesOn(i))) {
            report.open = false;
        }
        int topicWords = topicCue(i);
        if (topicWords > 0) {
            topics.open = true;
            topics.phrase.clear();
            return;
        }
        if ((c & WordClass.FAIL) != 0 && perceptionFollows(i)) {
            negation.open = true;
            clauseNegOrHypo = true;
            return;
        }
        if ((c & WordClass.NEGATION) != 0 || w.endsWith("n't")) {
            if (w.equals("no") && (next == null || next.kind == Token.Kind.PUNCT)) {
                return; // "No." / "No, ..." answers, it does not negate what follows
            }
            if (w.equals("not") && isWord(next, NOT_NEGATING_AFTER_NOT)) {
                return; // "not only"
            }
            negation.open = true;
            clauseNegOrHypo = true;
            if (!clauseHasVerb
                    && !clauseHasFinite
                    && ((c & WordClass.NEGATIVE_SUBJECT) != 0
                            || (w.equals("no") && isWord(next, "one"))
                            || (w.equals("none") && isWord(next, "of")))) {
                negation.subject = true; // "nobody in the crowd has an umbrella"
            }
            if (presenceFollows(i)) {
                suppressClause();
            }
            return;
        }
        if ((c & WordClass.POST_NEGATION) != 0) {
            suppressClause();
        } else if (w.equals("instead")) {
            if (isWord(next, "of")) {
                negation.open = true;
                clauseNegOrHypo = true;
            } else {
                endClause();
            }
        } else if (w.equals("rather")) {
            if (isWord(next, "than")) {
                negation.open = true;
            }
        } else if (w.equals("apart") && isWord(next, "from")
                || w.equals("other") && isWord(next, "than")) {
            endClause();
        } else if ((c & WordClass.HYPOTHETICAL) != 0) {
            hypothetical.open = true;
            clauseNegOrHypo = true;
        } else if ((c & WordClass.BOUNDARY) != 0) {
            endClause();
        } else if ((c & WordClass.LOCATIVE) != 0) {
            if (!(negation.subject && !clauseHasVerb && !clauseHasFinite)) {
                negation.open = false; // a locative after the verb of a negative subject ends it
            }
        } else if ((c & WordClass.DEPICTION_VERB) != 0 && !isColour(next) && !isWord(next, "by")) {
            suppressAuthor(i);
            clauseHasVerb = true;
        } else if (w.equals("and")) {
            Token prev = at(i - 1);
            if (clauseHasVerb || prev == null || prev.kind != Token.Kind.MENTION) {
                if (topics.resolving) {
                    resolveTopic();
                }
                clause.clear();
                clauseHasVerb = false;
                clauseHasFinite = false;
                clauseNegOrHypo = false;
            }
        } else if ((c & WordClass.VERB) != 0 || (w.length() > 4 && w.endsWith("ing"))) {
            clauseHasVerb = true;
        }
    }

    /**
     * "a man reading a book": a person reads an object, no text is reported ("the sign reads Beware
     * of the cat" is). The reader is the nearest mention or pronoun before the verb in its clause;
     * with none, the verb reports as before ("Reads: Open").
     */
    private boolean personReads(int i) {
        for (int j = i - 1; j >= 0; j--) {
            Token x = t.get(j);
            if (x.kind == Token.Kind.PUNCT
                    || x.kind == Token.Kind.CUE && x.cue == Token.Cue.BOUNDARY) {
                return false;
            }
            if (x.kind == Token.Kind.MENTION && !isPlace(j)) {
                return x.name.concept().equals(PERSON);
            }
            if (isWord(x, PERSON_PRONOUNS)) {
                return true;
            }
        }
        return false;
    }

    /** The mention at j follows a locative, maybe after determiners: "on the bench". */
    private boolean isPlace(int j) {
        int k = j - 1;
        while (isWord(at(k), SPECIFIC_DETERMINERS) || isWord(at(k), LIST_FILLERS)) {
            k--;
        }
        return isWord(at(k), LOCATIVES);
    }

    /**
     * Reported text goes on past the mark or "and" at i unless the stretch up to the next mark has
     * a verb of its own ("The sign reads Open, and a dog sits below it").
     */
    private boolean reportGoesOn(int i) {
        if (i + 1 >= t.size()) {
            return false;
        }
        Token first = t.get(i);
        if (first.kind == Token.Kind.PUNCT
                && first.punct != ','
                && first.punct != Lexer.ZH_COMMA
                && first.punct != ':') {
            return false; // . ! ? ; newline
        }
        for (int j = i + 1; j < t.size(); j++) {
            Token x = t.get(j);
            if (x.kind == Token.Kind.PUNCT && x.punct != '\u3001') {
                break;
            }
            if (isWord(x, VERBS) || isWord(x, FINITE) || isWord(x, BOUNDARIES)) {
                return false;
            }
            if (x.kind == Token.Kind.CUE
                    && (x.cue == Token.Cue.EXIST || x.cue == Token.Cue.BOUNDARY)) {
                return false;
            }
        }
        return true;
    }

    /** After a mark in a negated clause: do examples of it follow (such as, e.g., 比如)? */
    private boolean examplesFollow(int i) {
        Token x = at(i + 1);
        if (x == null) {
            return false;
        }
        if (x.kind == Token.Kind.CUE) {
            return x.cue == Token.Cue.EXAMPLE || (x.cue == Token.Cue.COMPARE && x.text.equals("像"));
        }
        return isWord(x, EXAMPLES)
                || (isWord(x, "such") && isWord(at(i + 2), "as"))
                || (isWord(x, "for") && isWord(at(i + 2), Set.of("example", "instance")));
    }

    /**
     * "a chef's knife", "chef's knife": an indefinite or bare possessor before another name
     * classifies that thing and is not asserted; "the chef's knife" keeps the chef.
     */
    private boolean isClassifyingPossessor(int i) {
        if (!isWord(at(i + 1), "'s")) {
            return false;
        }
        Token owned = at(i + 2);
        if (owned == null || owned.kind != Token.Kind.MENTION) {
            return false;
        }
        return !isWord(at(i - 1), SPECIFIC_DETERMINERS);
    }

    /** "unable to see", "failed to clearly spot": a verb of perception within three words. */
    private boolean perceptionFollows(int i) {
        if (!isWord(at(i + 1), "to")) {
            return false;
        }
        for (int j = i + 2; j <= i + 4 && j < t.size(); j++) {
            Token x = t.get(j);
            if (x.kind != Token.Kind.WORD) {
                return false;
            }
            if (PERCEPTION.contains(x.text)) {
                return true;
            }
            if (!x.text.endsWith("ly")) {
                return false;
            }
        }
        return false;
    }

    /**
     * A comparison starts after this word: looks (a bit) like, shaped like, resembles, similar (in
     * shape) to, reminds (me) of, reminiscent of, akin to, mistaken for, in the shape of. Not when
     * a clause follows ("it looks like there is a dog").
     */
    private boolean opensComparison(int i) {
        String w = t.get(i).text;
        boolean opens = false;
        if (w.equals("like")) {
            int j = i - 1;
            while (j >= i - 4 && isWord(at(j), LIKE_FILLERS)) {
                j--;
            }
            opens = isWord(at(j), LOOK);
        } else if (RESEMBLE.contains(w)) {
            opens = true;
        } else if (w.equals("than")) {
            // "bigger than a cat"; not "more than two dogs", "rather than", "other than"
            Token n1 = at(i + 1);
            opens =
                    !isWord(at(i - 1), Set.of("rather", "other"))
                            && !(n1 != null
                                    && n1.kind == Token.Kind.WORD
                                    && (NUMBER_WORDS.contains(n1.text)
                                            || Character.isDigit(n1.text.charAt(0))
                                            || n1.text.equals("a")
                                                    && isWord(at(i + 2), NUMBER_WORDS)));
        } else if (w.equals("as")) {
            // the second "as" of "as big as", "twice as long as", "the same size as"
            opens =
                    isWord(at(i - 2), "as") && !isWord(at(i - 1), Set.of("well", "soon", "far"))
                            || isWord(at(i - 1), "same")
                            || isWord(at(i - 2), "same");
        } else if (w.equals("to") || w.equals("with")) {
            opens = isWord(at(i - 1), Set.of("compared", "comparable", "relative"));
        } else if (w.equals("similar") || w.startsWith("remind")) {
            for (int j = i + 1; j <= i + 3; j++) {
                if (isWord(at(j), "to") || isWord(at(j), "of")) {
                    opens = true;
                    break;
                }
            }
        } else if (w.equals("of")) {
            opens =
                    (isWord(at(i - 1), "shape") || isWord(at(i - 1), "form"))
                                    && isWord(at(i - 2), "the")
                                    && isWord(at(i - 3), "in")
                            || isWord(at(i - 1), SIZES); // "roughly the size of a horse"
        }
        return opens && !isWord(at(i + 1), CLAUSE_STARTS);
    }

    /**
     * The number of words of a topic opener at i (regarding, concerning, about, as for, as to, as
     * regards, with/in regard(s) to, with respect to, speaking of, when it comes to, in terms of)
     * at the start of a clause; 0 if there is none.
     */
    private int topicCue(int i) {
        int j = i - 1;
        while (isWord(at(j), CLAUSE_OPENERS)) {
            j--;
        }
        Token before = at(j);
        boolean clauseStart =
                before == null
                        || before.kind == Token.Kind.PUNCT
                        || (before.kind == Token.Kind.CUE && before.cue == Token.Cue.BOUNDARY);
        if (!clauseStart) {
            return 0;
        }
        String w = t.get(i).text;
        Token n1 = at(i + 1);
        if (w.equals("about")) {
            boolean amount =
                    n1 != null
                            && n1.kind == Token.Kind.WORD
                            && (NUMBER_WORDS.contains(n1.text)
                                    || Character.isDigit(n1.text.charAt(0))
                                    || ((n1.text.equals("a") || n1.text.equals("an"))
                                            && isWord(at(i + 2), NUMBER_WORDS)));
            return amount ? 0 : 1;
        }
        if (TOPIC_WORDS.contains(w)) {
            return 1;
        }
        if (w.equals("as") && isWord(n1, Set.of("for", "to", "regards"))) {
            return 2;
        }
        if (w.equals("speaking") && isWord(n1, "of")) {
            return 2;
        }
        if ((w.equals("with") || w.equals("in"))
                && isWord(n1, Set.of("regard", "regards", "respect"))
                && isWord(at(i + 2), Set.of("to", "of"))) {
            return 3;
        }
        if (w.equals("in") && isWord(n1, "terms") && isWord(at(i + 2), "of")) {
            return 3;
        }
        if (w.equals("when")
                && isWord(n1, "it")
                && isWord(at(i + 2), "comes")
                && isWord(at(i + 3), "to")) {
            return 4;
        }
        return 0;
    }

    /** A presence word within three words after a negation: "is not visible". */
    private boolean presenceFollows(int i) {
        for (int j = i + 1; j <= i + 3 && j < t.size(); j++) {
            Token x = t.get(j);
            if (x.kind == Token.Kind.PUNCT) {
                return false;
            }
            if (isWord(x, PRESENCE)) {
                return true;
            }
        }
        return false;
    }

    private void cue(int i) {
        Token.Cue cue = t.get(i).cue;
        switch (cue) {
            case NEG -> {
                negation.open = true;
                clauseNegOrHypo = true;
            }
            case POST_NEG -> {
                suppressClause();
                clauseNegOrHypo = true;
            }
            case NEG_BOTH -> {
                suppressClause();
                negation.open = true;
                clauseNegOrHypo = true;
            }
            case HYPO -> {
                hypothetical.open = true;
                clauseNegOrHypo = true;
            }
            case BOUNDARY -> endClause();
            case COMPARE -> {
                Token next = at(i + 1);
                boolean exists =
                        next != null && next.kind == Token.Kind.CUE && next.cue == Token.Cue.EXIST;
                Token before = at(i - 1);
                boolean suchAs = // "图中有各种动物，像狗和猫": 像 opening a clause lists examples
                        t.get(i).text.equals("像")
                                && (before == null || before.kind == Token.Kind.PUNCT);
                if (suchAs && sameFollows(i)) {
                    suchAs = false; // 像小狗一样大: a comparison, also at a clause start
                }
                if (!exists && !suchAs) { // 好像有一只狗 asserts the dog
                    comparison.start(false, false, 4);
                }
            }
            case TOPIC -> {
                Token before = at(i - 1);
                if (before == null
                        || before.kind == Token.Kind.PUNCT
                        || before.cue == Token.Cue.BOUNDARY) {
                    topics.open = true;
                    topics.phrase.clear();
                }
            }
            case EXIST -> {
                clauseHasFinite = true;
                comparison.open = false;
            }
            case REPORT -> report.open = true;
            // 书名《鲸落》 (a title), 比长颈鹿矮 (a comparison): the next name is no thing here
            case TITLE, THAN -> comparison.start(false, cue == Token.Cue.TITLE, 3);
            case SAME -> suppressEqualComparison(i);
            case AUTHOR -> {
                suppressAuthor(i);
                clauseHasVerb = true;
            }
            case CONNECT, YES, PRONOUN, NONE, EXAMPLE -> {}
        }
    }

    /** 一样 / 一般 after the names that follow the comparison cue at i (像小狗一样大). */
    private boolean sameFollows(int i) {
        int j = i + 1;
        while (j < t.size()
                && (t.get(j).kind == Token.Kind.MENTION
                        || t.get(j).kind == Token.Kind.PUNCT && t.get(j).punct == '\u3001'
                        || t.get(j).kind == Token.Kind.CUE && t.get(j).cue == Token.Cue.CONNECT)) {
            j++;
        }
        Token x = at(j);
        return j > i + 1 && x != null && x.kind == Token.Kind.CUE && x.cue == Token.Cue.SAME;
    }

    /**
     * 差不多 / 一样 at i ends "和 / 跟 / 与 X 差不多(大)": the names between the connector and it are compared
     * with. Not when a name directly precedes the connector: "猫和狗一样大" says both are there.
     */
    private void suppressEqualComparison(int i) {
        int j = i - 1;
        while (j >= 0
                && (t.get(j).kind == Token.Kind.MENTION
                        || t.get(j).kind == Token.Kind.PUNCT && t.get(j).punct == '\u3001')) {
            j--;
        }
        Token connector = at(j);
        if (j == i - 1
                || connector == null
                || connector.kind != Token.Kind.CUE
                || connector.cue != Token.Cue.CONNECT
                || !Set.of("和", "跟", "与").contains(connector.text)) {
            return;
        }
        Token before = at(j - 1);
        if (before != null && before.kind == Token.Kind.MENTION) {
            return;
        }
        for (Pending p : clause) {
            if (p.index > j && p.index < i) {
                p.withhold(RuleFamily.COMPARISON);
            }
        }
    }

    /**
     * A verb of depiction at i (drew, painted, photographed, 画了, 拍的): the persons named before it
     * in a clause without another verb made the picture and are not in it.
     */
    private void suppressAuthor(int i) {
        if (clauseHasVerb || clauseHasFinite) {
            return;
        }
        for (Pending p : clause) {
            if (p.index < i && p.concept.equals(PERSON)) {
                p.withhold(RuleFamily.AUTHORSHIP);
            }
        }
    }

    /** Negation after the object ("the dog is not visible", 不在): the clause so far is negated. */
    private void suppressClause() {
        clauseNegOrHypo = true;
        for (Pending p : clause) {
            p.withhold(RuleFamily.NEGATION);
        }
    }

    private void endClause() {
        if (topics.resolving) {
            resolveTopic();
        }
        clauseHasVerb = false;
        clauseHasFinite = false;
        clauseNegOrHypo = false;
        clauseStarted = false;
        comparison.open = false;
        topics.open = false; // not ended by a comma or colon: its names count as usual
        topics.phrase.clear();
        negation.open = false;
        negation.subject = false;
        hypothetical.open = false;
        clause.clear();
    }

    private void endSentence(boolean isQuestion) {
        endClause();
        if (isQuestion) {
            for (Pending p : question.carry) {
                explainWithheld(p, RuleFamily.QUESTION); // a question not confirmed by a yes
            }
            question.carry.clear();
            for (Pending p : sentence) {
                if (!p.isWithheld() && !p.held) {
                    question.carry.add(p);
                } else {
                    explainWithheld(p, null);
                }
            }
        } else {
            commit(sentence);
        }
        sentence.clear();
        atSentenceStart = true;
        report.open = false;
    }

    private void commit(List<Pending> pendings) {
        for (Pending p : pendings) {
            if (!p.isWithheld() && !p.held) {
                asserted.putIfAbsent(p.concept, p.display);
            } else {
                explainWithheld(p, null);
            }
        }
    }

    private void explainWithheld(Token mention, RuleFamily family) {
        if (withheld != null) {
            withheld.putIfAbsent(mention.name.display(), family);
        }
    }

    /**
     * @param family the family, or null for the mention's own first reason
     */
    private void explainWithheld(Pending p, RuleFamily family) {
        if (withheld != null) { // only when explaining: the normal pass records nothing
            withheld.putIfAbsent(p.display, family != null ? family : p.reason());
        }
    }

    private static final RuleFamily[] FAMILIES = RuleFamily.values();

    /** A mention waiting for the end of its sentence. */
    static final class Pending {
        final String concept;
        final String display;
        final int index;

        /** The families that withheld the mention, a bit per {@link RuleFamily#ordinal()}. */
        private int withheldBy;

        /** Named only as a topic; asserted only if the next clause takes it up. */
        boolean held;

        Pending(String concept, String display, int index) {
            this.concept = concept;
            this.index = index;
            this.display = display;
        }

        void withhold(RuleFamily family) {
            withheldBy |= 1 << family.ordinal();
        }

        boolean isWithheld() {
            return withheldBy != 0;
        }

        /** The first family, in precedence order, that withheld it; TOPIC if it is only held. */
        RuleFamily reason() {
            return withheldBy != 0
                    ? FAMILIES[Integer.numberOfTrailingZeros(withheldBy)]
                    : RuleFamily.TOPIC;
        }
    }
}
