package org.vlmeval.scoring.numeric;

import org.vlmeval.scoring.text.KeywordTable;
import org.vlmeval.scoring.text.LiteralGate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A restated target: when the question asks for a share ("each", "per", 每), a difference (相差), a
 * maximum or a minimum, the number that follows the response's restatement of it in the same clause
 * ("Each friend owes $28. ... $84 in total", "温差是八度"), when all such restatements give one value
 * that is not in the question. The targets and their words are in {@code targets.tsv}.
 */
final class RestatedTargetRule implements NumericRule {

    /** One row of {@code targets.tsv}, compiled once: scoring runs per answer. */
    private record Target(String name, Pattern question, LiteralGate asks, Pattern response) {}

    private static final List<Target> TARGETS = load();

    private static List<Target> load() {
        List<Target> out = new ArrayList<>();
        for (String[] row : KeywordTable.rows(RestatedTargetRule.class, "targets.tsv", 3)) {
            out.add(
                    new Target(
                            row[0],
                            Pattern.compile(row[1]),
                            LiteralGate.of(row[1]),
                            Pattern.compile(row[2])));
        }
        return List.copyOf(out);
    }

    /**
     * When the question asks for a share, a difference, a maximum or a minimum, the number that the
     * response gives right after restating it ("Each friend owes $28", "温差是八度", "a maximum of 4,000
     * mg"), provided one value is given that way and it is not the question's own.
     */
    @Override
    public Choice choose(Reading r) {
        String f = r.text();
        List<NumberMention> ms = r.mentions();
        String q = r.foldedQuestion();
        Set<Double> questionValues = r.questionValues();
        if (q.isEmpty()) {
            return null;
        }
        Choice found = null;
        for (Target t : TARGETS) {
            if (!t.asks().mayMatch(q) || !t.question().matcher(q).find()) {
                continue;
            }
            Matcher rm = t.response().matcher(f);
            NumberMention pick = null;
            String word = null;
            while (rm.find()) {
                NumberMention after =
                        Spans.firstFrom(ms, rm.end(), Spans.clauseEnd(f, rm.end(), f.length()));
                if (after == null
                        || after.hedged()
                        || questionValues.contains(after.value())
                        || !TARGET_GAP.matcher(f).region(rm.end(), after.start()).matches()) {
                    continue;
                }
                if (pick != null && pick.value() != after.value()) {
                    return null; // several values: no restated answer
                }
                pick = pick == null ? after : pick;
                word = rm.group();
            }
            if (pick != null) {
                if (found != null && found.mention().value() != pick.value()) {
                    return null;
                }
                found =
                        found == null
                                ? new Choice(pick, "restates the question's '" + word + "'")
                                : found;
            }
        }
        return found;
    }

    /** Between a restated target word and its number: a few words, no sentence or clause break. */
    static final Pattern TARGET_GAP = Pattern.compile("[^.;!?。；！？\\n\\d]{0,24}");
}
