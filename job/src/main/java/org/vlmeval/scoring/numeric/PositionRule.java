package org.vlmeval.scoring.numeric;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Position, when no rule before found a stated answer: numbers also in the question are used only
 * when nothing else is left; one value left is the answer; an answer-first response gives its first
 * number (alone in its sentence, or named by the question's subject, or followed by its breakdown);
 * otherwise a reasoning chain, and its last number. See {@link NumberExtractor}.
 */
final class PositionRule implements NumericRule {

    @Override
    public Choice choose(Reading r) {
        String f = r.text();
        Set<Double> questionValues = r.questionValues();
        List<NumberMention> plain = new ArrayList<>();
        for (NumberMention m : r.mentions()) {
            if (!m.hedged()) {
                plain.add(m);
            }
        }
        if (plain.isEmpty()) {
            return null;
        }
        List<NumberMention> strong = new ArrayList<>();
        for (NumberMention m : plain) {
            if (!questionValues.contains(m.value())) {
                strong.add(m);
            }
        }
        boolean weakOnly = strong.isEmpty();
        List<NumberMention> cands = weakOnly ? plain : strong;
        String note = weakOnly ? " (also in question)" : "";
        double v0 = cands.get(0).value();
        boolean oneValue = cands.stream().allMatch(m -> m.value() == v0);
        if (oneValue) {
            return new Choice(cands.get(0), "only number" + note);
        }
        if (!Spans.hasArithmetic(f)) {
            for (int[] s : r.sentences()) {
                List<NumberMention> in = Spans.between(cands, s[0], s[1]);
                if (!in.isEmpty()) {
                    if (in.size() == 1) {
                        return new Choice(in.get(0), "first sentence" + note);
                    }
                    if (cands.get(cands.size() - 1).end() <= s[1]) {
                        Choice c = byQuestionTerms(f, s[0], s[1], in, r.mentions(), r.question());
                        if (c == null && isBreakdown(f, in, s[1])) {
                            c = new Choice(in.get(0), "answer, then its breakdown");
                        }
                        if (c != null) {
                            return new Choice(c.mention(), c.rule() + note);
                        }
                    }
                    break;
                }
            }
        }
        return new Choice(cands.get(cands.size() - 1), "last number" + note);
    }

    /**
     * Within one sentence of several numbers, the number whose clause alone shares words with the
     * question ("What share is blue?" — "blue is 35%, red 40% and green 25%"), or null.
     */
    static Choice byQuestionTerms(
            String f,
            int from,
            int to,
            List<NumberMention> in,
            List<NumberMention> all,
            String question) {
        if (question == null || question.isBlank()) {
            return null;
        }
        Set<String> asked = terms(NumberScanner.fold(question), 0, question.length());
        if (asked.isEmpty()) {
            return null;
        }
        List<int[]> seps = new ArrayList<>();
        Matcher sm = CLAUSE_SEPARATOR.matcher(f).region(from, to);
        while (sm.find()) {
            seps.add(new int[] {sm.start(), sm.end()});
        }
        int n = in.size();
        List<Set<String>> clauseTerms = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NumberMention m = in.get(i);
            int cs = from;
            int ce = to;
            for (int[] sep : seps) {
                if (sep[1] <= m.start()) {
                    cs = sep[1];
                } else if (sep[0] >= m.end()) {
                    ce = sep[0];
                    break;
                }
            }
            if (Spans.between(all, cs, ce).size() != 1) {
                return null; // clauses are not parallel ("5 pieces with 20 kcal each")
            }
            Set<String> t = terms(f, cs, ce);
            t.retainAll(asked);
            clauseTerms.add(t);
        }
        // clauses are parallel: one number each
        int[] score = new int[n];
        int bestScore = 0;
        for (int i = 0; i < n; i++) {
            for (String t : clauseTerms.get(i)) {
                boolean elsewhere = false;
                for (int j = 0; j < n && !elsewhere; j++) {
                    elsewhere = j != i && clauseTerms.get(j).contains(t);
                }
                if (!elsewhere) {
                    score[i]++;
                }
            }
            bestScore = Math.max(bestScore, score[i]);
        }
        if (bestScore == 0) {
            return null;
        }
        List<Integer> best = new ArrayList<>(2);
        for (int i = 0; i < n; i++) {
            if (score[i] == bestScore) {
                best.add(i);
            }
        }
        // a tie between the first clause (the whole: "11 chairs in the room") and one later clause
        // (a part: "4 of them are occupied") goes to the part, which the question narrows down to
        int chosen =
                best.size() == 1
                        ? best.get(0)
                        : best.size() == 2 && best.get(0) == 0 ? best.get(1) : -1;
        return chosen < 0
                ? null
                : new Choice(in.get(chosen), "clause naming the question's subject");
    }

    /** Content words (crudely singular) and Han character pairs of {@code f[from, to)}. */
    static Set<String> terms(String f, int from, int to) {
        Set<String> out = new HashSet<>();
        int i = from;
        while (i < to) {
            char c = f.charAt(i);
            if (c >= 'a' && c <= 'z') {
                int j = i;
                while (j < to && f.charAt(j) >= 'a' && f.charAt(j) <= 'z') {
                    j++;
                }
                String w = f.substring(i, j);
                if (w.length() > 2 && !STOPWORDS.contains(w)) {
                    out.add(w.endsWith("s") && w.length() > 3 ? w.substring(0, w.length() - 1) : w);
                }
                i = j;
            } else if (isHan(c)) {
                if (i + 1 < to && isHan(f.charAt(i + 1))) {
                    out.add(f.substring(i, i + 2));
                }
                i++;
            } else {
                i++;
            }
        }
        return out;
    }

    static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /**
     * Whether the numbers after the first one break it down: a colon, a bracket or a word like
     * "including", "of whom", "while", 其中, 分别 between the first two; "more" or "of whom" right
     * after the second ("and 2 more", "2 of whom"); "the other", "the rest", 另一, 其余 after the
     * second (一匹是白马，另一匹是棕马); or the rest, noun phrases without a verb of their own, adding up to
     * the first (3 + 2 = 5) or, two of them, multiplying to it ("3 rows of 4"). No part may exceed
     * the first number ("5 pieces: 100 kcal" is no breakdown).
     */
    static boolean isBreakdown(String f, List<NumberMention> in, int sentenceEnd) {
        NumberMention first = in.get(0);
        NumberMention second = in.get(1);
        for (int i = 1; i < in.size(); i++) {
            if (in.get(i).value() > first.value() || in.get(i).value() <= 0) {
                return false; // a part is not larger than the whole
            }
        }
        if (BREAKDOWN_MARKER.matcher(f).region(first.end(), second.start()).find()) {
            return true;
        }
        if (MORE_AFTER.matcher(f).region(second.end(), f.length()).lookingAt()
                || OTHER_PART.matcher(f).region(second.end(), sentenceEnd).find()) {
            return true;
        }
        if (in.size() < 3 || Spans.VERB.matcher(f).region(first.end(), sentenceEnd).find()) {
            return false; // "12 seats, 3 are taken, and 9 are free" is a chain of statements
        }
        double sum = 0;
        for (int i = 1; i < in.size(); i++) {
            sum += in.get(i).value();
        }
        double v = first.value();
        return Math.abs(sum - v) < 1e-9 * Math.max(1, Math.abs(v))
                || (in.size() == 3
                        && Math.abs(in.get(1).value() * in.get(2).value() - v)
                                < 1e-9 * Math.max(1, Math.abs(v)));
    }

    static final Pattern CLAUSE_SEPARATOR =
            Pattern.compile(
                    "[,，;；:：、()（）]|\\b(?:and|while|whereas|but|including|of whom|of which)\\b"
                            + "|和|而|其中|分别|另");

    static final Pattern BREAKDOWN_MARKER =
            Pattern.compile(
                    "[:：(（]|\\b(?:including|includes?|of (?:whom|which|them)|among them|while"
                            + "|whereas|namely|consisting of|made up of|plus)\\b"
                            + "|其中|分别|包括|包含|另外|另一|另有|还有|还");

    static final Pattern MORE_AFTER =
            Pattern.compile("\\s*(?:more|others?|extra|of (?:whom|which|them))\\b");

    /** The remaining part of a whole: "the other", "the rest", 另一, 其余. */
    static final Pattern OTHER_PART =
            Pattern.compile(
                    "\\b(?:the other|the others|the rest|the remaining|another)\\b"
                            + "|另一|另外|其余|其他|其它|剩下的|剩余的");

    static final Set<String> STOPWORDS =
            Set.of(
                    "the", "are", "is", "was", "were", "there", "how", "many", "much", "what",
                    "which", "who", "does", "did", "this", "that", "these", "those", "and", "with",
                    "from", "its", "show", "shown", "shows", "see", "can", "you", "number", "count",
                    "total", "image", "picture", "photo", "for", "have", "has", "any", "all", "in");
}
