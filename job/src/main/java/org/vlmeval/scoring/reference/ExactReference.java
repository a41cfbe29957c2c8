package org.vlmeval.scoring.reference;

import org.vlmeval.scoring.text.AnswerNormalizer;
import org.vlmeval.scoring.text.Continuation;
import org.vlmeval.scoring.text.Latex;
import org.vlmeval.scoring.text.Texts;
import org.vlmeval.scoring.text.YesNoReading;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short answer compared after normalization ({@link AnswerNormalizer}) with any accepted answer.
 *
 * <p>Besides the whole response, the two sides of the first clause's copula are compared, so that
 * "The smallest fruit is the grape." and "Grapes are the smallest." both answer "grape", while "The
 * smallest is the lemon and the sourest is the grape" does not: only the first clause counts, which
 * keeps swapped answers wrong.
 */
public record ExactReference(List<String> answers) implements Reference {

    private static final Pattern CLAUSE_END =
            Pattern.compile("[!?;:\\n。！？；：，—–]|\\.(?!\\d)|,(?!\\d)| - ");
    private static final Pattern LOCATIVE =
            Pattern.compile(
                    " (?:next to|beside|near|behind|in front of|under|underneath|above|below|on top of"
                            + "|inside|outside|between|among|opposite) ");
    private static final Pattern ALTERNATIVES = Pattern.compile("\\b(?:or|either|nor)\\b|或|还是");
    private static final Pattern NEGATED =
            Pattern.compile(
                    "\\b(?:not|no|never|isn't|aren't|wasn't|don't|doesn't)\\b|n't |不是|不|没有|并非|非");
    private static final Pattern CONJUNCTION = Pattern.compile(" (?:and|but|while|whereas) |和|而");

    /**
     * Verbs that link a subject to the answer: "is", and the everyday ways answers say it ("appears
     * to be orange", "looks red", "is holding an umbrella", "是", "为").
     */
    private static final Pattern COPULA =
            Pattern.compile(
                    "(?<=\\b(?:that|it|this|there|here|what|which|who|he|she))'s "
                            + "| (?:(?:is|are) (?:holding|wearing|carrying)|is|are|was|were|equals|would be"
                            + "|(?:appears?|seems?) to be|looks? like|looks?|holds|has|have|shows) "
                            + "|(?<=\\p{IsHan})(?:是|为)");

    private static final Pattern COLOUR_TAIL =
            Pattern.compile("\\s+(?:in (?:colou?r|hue)|colou?red)\\s*$");
    private static final Pattern BRACKETED_ASIDE = Pattern.compile("[(（][^()（）]*[)）]");

    /** A short label before a colon: "**Title:** X", "Answer: X", "Colour: red", "书名：X". */
    private static final Pattern LABEL =
            Pattern.compile(
                    "^[\\s*_#>]*(?:[\\p{L}'’]+(?: [\\p{L}'’]+){0,3}|\\p{IsHan}{1,6})[\\s*_]*[:：][\\s*_]*(?=\\S)");

    /** Where a predicate's head ends: "red with a white stripe", "red and a white roof". */
    private static final Pattern PREDICATE_TAIL =
            Pattern.compile(" (?:with|and an?|and the|that|which|who|where) ");

    /** A Markdown bold span. */
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*\\n]+)\\*\\*");

    public ExactReference {
        answers = List.copyOf(answers);
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("answers must not be empty");
        }
    }

    @Override
    public String type() {
        return "exact";
    }

    @Override
    public AnswerMatch match(String response, String question) {
        // An invented follow-up turn is not this answer; LaTeX is read as it renders.
        response = Latex.toText(Continuation.cut(response));
        Set<String> expected = new LinkedHashSet<>();
        for (String a : answers) {
            expected.add(AnswerNormalizer.normalize(Latex.toText(a)));
        }
        Boolean yes = yesOrNo(expected);
        if (yes != null) {
            Optional<YesNoReading.Read> read = YesNoReading.read(response, question);
            if (read.isPresent()) {
                boolean said = read.get().yes();
                return AnswerMatch.of(
                        said == yes,
                        "exact: reads "
                                + (said ? "yes" : "no")
                                + " ("
                                + read.get().rule()
                                + "), expected "
                                + Explain.clip(String.join(" | ", answers)));
            }
        }
        List<String> candidates = candidates(response);
        for (String c : candidates) {
            if (!c.isEmpty() && expected.contains(c)) {
                return AnswerMatch.of(
                        true, "exact: '" + Explain.clip(c) + "' is an accepted answer");
            }
        }
        String stated = statedInFirstClause(response, expected);
        if (stated != null) {
            return AnswerMatch.of(
                    true, "exact: the first clause states '" + Explain.clip(stated) + "'");
        }
        String shown = candidates.isEmpty() ? "" : candidates.get(0);
        return AnswerMatch.of(
                false,
                "exact: '"
                        + Explain.clip(shown)
                        + "' is not one of "
                        + Explain.clip(String.join(" | ", answers)));
    }

    private static final Set<String> YES = Set.of("yes", "是", "true", "对", "有");
    private static final Set<String> NO = Set.of("no", "否", "false", "不是", "错", "没有");

    /**
     * True when every accepted answer is a yes, false when every one is a no, null otherwise: then
     * the question is a yes/no question and the answer is read for its yes or no ({@link
     * YesNoReading}), so that "There isn't any dog" answers "no".
     */
    private static Boolean yesOrNo(Set<String> expected) {
        if (expected.stream().allMatch(YES::contains)) {
            return true;
        }
        return expected.stream().allMatch(NO::contains) ? false : null;
    }

    /** The content of \boxed{…}, which marks the answer in LaTeX-writing models' output. */
    private static final Pattern BOXED = Pattern.compile("\\\\boxed\\{([^{}\\n]*)\\}");

    /**
     * A quoted span: "…", “…”, 「…」, 『…』, 《…》, or '…' not inside a word (so that "the dog's bowl"
     * quotes nothing).
     */
    private static final Pattern QUOTED =
            Pattern.compile(
                    "\"([^\"\\n]{1,80})\"|“([^”\\n]{1,80})”|「([^」\\n]{1,80})」|『([^』\\n]{1,80})』"
                            + "|《([^》\\n]{1,80})》|(?<![\\p{L}\\d])'([^'\\n]{1,80})'(?![\\p{L}\\d])");

    /**
     * The whole answer, then the subject and the predicate of its first clause; the same for the
     * text after a short leading label ("Title: X"); the one Markdown bold span, if there is
     * exactly one; the last boxed answer; and the first quoted span that its sentence does not
     * negate ('The sign says "Music is Great".', not 'It does not say "Open"').
     */
    static List<String> candidates(String response) {
        List<String> out = clauseCandidates(response);
        Matcher boxed = BOXED.matcher(response);
        String lastBoxed = null;
        while (boxed.find()) {
            lastBoxed = boxed.group(1);
        }
        if (lastBoxed != null) {
            out.add(AnswerNormalizer.normalize(lastBoxed));
        }
        String quoted = firstAffirmedQuote(response);
        if (quoted != null) {
            out.add(AnswerNormalizer.normalize(quoted));
        }
        Matcher label = LABEL.matcher(response);
        if (label.find()) {
            out.addAll(clauseCandidates(response.substring(label.end())));
        }
        Matcher bold = BOLD.matcher(response);
        if (bold.find()) {
            String only = bold.group(1);
            if (!bold.find()) {
                out.add(AnswerNormalizer.normalize(only));
            }
        }
        return out;
    }

    private static String firstAffirmedQuote(String response) {
        Matcher q = QUOTED.matcher(response);
        while (q.find()) {
            String inside = null;
            for (int g = 1; g <= q.groupCount() && inside == null; g++) {
                inside = q.group(g);
            }
            int sentenceStart = 0;
            for (int i = q.start() - 1; i >= 0 && sentenceStart == 0; i--) {
                char c = response.charAt(i);
                if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' || c == '。'
                        || c == '；') {
                    sentenceStart = i + 1;
                }
            }
            String before = Texts.fold(response.substring(sentenceStart, q.start()));
            if (!NEGATED.matcher(before).find()) {
                return inside;
            }
        }
        return null;
    }

    private static List<String> clauseCandidates(String response) {
        List<String> out = new ArrayList<>(4);
        out.add(AnswerNormalizer.normalize(response));
        // "狗（dog）", "Paris (the capital)": an aside in brackets is not part of the answer.
        String text = BRACKETED_ASIDE.matcher(response).replaceAll(" ");
        if (!text.equals(response)) {
            out.add(AnswerNormalizer.normalize(text));
        }
        FirstClause first = FirstClause.of(text);
        if (first.predicate() != null) {
            String predicate = first.predicate();
            out.add(
                    AnswerNormalizer.normalize(
                            COLOUR_TAIL.matcher(predicate.strip()).replaceFirst("")));
            out.add(AnswerNormalizer.normalize(first.subject()));
            // "The bus is red with a white stripe": the head of the predicate, before a
            // modifier.
            Matcher tail = PREDICATE_TAIL.matcher(predicate);
            if (tail.find() && tail.start() > 0) {
                out.add(
                        AnswerNormalizer.normalize(
                                COLOUR_TAIL
                                        .matcher(predicate.substring(0, tail.start()).strip())
                                        .replaceFirst("")));
            }
        }
        return out;
    }

    /**
     * The first clause of an answer, and around its first linking verb its subject and predicate
     * (null without a linking verb). "X is A and Y is B": the predicate ends before the conjunction
     * that opens the next statement, so A alone is compared; "red and white" without a second verb
     * stays whole.
     */
    private record FirstClause(String clause, String subject, String predicate) {

        static FirstClause of(String text) {
            String folded =
                    " " + Texts.fold(text).replace('’', '\'').strip().replaceAll("\\s+", " ") + " ";
            Matcher end = CLAUSE_END.matcher(folded);
            String clause = end.find(1) ? folded.substring(0, end.start()) + " " : folded;
            Matcher copula = COPULA.matcher(clause);
            if (!copula.find()) {
                return new FirstClause(clause, null, null);
            }
            String predicate = clause.substring(copula.end());
            Matcher second = COPULA.matcher(predicate);
            if (second.find()) {
                Matcher conj = CONJUNCTION.matcher(predicate.substring(0, second.start()));
                int cut = -1;
                while (conj.find()) {
                    cut = conj.start();
                }
                if (cut >= 0) {
                    predicate = predicate.substring(0, cut);
                }
            }
            return new FirstClause(clause, clause.substring(0, copula.start()), predicate);
        }
    }

    /**
     * The accepted answer that the first clause states within a longer phrase — in its predicate
     * when it has a linking verb ("Flight LH903 is going to Frankfurt", "It looks like the book is
     * by Jane Austen", "绿色书脊的那本是鲁迅的《呐喊》"), anywhere in it otherwise ("That's a cactus in the blue
     * pot", "MU5101航班飞往上海") — or null. Not when the clause negates it ("It is not a cactus") or
     * offers alternatives ("Frankfurt or Munich"), and never from a later clause, so swapped
     * answers stay wrong.
     */
    static String statedInFirstClause(String response, Set<String> expected) {
        String text = BRACKETED_ASIDE.matcher(response).replaceAll(" ");
        Matcher label = LABEL.matcher(text);
        if (label.find()) {
            text = text.substring(label.end());
        }
        FirstClause first = FirstClause.of(text);
        if (ALTERNATIVES.matcher(first.clause()).find()) {
            return null;
        }
        String region = first.predicate() != null ? first.predicate() : first.clause();
        // Only the head: "blue with green hinges", "a blue car which has green mirrors" and "a
        // rose next to the tulip" state neither "green" nor "tulip".
        region = cutAt(PREDICATE_TAIL, cutAt(LOCATIVE, region));
        String words = " " + AnswerNormalizer.normalize(region) + " ";
        String clause = " " + AnswerNormalizer.normalize(first.clause()) + " ";
        for (String answer : expected) {
            if (answer.isEmpty() || indexOf(words, answer) < 0) {
                continue;
            }
            // Negation anywhere before the answer in the clause: "is not bound for", "不是开往".
            int at = indexOf(clause, answer);
            if (at >= 0 && !NEGATED.matcher(clause.substring(0, at)).find()) {
                return answer;
            }
        }
        return null;
    }

    private static String cutAt(Pattern boundary, String text) {
        Matcher m = boundary.matcher(text);
        return m.find() && m.start() > 0 ? text.substring(0, m.start()) : text;
    }

    private static int indexOf(String words, String answer) {
        return Texts.containsHan(answer)
                ? words.indexOf(answer)
                : words.indexOf(" " + answer + " ");
    }
}
