package org.vlmeval.scoring.reference;

import org.vlmeval.scoring.numeric.ExtractedNumber;
import org.vlmeval.scoring.numeric.NumberExtractor;
import org.vlmeval.scoring.text.AnswerNormalizer;
import org.vlmeval.scoring.text.Continuation;
import org.vlmeval.scoring.text.Latex;
import org.vlmeval.scoring.text.Texts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multiple choice: the response picks an option by its letter or by its text, in English or Chinese
 * ("B", "(B)", "The answer is (B) blue", "Option b.", "答案：B", "选A，红色", "The umbrella is blue").
 *
 * <p>The letter is read first, in this order: the whole response is a letter; a letter after an
 * answer marker (the last marker wins); a letter closing the response after "so", "thus",
 * "therefore", 所以 ("split four ways, so C."); a bracketed letter; a letter opening a line ("B.
 * blue"). Bare letters inside sentences are never read, so the article in "A red umbrella" picks
 * nothing. Without a letter, the option whose text the response names, not negated ("not red"), is
 * the choice; a longer option text beats one it contains ("light blue" over "blue"), and an option
 * named only as the other side of a comparison ("taller than the elephant", "比大象还高") is not picked.
 * An option that is a number or percentage ("30%") is found as that number, not inside a longer
 * one. An option ruled out somewhere ("不是布洛芬，布洛芬是止痛药") is dropped when another named option never
 * is. Naming several options is ambiguous and scored incorrect.
 */
public record ChoiceReference(String answer, Map<String, String> options) implements Reference {

    private static final String OPEN = "[(（\\[【]";
    private static final String CLOSE = "[)）\\]】]";

    /** The letter after a marker: "(B)", "B" (not the start of a word), "b." or "b" at the end. */
    private static final String MARKED_LETTER =
            "(?:"
                    + OPEN
                    + "\\s*([A-Za-z])\\s*"
                    + CLOSE
                    + "|([A-Z])(?![A-Za-z])|([a-z])(?=[.:：,，;；)）}]|\\s*$))";

    /**
     * A letter given as the answer: "the answer is B", "correct option: B", "I choose B", {@code
     * \\boxed{B}}, 答案是B, 选B, "which matches option B".
     */
    private static final Pattern MARKED =
            Pattern.compile(
                    "(?:answer|correct (?:option|choice)|right (?:option|choice)|best (?:option|choice)"
                            + "|(?:i(?:'d| would)? )?(?:choose|pick|select)|\\\\boxed\\{|选项|选择|答案|答|选"
                            // "which matches option A" (not "does not match option A")
                            + "|(?<!not |n't |never )(?:match(?:es)?|corresponds? to|(?:is )?consistent"
                            + " with|fits|agrees with) (?:option|choice))"
                            + "\\s*(?:is|would be|should be|:|：|为|是|应该是|应为)?\\s*"
                            + MARKED_LETTER,
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /**
     * A letter merely mentioned as an option ("Option A", "choice C"), which a discussion of the
     * rejected options also does: it counts only when not rejected and when it is the only one.
     */
    private static final Pattern MENTIONED =
            Pattern.compile(
                    "(?:option|choice)\\s*(?:is|:|：)?\\s*" + MARKED_LETTER,
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** After a letter: it is ruled out ("A is wrong", "C is also incorrect", "B不对"). */
    private static final Pattern REJECTED_AFTER =
            Pattern.compile(
                    "[\\s)）\\]】.:：]*(?:(?:is|are|seems|would be)\\s+(?:also\\s+|clearly\\s+)?"
                            + "(?:not\\b|wrong|incorrect|false|ruled out|eliminated|excluded|unlikely)"
                            + "|(?:also\\s+)?(?:wrong|incorrect)\\b|can(?:not|'t) be|isn't|doesn't|does not)"
                            + "|\\s*(?:选项|项)?\\s*(?:也|都)?(?:不对|错误|不正确|是错|不符)",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Before a letter: it is ruled out ("not B", "rule out option C", "排除A", "不是A"). */
    private static final Pattern REJECTED_BEFORE =
            Pattern.compile(
                    "(?:\\bnot|\\brule out|\\beliminate|\\bexclude|\\bunlike|排除|不是|不选)\\s*(?:option|choice|选项)?\\s*"
                            + OPEN
                            + "?\\s*$",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** A response whose first line is only a letter: "**B**", "(C)", "B." then the discussion. */
    private static final Pattern OPENING_LETTER =
            Pattern.compile("^[\\s*(（\\[【]*([A-Z])[\\s*)）\\]】.。:：]*(?:\\n|$)");

    /** "A:" as a model's answer prefix (Q: … A: …), not a choice of option A. */
    private static final Pattern ANSWER_PREFIX =
            Pattern.compile("^\\s*\\**A\\**\\s*[:：]\\s*(?=\\S)");

    /** A second letter offered as an alternative right after the one read. */
    private static final Pattern ALTERNATIVE =
            Pattern.compile(
                    "[\\s)）\\]】.]*(?:或者|或是|或|还是|、|和|与|及|/|,|，|\\s(?:or|and)\\s)\\s*"
                            + OPEN
                            + "?\\s*([A-Z])(?![A-Za-z])");

    private static final String AMBIGUOUS = "?";

    /** A letter closing the response after "so", "thus", 所以: "split four ways, so C." */
    private static final Pattern CONCLUDED =
            Pattern.compile(
                    "(?:\\b(?:so|thus|therefore|hence)|所以|因此|故)[\\s,，:：]*(?:(?:option|选项)\\s*)?"
                            + OPEN
                            + "?\\s*([A-Z])\\s*"
                            + CLOSE
                            + "?[\\s.。!！]*$");

    private static final Pattern BRACKETED = Pattern.compile(OPEN + "\\s*([A-Za-z])\\s*" + CLOSE);
    private static final Pattern LINE_START =
            Pattern.compile("(?m)^\\s*\\**([A-Z])\\**\\s*(?:[.)）:：、]|选项|项)");
    private static final Pattern LETTER_ONLY =
            Pattern.compile("^[\\s(（\\[【*]*([A-Za-z])[\\s)）\\]】.。:*]*$");
    private static final Pattern NEGATION =
            Pattern.compile(
                    "(?:\\b(?:not|no|isn't|isnt|never|rather than|instead of)(?:\\s+\\S+){0,2}|不是|并非|不)$"
                            // A comparison names the option it measures against, not the
                            // choice: "taller than the elephant", "more than the zebra and the
                            // lion", "compared with the lion", "比大象还高", "比斑马和狮子高".
                            + "|\\b(?:than|compared (?:to|with))(?:\\s+\\S+){0,3}?"
                            + "(?:\\s+(?:and|or|nor)(?:\\s+\\S+){0,2}?)*$"
                            + "|(?<![对无好])比(?![如较赛例])(?:[^\\s比]{1,8}?(?:和|与|及|或|跟|\\s))?\\s*$");

    public ChoiceReference {
        Map<String, String> upper = new LinkedHashMap<>();
        options.forEach((k, v) -> upper.put(k.strip().toUpperCase(Locale.ROOT), v));
        options = Map.copyOf(upper);
        answer = answer.strip().toUpperCase(Locale.ROOT);
        if (!options.containsKey(answer)) {
            throw new IllegalArgumentException(
                    "answer '" + answer + "' is not one of the options " + upper.keySet());
        }
        for (String key : options.keySet()) {
            if (!key.matches("[A-Z]")) {
                throw new IllegalArgumentException(
                        "option keys must be single letters, got '" + key + "'");
            }
        }
    }

    @Override
    public String type() {
        return "choice";
    }

    @Override
    public AnswerMatch match(String response, String question) {
        Choice choice = choose(response, question);
        return switch (choice.kind()) {
            case LETTER -> decide(choice.option(), "letter " + choice.option());
            case NAMED ->
                    decide(
                            choice.option(),
                            "names option "
                                    + choice.option()
                                    + " '"
                                    + Explain.clip(options.get(choice.option()))
                                    + "'");
            case VALUE ->
                    decide(
                            choice.option(),
                            "states the value of option "
                                    + choice.option()
                                    + " '"
                                    + Explain.clip(options.get(choice.option()))
                                    + "'");
            case AMBIGUOUS_LETTER ->
                    AnswerMatch.of(
                            false,
                            "choice: ambiguous, offers more than one letter, expected " + answer);
            case AMBIGUOUS_NAMES ->
                    AnswerMatch.of(
                            false,
                            "choice: ambiguous, names options "
                                    + choice.named()
                                    + ", expected "
                                    + answer);
            case NONE -> AnswerMatch.of(false, "choice: no option picked, expected " + answer);
        };
    }

    @Override
    public String reading(String response, String question) {
        Choice choice = choose(response, question);
        return switch (choice.kind()) {
            case LETTER, NAMED, VALUE -> "option:" + choice.option();
            case AMBIGUOUS_LETTER, AMBIGUOUS_NAMES, NONE ->
                    Reference.super.reading(response, question);
        };
    }

    /**
     * How an answer picks an option: one option (by letter, by naming it, or by stating the value
     * of a LaTeX number option), several, or none.
     */
    private record Choice(Kind kind, String option, List<String> named) {
        enum Kind {
            LETTER,
            NAMED,
            VALUE,
            AMBIGUOUS_LETTER,
            AMBIGUOUS_NAMES,
            NONE
        }
    }

    private Choice choose(String response, String question) {
        // An invented follow-up turn is not this answer; LaTeX is read as it renders.
        String text = Latex.toText(Continuation.cut(response));
        Matcher prefix = ANSWER_PREFIX.matcher(text);
        if (prefix.find()) {
            // "A: The umbrella is green" answers with option C; read what follows the prefix
            // first, and take A only when that names no option.
            Choice rest = chooseIn(text.substring(prefix.end()), response, question);
            if (rest.kind() != Choice.Kind.NONE) {
                return rest;
            }
        }
        return chooseIn(text, response, question);
    }

    private Choice chooseIn(String text, String response, String question) {
        String folded = Texts.fold(text).replace("**", "");
        // Letters are case-sensitive in some rules, so read them from the NFKC form, not lower
        // case.
        String nfkc =
                java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)
                        .replace("**", "");
        String letter = readLetter(nfkc);
        if (AMBIGUOUS.equals(letter)) {
            return new Choice(Choice.Kind.AMBIGUOUS_LETTER, null, List.of());
        }
        if (letter != null) {
            return new Choice(Choice.Kind.LETTER, letter, List.of());
        }
        List<String> named = namedOptions(folded);
        if (named.size() == 1) {
            return new Choice(Choice.Kind.NAMED, named.get(0), named);
        }
        if (named.isEmpty()) {
            String byValue = optionWithStatedValue(response, question);
            if (byValue != null) {
                return new Choice(Choice.Kind.VALUE, byValue, List.of());
            }
        }
        return new Choice(
                named.isEmpty() ? Choice.Kind.NONE : Choice.Kind.AMBIGUOUS_NAMES, null, named);
    }

    private AnswerMatch decide(String key, String how) {
        return AnswerMatch.of(key.equals(answer), "choice: " + how + ", expected " + answer);
    }

    /** A letter read from the answer and where its match ends. */
    private record Pick(String letter, int end) {}

    private String readLetter(String text) {
        Pick pick = pickLetter(text);
        if (pick == null) {
            return null;
        }
        // "答案是B或C", "B、C都有可能", "B or C": a second option offered as an alternative.
        Matcher alt = ALTERNATIVE.matcher(text);
        alt.region(pick.end(), text.length());
        if (alt.lookingAt()) {
            String other = known(alt.group(1));
            if (other != null && !other.equals(pick.letter())) {
                return AMBIGUOUS;
            }
        }
        return pick.letter();
    }

    private Pick pickLetter(String text) {
        Matcher only = LETTER_ONLY.matcher(text);
        if (only.matches()) {
            String k = known(only.group(1));
            return k == null ? null : new Pick(k, text.length());
        }
        Pick marked = lastUnrejected(MARKED.matcher(text), text);
        if (marked != null) {
            return marked;
        }
        Matcher opening = OPENING_LETTER.matcher(text);
        if (opening.find() && known(opening.group(1)) != null) {
            return new Pick(known(opening.group(1)), opening.end(1));
        }
        Pick mentioned = uniqueUnrejected(MENTIONED.matcher(text), text);
        if (mentioned != null) {
            return mentioned;
        }
        Matcher concluded = CONCLUDED.matcher(text);
        if (concluded.find() && known(concluded.group(1)) != null) {
            return new Pick(known(concluded.group(1)), concluded.end(1));
        }
        Pick unique = uniqueLetter(BRACKETED.matcher(text));
        return unique != null ? unique : uniqueLetter(LINE_START.matcher(text));
    }

    /** The last letter the matcher finds that the text does not rule out, or null. */
    private Pick lastUnrejected(Matcher m, String text) {
        Pick last = null;
        while (m.find()) {
            String k = markedLetter(m);
            if (k != null && !rejected(text, m)) {
                last = new Pick(k, m.end());
            }
        }
        return last;
    }

    /** The letter when all the letters the matcher finds, not ruled out, are one; else null. */
    private Pick uniqueUnrejected(Matcher m, String text) {
        Pick only = null;
        while (m.find()) {
            String k = markedLetter(m);
            if (k == null || rejected(text, m)) {
                continue;
            }
            if (only != null && !only.letter().equals(k)) {
                return null;
            }
            only = only == null ? new Pick(k, m.end()) : only;
        }
        return only;
    }

    private String markedLetter(Matcher m) {
        String g = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        return known(g);
    }

    /** "Option A is wrong", "not B", "排除C": the letter at this match is ruled out. */
    private static boolean rejected(String text, Matcher m) {
        if (REJECTED_AFTER.matcher(text).region(m.end(), text.length()).lookingAt()) {
            return true;
        }
        return REJECTED_BEFORE.matcher(text).region(Math.max(0, m.start() - 30), m.start()).find();
    }

    /** The letter when the rule finds exactly one distinct option letter, else null. */
    private Pick uniqueLetter(Matcher m) {
        Set<String> found = new LinkedHashSet<>();
        int end = -1;
        while (m.find()) {
            String k = known(m.group(1));
            if (k != null) {
                found.add(k);
                end = end < 0 ? m.end(1) : end;
            }
        }
        return found.size() == 1 ? new Pick(found.iterator().next(), end) : null;
    }

    private String known(String letter) {
        String k = letter.toUpperCase(Locale.ROOT);
        return options.containsKey(k) ? k : null;
    }

    private List<String> namedOptions(String folded) {
        folded = folded.replace('％', '%');
        String text = " " + String.join(" ", AnswerNormalizer.tokens(folded)) + " ";
        List<String> named = new ArrayList<>();
        Map<String, String> normalizedText = new LinkedHashMap<>();
        options.forEach(
                (k, v) ->
                        normalizedText.put(
                                k, String.join(" ", AnswerNormalizer.tokens(Latex.toText(v)))));
        Set<String> negated = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : normalizedText.entrySet()) {
            String v = e.getValue();
            if (v.isEmpty()) {
                continue;
            }
            Pattern number = numberOption(Latex.toText(options.get(e.getKey())));
            if (number != null
                    ? mentionedAffirmatively(folded, number)
                    : mentionedAffirmatively(text, v)) {
                named.add(e.getKey());
            }
            if (number == null && mentionedNegated(text, v)) {
                negated.add(e.getKey());
            }
        }
        // "不是布洛芬，布洛芬是止痛药。治疗过敏的是氯雷他定": an option ruled out earlier and then
        // mentioned again is not the pick when another option is named and never ruled out.
        if (named.size() > 1 && named.stream().anyMatch(k -> !negated.contains(k))) {
            named.removeIf(negated::contains);
        }
        // A longer option text that contains a shorter one ("light blue" / "blue") wins.
        named.removeIf(
                k ->
                        named.stream()
                                .anyMatch(
                                        o ->
                                                !o.equals(k)
                                                        && normalizedText.get(o).length()
                                                                > normalizedText.get(k).length()
                                                        && normalizedText
                                                                .get(o)
                                                                .contains(normalizedText.get(k))));
        named.sort(null);
        return named;
    }

    /**
     * For options written as numbers in LaTeX ("$\\sqrt{13}$", "$\\frac{1}{2}$"), the one option
     * whose value the response states as its number ("AB ≈ 3.61"), within 0.5%; else null.
     */
    private String optionWithStatedValue(String response, String question) {
        String found = null;
        Optional<ExtractedNumber> stated = Optional.empty();
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getValue().indexOf('\\') < 0) {
                continue; // plain options are found as text
            }
            Double v = plainValue(Latex.toNumbers(e.getValue()));
            if (v == null || v == 0) {
                continue;
            }
            if (stated.isEmpty()) {
                stated = NumberExtractor.extractAnswer(response, question);
                if (stated.isEmpty()) {
                    return null;
                }
            }
            if (Math.abs(stated.get().value() - v) <= 0.005 * Math.abs(v)) {
                if (found != null) {
                    return null;
                }
                found = e.getKey();
            }
        }
        return found;
    }

    private static Double plainValue(String s) {
        try {
            return Double.valueOf(s.replace("$", "").strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final Pattern NUMBER_OPTION =
            Pattern.compile("^\\s*([-+]?\\d+(?:\\.\\d+)?)\\s*(%?)\\s*$");

    /**
     * For an option that is a number or a percentage ("30%", "4"), a pattern finding that number in
     * the response, not as part of a longer number; else null.
     */
    private static Pattern numberOption(String option) {
        Matcher m = NUMBER_OPTION.matcher(Texts.fold(option));
        if (!m.matches()) {
            return null;
        }
        // Not an operand: "sqrt(4+9)" states neither 4 nor 9.
        return Pattern.compile(
                "(?<![\\d.+\\-*/×÷^(])"
                        + Pattern.quote(m.group(1))
                        + "(?![\\d]|\\.\\d|\\s*[+\\-*/×÷^])"
                        + (m.group(2).isEmpty() ? "(?!\\s*%)" : "\\s*%"));
    }

    private static boolean mentionedAffirmatively(String text, Pattern number) {
        Matcher m = number.matcher(text);
        while (m.find()) {
            String before = text.substring(Math.max(0, m.start() - 40), m.start()).strip();
            if (!NEGATION.matcher(before).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionedNegated(String text, String option) {
        boolean han = Texts.containsHan(option);
        String needle = han ? option : " " + option + " ";
        int at = text.indexOf(needle);
        while (at >= 0) {
            String before = text.substring(Math.max(0, at - 40), at).strip();
            if (NEGATION.matcher(before).find()) {
                return true;
            }
            at = text.indexOf(needle, at + 1);
        }
        return false;
    }

    private static boolean mentionedAffirmatively(String text, String option) {
        boolean han = Texts.containsHan(option);
        String needle = han ? option : " " + option + " ";
        int from = 0;
        while (true) {
            int at = text.indexOf(needle, from);
            if (at < 0) {
                return false;
            }
            String before = text.substring(Math.max(0, at - 40), at).strip();
            if (!NEGATION.matcher(before).find()) {
                return true;
            }
            from = at + 1;
        }
    }
}
