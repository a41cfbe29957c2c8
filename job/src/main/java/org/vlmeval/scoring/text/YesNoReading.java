package org.vlmeval.scoring.text;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the yes or the no in an answer to a yes/no question, in English and Chinese, by the first
 * of these rules that applies:
 *
 * <ol>
 *   <li><b>marker</b> — "the answer is no", "Final answer: yes", {@code \boxed{yes}}, 答案：是; the
 *       last marker wins.
 *   <li><b>leading word</b> — "Yes, …", "No.", "Nope", "Correct", 是的, 对, 有, 不是, 没有, 否.
 *   <li><b>conclusion</b> — for answers that reason first: the last sentence opened by "so",
 *       "therefore", "thus", "in conclusion", 所以, 因此, 综上, when it says yes or no or names something
 *       the question asks about ("Is Canada the maximum?" — "… Therefore, Canada is not the
 *       maximum."), is read like a first sentence (below). A conclusion about something else
 *       ("There is a dog. So it is not a cat.") is not the answer.
 *   <li><b>first sentence</b> — POPE's convention (LLaVA's {@code llava/eval/eval_pope.py}, commit
 *       4241f08 of haotian-liu/LLaVA: keep the text before the first '.', drop commas, answer no if
 *       the words include "No", "not" or "no", else yes), widened to contractions ("isn't"),
 *       "none", "never", "nothing", "neither" and Chinese negation (没有, 不, 无, 并非): "There is no
 *       dog" and "X is not the maximum" are no, "The dog is on the sofa" is yes. A sentence that
 *       states the <b>opposite</b> of the state the question asks about (from {@code
 *       yesno-opposites.tsv}: "Is the door open?" — "The door is closed.") and does not name the
 *       asked state itself reads the other way: closed is no, "not closed" is yes.
 * </ol>
 *
 * <p>"No doubt" and "not only" negate nothing. A text with no letters reads nothing.
 */
public final class YesNoReading {

    private YesNoReading() {}

    /** A yes or a no, and the rule that read it, for explanations. */
    public record Read(boolean yes, String rule) {}

    private static final Set<String> YES_WORDS =
            Set.of(
                    "yes",
                    "yeah",
                    "yep",
                    "yup",
                    "correct",
                    "true",
                    "indeed",
                    "absolutely",
                    "certainly",
                    "right",
                    "affirmative");
    private static final Set<String> NO_WORDS =
            Set.of("no", "nope", "not", "incorrect", "false", "never", "none", "negative", "wrong");

    private static final Pattern MARKER =
            Pattern.compile(
                    "(?:\\banswer\\b\\**\\s*(?:is|would be|should be|:)|\\\\boxed\\{|答案\\s*(?:是|为|:))"
                            + "[\\s*:\"'“‘(\\[{]*(yes|no|是|否|对|错|有|没有|不是)(?![a-z])");

    private static final Pattern LEADING_EN = Pattern.compile("^[\\s*#>_\"'“‘(\\[]*([a-z]+)");
    private static final Pattern LEADING_ZH =
            Pattern.compile(
                    "^[\\s*#>_\"'“‘「(（\\[]*(不是|没有|不对|不正确|不存在|否|是的|是|对的|对|有的|有|正确|错误|错)(?![定确])");
    private static final Set<String> ZH_NO = Set.of("不是", "没有", "不对", "不正确", "不存在", "否", "错误", "错");

    private static final Pattern CONCLUSION =
            Pattern.compile(
                    "(?:^|[.!?。！？\\n]\\s*)(?:so|therefore|thus|hence|in conclusion|overall|in summary"
                            + "|所以|因此|综上所述|综上|总之|故)[\\s,，:：]*");

    /** Negation as POPE reads it (no, not), and its close kin. */
    private static final Pattern NEGATION =
            Pattern.compile(
                    "\\b(?:no(?! doubt)|not(?! only)|none|never|nothing|neither|nor|nobody|nowhere)\\b"
                            + "|n't\\b|没有|并非|不|无|否|未");

    /**
     * Reads the answer; empty when the text has no letters to read.
     *
     * @param question the question asked, whose words tell a conclusion about it from an aside; may
     *     be empty
     */
    public static Optional<Read> read(String response, String question) {
        String f = Texts.fold(response).replace('’', '\'').replace("**", "");
        Matcher marker = MARKER.matcher(f);
        String marked = null;
        while (marker.find()) {
            marked = marker.group(1);
        }
        if (marked != null) {
            return Optional.of(new Read(isYesWord(marked), "marker '" + marked + "'"));
        }
        Matcher en = LEADING_EN.matcher(f);
        if (en.find()) {
            String w = en.group(1);
            String rest = f.substring(en.end());
            boolean idiom =
                    (w.equals("no") && rest.startsWith(" doubt"))
                            || (w.equals("not") && rest.startsWith(" only"));
            if (!idiom && YES_WORDS.contains(w)) {
                return Optional.of(new Read(true, "leading '" + w + "'"));
            }
            if (!idiom && NO_WORDS.contains(w)) {
                return Optional.of(new Read(false, "leading '" + w + "'"));
            }
        }
        Matcher zh = LEADING_ZH.matcher(f);
        if (zh.find()) {
            String w = zh.group(1);
            return Optional.of(new Read(!ZH_NO.contains(w), "leading '" + w + "'"));
        }
        // The rules below compare with the question: folded once, only when they are reached.
        String q = Texts.fold(question);
        Matcher conclusion = CONCLUSION.matcher(f);
        int last = -1;
        while (conclusion.find()) {
            last = conclusion.end();
        }
        if (last > 0) {
            String sentence = firstSentence(f.substring(last));
            if (hasLetters(sentence)
                    && (LEADING_EN.matcher(sentence).find()
                                    && (YES_WORDS.contains(firstWord(sentence))
                                            || NO_WORDS.contains(firstWord(sentence)))
                            || sharesWords(sentence, q))) {
                return Optional.of(byNegation(sentence, "conclusion", q));
            }
        }
        String first = firstSentence(f);
        return hasLetters(first)
                ? Optional.of(byNegation(first, "first sentence", q))
                : Optional.empty();
    }

    private static String firstWord(String sentence) {
        Matcher m = LEADING_EN.matcher(sentence);
        return m.find() ? m.group(1) : "";
    }

    private static final Set<String> STOPWORDS =
            Set.of(
                    "the", "there", "this", "that", "these", "those", "are", "was", "were", "does",
                    "did", "image", "picture", "photo", "shown", "any", "have", "has", "with",
                    "and", "for", "than", "more", "less", "can", "you", "see", "its", "it's",
                    "not");

    /** Whether the sentence names a content word (or a Han character pair) of the question. */
    static boolean sharesWords(String sentence, String question) {
        String words = " " + NON_LETTERS.matcher(sentence).replaceAll(" ") + " ";
        Matcher w = WORD.matcher(question);
        while (w.find()) {
            String word = w.group();
            // a prefix match, so that "dogs" in the sentence names "dog" of the question
            if (word.length() >= 3 && !STOPWORDS.contains(word) && words.contains(" " + word)) {
                return true;
            }
        }
        for (int i = 0; i + 1 < question.length(); i++) {
            if (isHan(question.charAt(i))
                    && isHan(question.charAt(i + 1))
                    && sentence.contains(question.substring(i, i + 2))) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern WORD = Pattern.compile("[a-z][a-z']+");
    private static final Pattern NON_LETTERS = Pattern.compile("[^a-z']+");

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static boolean isYesWord(String w) {
        String l = w.toLowerCase(Locale.ROOT);
        return l.equals("yes") || l.equals("是") || l.equals("对") || l.equals("有");
    }

    private static Read byNegation(String sentence, String rule, String foldedQuestion) {
        Matcher m = NEGATION.matcher(sentence);
        boolean negated = m.find();
        String opposite = statedOpposite(sentence, foldedQuestion);
        if (opposite != null) {
            return negated
                    ? new Read(true, rule + ", '" + opposite + "' negated by '" + m.group() + "'")
                    : new Read(false, rule + ", states '" + opposite + "'");
        }
        return negated
                ? new Read(false, rule + ", negated by '" + m.group() + "'")
                : new Read(true, rule + ", not negated");
    }

    /** Each state of {@code yesno-opposites.tsv} with its opposites, both ways round. */
    private static final Map<String, Set<String>> OPPOSITES = loadOpposites();

    private static Map<String, Set<String>> loadOpposites() {
        Map<String, Set<String>> out = new HashMap<>();
        for (String[] row : KeywordTable.rows(YesNoReading.class, "yesno-opposites.tsv", 2)) {
            for (String other : row[1].split("\\|")) {
                out.computeIfAbsent(row[0], k -> new HashSet<>()).add(other);
                out.computeIfAbsent(other, k -> new HashSet<>()).add(row[0]);
            }
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        out.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        return Map.copyOf(frozen);
    }

    /**
     * The word of the sentence that states the opposite of the one state the question asks about,
     * or null: the question names exactly one state word of the table (and none of its opposites),
     * the sentence names an opposite of it and not the state itself.
     */
    static String statedOpposite(String sentence, String foldedQuestion) {
        Set<String> asked = new HashSet<>();
        Matcher q = WORD.matcher(foldedQuestion);
        while (q.find()) {
            if (OPPOSITES.containsKey(q.group())) {
                asked.add(q.group());
            }
        }
        if (asked.size() != 1) {
            return null; // none, or "open or closed?": not a yes/no about one state
        }
        String state = asked.iterator().next();
        Set<String> said = new HashSet<>();
        Matcher s = WORD.matcher(sentence);
        while (s.find()) {
            said.add(s.group());
        }
        if (said.contains(state)) {
            return null;
        }
        for (String opposite : OPPOSITES.get(state)) {
            if (said.contains(opposite)) {
                return opposite;
            }
        }
        return null;
    }

    /**
     * The text before the first sentence end (. ! ? ; 。 ！ ？ ； or a line break) that has letters.
     */
    static String firstSentence(String f) {
        int start = 0;
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            boolean end =
                    c == '!'
                            || c == '?'
                            || c == ';'
                            || c == '\n'
                            || c == '。'
                            || c == '！'
                            || c == '？'
                            || c == '；'
                            || (c == '.'
                                    && !(i > 0
                                            && i + 1 < f.length()
                                            && Character.isDigit(f.charAt(i - 1))
                                            && Character.isDigit(f.charAt(i + 1))));
            if (end) {
                if (hasLetters(f.substring(start, i))) {
                    return f.substring(start, i);
                }
                start = i + 1;
            }
        }
        return f.substring(start);
    }

    private static boolean hasLetters(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
