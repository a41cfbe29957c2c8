package org.vlmeval.scoring.reference;

import org.vlmeval.scoring.text.AnswerNormalizer;
import org.vlmeval.scoring.text.Texts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    private static final Pattern MARKED =
            Pattern.compile(
                    "(?:answer|option|choice|选项|选择|答案|答|选)\\s*(?:is|would be|:|：|为|是|应该是|应为)?\\s*"
                            + "(?:"
                            + OPEN
                            + "\\s*([A-Za-z])\\s*"
                            + CLOSE
                            + "|([A-Z])(?![A-Za-z])|([a-z])(?=[.:：,，;；)）]|\\s*$))",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

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
        Choice choice = choose(response);
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
        Choice choice = choose(response);
        return switch (choice.kind()) {
            case LETTER, NAMED -> "option:" + choice.option();
            case AMBIGUOUS_LETTER, AMBIGUOUS_NAMES, NONE ->
                    Reference.super.reading(response, question);
        };
    }

    /** How an answer picks an option: one option (by letter or by naming it), several, or none. */
    private record Choice(Kind kind, String option, List<String> named) {
        enum Kind {
            LETTER,
            NAMED,
            AMBIGUOUS_LETTER,
            AMBIGUOUS_NAMES,
            NONE
        }
    }

    private Choice choose(String response) {
        String folded = Texts.fold(response).replace("**", "");
        // Letters are case-sensitive in some rules, so read them from the NFKC form, not lower
        // case.
        String nfkc =
                java.text.Normalizer.normalize(response, java.text.Normalizer.Form.NFKC)
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
        Pick marked = null;
        Matcher m = MARKED.matcher(text);
        while (m.find()) {
            String g =
                    m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String k = known(g);
            if (k != null) {
                marked = new Pick(k, m.end());
            }
        }
        if (marked != null) {
            return marked;
        }
        Matcher concluded = CONCLUDED.matcher(text);
        if (concluded.find() && known(concluded.group(1)) != null) {
            return new Pick(known(concluded.group(1)), concluded.end(1));
        }
        Pick unique = uniqueLetter(BRACKETED.matcher(text));
        return unique != null ? unique : uniqueLetter(LINE_START.matcher(text));
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
                (k, v) -> normalizedText.put(k, String.join(" ", AnswerNormalizer.tokens(v))));
        Set<String> negated = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : normalizedText.entrySet()) {
            String v = e.getValue();
            if (v.isEmpty()) {
                continue;
            }
            Pattern number = numberOption(options.get(e.getKey()));
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
        return Pattern.compile(
                "(?<![\\d.])"
                        + Pattern.quote(m.group(1))
                        + "(?![\\d]|\\.\\d)"
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
