package org.vlmeval.scoring.numeric;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stated conclusion: the last sentence with a number and a conclusion word (so, therefore, in
 * total, "=", 所以, 因此, 总共 …); within it the number after the last "=", else the total before its
 * breakdown, else the number after a verb following a conclusion word, else the last number after a
 * conclusion word in its clause, else the number after any verb, else the last number. See {@link
 * NumberExtractor} for the full list.
 */
final class ConclusionRule implements NumericRule {

    static final Pattern CONCLUSION =
            Pattern.compile(
                    "\\b(?:so(?![- ](?:far|that|many|much|called|on)\\b)(?<!\\b(?:and|or|if|do) so)"
                            + "|therefore|thus|hence|in total|totals?|totaling|altogether|in all"
                            + "|overall|(?:that|which|this) (?:makes|gives)|adds? up to"
                            + "|sums? (?:up )?to|the sum is|the result is|in sum|leaving|which leaves)\\b"
                            + "|=|≈|所以|因此|总共|一共|(?<!公)共|合计|总计|总数|总和"
                            + "|(?<![立随])即(?![使将便])|故(?![事障意])|还剩|剩下(?!的)");

    static final String[] CONCLUSION_KEYWORDS = {
        "so",
        "therefore",
        "thus",
        "hence",
        "in total",
        "total",
        "altogether",
        "in all",
        "overall",
        "that ",
        "which ",
        "this ",
        "add",
        "sum",
        "the sum",
        "the result",
        "in sum",
        "leaving",
        "which leaves",
        "=",
        "≈",
        "所以",
        "因此",
        "总",
        "一共",
        "共",
        "合计",
        "即",
        "故",
        "还剩",
        "剩下"
    };

    @Override
    public Choice choose(Reading r) {
        String f = r.text();
        List<NumberMention> ms = r.mentions();
        List<int[]> sentences = r.sentences();
        Set<Double> questionValues = r.questionValues();
        List<int[]> conclusions =
                Spans.findMarkers(f, CONCLUSION_KEYWORDS, CONCLUSION, 0, f.length());
        if (conclusions.isEmpty()) {
            return null;
        }
        for (int k = sentences.size() - 1; k >= 0; k--) {
            int s = sentences.get(k)[0];
            int e = sentences.get(k)[1];
            List<NumberMention> in = Spans.between(ms, s, e);
            if (in.isEmpty()) {
                continue;
            }
            List<int[]> markers = Spans.inRange(conclusions, s, e);
            if (markers.isEmpty()) {
                continue;
            }
            String word = null;
            for (int[] mk : markers) {
                if (!f.startsWith("=", mk[0]) && !f.startsWith("≈", mk[0])) {
                    word = Spans.label(f, mk[0], mk[1]);
                }
            }
            String prefix = "conclusion '" + (word == null ? "=" : word) + "', ";
            for (int j = markers.size() - 1; j >= 0; j--) {
                int[] mk = markers.get(j);
                char c = f.charAt(mk[0]);
                if (c == '=' || c == '≈') {
                    NumberMention after = Spans.firstFrom(in, mk[1], e);
                    if (after != null) {
                        return new Choice(after, prefix + "after '" + c + "'");
                    }
                }
            }
            // "I count twelve cars in total: seven in the front row and five in the back row":
            // the number right before a conclusion word that opens a breakdown is the answer.
            for (int j = markers.size() - 1; j >= 0; j--) {
                NumberMention before = beforeBreakdown(f, in, markers.get(j));
                if (before != null) {
                    int[] mk = markers.get(j);
                    return new Choice(
                            before,
                            "conclusion '"
                                    + Spans.label(f, mk[0], mk[1])
                                    + "', before its breakdown");
                }
            }
            Matcher vm = Spans.VERB.matcher(f).useTransparentBounds(true).useAnchoringBounds(false);
            for (int j = markers.size() - 1; j >= -1; j--) {
                if (j == -1) {
                    // no verb after a conclusion word: the last number after one, the last first,
                    // in its clause ("5块总共一百千卡", "so five apples in total"), then a verb
                    // anywhere in the sentence ("There are 7 fruits in total, 3 apples and 4
                    // pears.")
                    for (int m = markers.size() - 1; m >= 0; m--) {
                        int[] mk = markers.get(m);
                        NumberMention after =
                                Spans.lastFrom(in, mk[1], Spans.clauseEnd(f, mk[1], e));
                        if (after != null) {
                            return new Choice(
                                    after,
                                    "conclusion '" + Spans.label(f, mk[0], mk[1]) + "', after it");
                        }
                    }
                }
                vm.region(j >= 0 ? markers.get(j)[0] : s, e);
                while (vm.find()) {
                    NumberMention after = Spans.firstFrom(in, vm.end(), e);
                    if (after != null) {
                        return new Choice(after, prefix + "after '" + vm.group() + "'");
                    }
                }
            }
            NumberMention last = Spans.lastPreferStrong(in, questionValues);
            return new Choice(last, prefix + "last number");
        }
        return null;
    }

    static final Pattern BREAKDOWN_GAP = Pattern.compile("[^,;:.!?，；：。！？\\n\\d]{0,30}");

    /**
     * The number just before a conclusion word ("in total", "altogether", 总共, 一共) that a colon
     * follows — the total, before its parts — or null.
     */
    static NumberMention beforeBreakdown(String f, List<NumberMention> in, int[] mk) {
        char c = f.charAt(mk[0]);
        if (c == '=' || c == '≈') {
            return null;
        }
        int k = mk[1];
        while (k < f.length() && (f.charAt(k) == ' ' || f.charAt(k) == '*')) {
            k++;
        }
        if (k >= f.length() || (f.charAt(k) != ':' && f.charAt(k) != '：')) {
            return null;
        }
        NumberMention last = null;
        for (NumberMention m : in) {
            if (m.end() <= mk[0]) {
                last = m;
            }
        }
        if (last == null
                || !BREAKDOWN_GAP.matcher(f).region(last.end(), mk[0]).matches()
                || f.substring(last.end(), mk[0]).strip().split(" +").length > 4) {
            return null;
        }
        return last;
    }
}
