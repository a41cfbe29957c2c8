package org.vlmeval.scoring.refusal;

import org.vlmeval.scoring.text.Texts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Detects answers that decline the task, fully or partly, in English and Chinese.
 *
 * <p>A refusal is the assistant declining the user's request: "I can't help with that", "I'm sorry,
 * but I won't write this", "As an AI I cannot…", "It's not appropriate for me to…", "抱歉，我无法…". A
 * partial refusal ("I can't solve CAPTCHAs, but I can describe the image") counts too. Answers that
 * merely hedge ("I can't be certain, but…"), answer in the negative ("There is no dog"), apologise
 * and then answer, quote text ("The sign says: sorry, we can't…") or talk about someone else's
 * inability ("You cannot kill a process without its PID") are not refusals.
 *
 * <p>How it works: the text is folded (lower case, full-width and curly punctuation to ASCII)
 * without changing its length; quoted and reported text is blanked out (the guards); then the
 * strong rules are tried, each in its scope (anywhere, or only in the opening two sentences, where
 * an answer that declines says so; a caveat after a real answer is not a refusal). One strong rule
 * is enough. Otherwise two different weak cues are needed (e.g. "it's not recommended to…" and
 * "instead, …"). The first matching rule gives the cue, quoted from the original text.
 *
 * <p>The rules are data: {@code rules.txt} and its lexicons next to this class, loaded by {@link
 * RefusalRules} (format and how to add a phrase: docs/rules.md).
 *
 * <p>Instances are immutable and thread-safe: all patterns are compiled once, when the rules are
 * loaded, and {@link #detect} keeps its state in local variables.
 */
public final class RefusalDetector {

    /** The finish reason under which a server withheld the answer. */
    public static final String CONTENT_FILTER = "content_filter";

    private static final int MAX_CUE = 80;

    /** The longest quoted span that is blanked out. */
    private static final int MAX_QUOTE = 400;

    /** The opening: this many sentences, and at least {@link #OPENING_MIN_CHARS} characters. */
    private static final int OPENING_SENTENCES = 2;

    private static final int OPENING_MIN_CHARS = 160;

    private static final RefusalDetector INSTANCE = new RefusalDetector(RefusalRules.standard());

    private final RefusalRules rules;

    private RefusalDetector(RefusalRules rules) {
        this.rules = rules;
    }

    public static RefusalDetector create() {
        return INSTANCE;
    }

    /**
     * @param text the answer text
     * @param finishReason the server's finish reason, may be null; {@code content_filter} is a
     *     refusal
     */
    public Refusal detect(String text, String finishReason) {
        if (finishReason != null && CONTENT_FILTER.equalsIgnoreCase(finishReason.strip())) {
            return Refusal.because("finish_reason=" + CONTENT_FILTER);
        }
        if (text == null || text.isBlank()) {
            return Refusal.none();
        }
        Decision d = decide(text);
        return d == null ? Refusal.none() : Refusal.because(cue(text, d.start(), d.end()));
    }

    /**
     * What decided that an answer is a refusal: the first strong rule that matches, or the two (or
     * more) weak rules, the earliest of them quoted.
     *
     * @param rule the strong rule, or the weak rules joined by "+"
     */
    record Decision(String rule, int start, int end) {}

    /** The decision on a non-blank text, or null when it is not a refusal. */
    Decision decide(String text) {
        LiteralScan view = prepare(text);
        int opening = openingEnd(view.text());
        for (Rule rule : rules.strong()) {
            Matcher m = find(rule, view, opening);
            if (m != null) {
                return new Decision(rule.id(), m.start(), m.end());
            }
        }
        List<String> weak = new ArrayList<>();
        int firstStart = -1;
        int firstEnd = -1;
        for (Rule rule : rules.weak()) {
            Matcher m = find(rule, view, opening);
            if (m != null) {
                weak.add(rule.id());
                if (firstStart < 0 || m.start() < firstStart) {
                    firstStart = m.start();
                    firstEnd = m.end();
                }
            }
        }
        return weak.size() >= 2 ? new Decision(String.join("+", weak), firstStart, firstEnd) : null;
    }

    /** The ids of all rules that match, strong then weak; for tests and error analysis. */
    List<String> matchingRules(String text) {
        List<String> names = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return names;
        }
        LiteralScan view = prepare(text);
        int opening = openingEnd(view.text());
        for (List<Rule> group : List.of(rules.strong(), rules.weak())) {
            for (Rule rule : group) {
                if (find(rule, view, opening) != null) {
                    names.add(rule.id());
                }
            }
        }
        return names;
    }

    /**
     * The rule's first match within its scope, or null. A disclaimer followed by an announcement
     * that the answer proceeds anyway is no match.
     */
    private Matcher find(Rule rule, LiteralScan view, int opening) {
        int limit = rule.scope() == Rule.Scope.OPENING ? opening : view.text().length();
        return rule.find(
                view,
                0,
                limit,
                m ->
                        !(rule.disclaimer()
                                && rules.proceedsAnyway()
                                                .find(
                                                        view,
                                                        m.end(),
                                                        view.text().length(),
                                                        x -> true)
                                        != null));
    }

    /**
     * Folds the text and blanks out quoted and reported spans (same length as the original), ready
     * for the rules. When nothing was reported, the guard's look-ups are kept for the rules.
     */
    private LiteralScan prepare(String text) {
        char[] folded = fold(text);
        maskQuotes(folded);
        LiteralScan scan = new LiteralScan(new String(folded), rules.literals());
        boolean[] masked = {false};
        rules.reported()
                .find(
                        scan,
                        0,
                        folded.length,
                        m -> {
                            blank(folded, m.start(), m.end());
                            masked[0] = true;
                            return false; // every match is blanked, so go on
                        });
        return masked[0] ? new LiteralScan(new String(folded), rules.literals()) : scan;
    }

    /**
     * Lower case, curly quotes and apostrophes to ASCII, full-width ASCII to ASCII, every
     * whitespace but line breaks to a space; one char for one char, so offsets stay those of the
     * original.
     */
    static char[] fold(String text) {
        char[] out = text.toCharArray();
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            if (c < 0x80) { // ASCII fast path
                if (c >= 'A' && c <= 'Z') {
                    out[i] = (char) (c + ('a' - 'A'));
                } else if (c == '\r') {
                    out[i] = '\n';
                } else if (c == '`') {
                    out[i] = '\'';
                } else if (c < ' ' && c != '\n') {
                    out[i] = Character.isWhitespace(c) ? ' ' : c;
                }
                continue;
            }
            if (c >= 0xFF01 && c <= 0xFF5E) {
                c = (char) (c - 0xFEE0);
            }
            switch (c) {
                case '\u2018', '\u2019', '\u02BC', '\u2032', '\u00B4' -> c = '\'';
                case '\u201C', '\u201D', '\u201E', '\u2033' -> c = '"';
                case '\u2028', '\u2029', '\u0085' -> c = '\n';
                default -> {
                    if (Character.isWhitespace(c) || c == '\u00A0' || c == '\u3000') {
                        c = ' ';
                    } else {
                        c = Character.toLowerCase(c);
                    }
                }
            }
            out[i] = c;
        }
        return out;
    }

    /**
     * Blanks quoted spans that open and close on one line within {@link #MAX_QUOTE} chars: "…"
     * (straight or curly, already folded to straight), 「…」 and 『…』. An unclosed quote is left.
     */
    private static void maskQuotes(char[] text) {
        int i = 0;
        while (i < text.length) {
            char open = text[i];
            char close =
                    switch (open) {
                        case '"' -> '"';
                        case '「' -> '」';
                        case '『' -> '』';
                        default -> 0;
                    };
            if (close == 0) {
                i++;
                continue;
            }
            int end = -1;
            for (int j = i + 1; j < text.length && j <= i + MAX_QUOTE && text[j] != '\n'; j++) {
                if (text[j] == close) {
                    end = j;
                    break;
                }
            }
            if (end < 0) {
                i++;
                continue;
            }
            blank(text, i, end + 1);
            i = end + 1;
        }
    }

    private static void blank(char[] text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text[i] != '\n') {
                text[i] = ' ';
            }
        }
    }

    /**
     * The end of the opening: {@link #OPENING_SENTENCES} sentences, extended to at least {@link
     * #OPENING_MIN_CHARS} characters. A sentence ends at . ! ? followed by a space or line break,
     * at 。, or at a line break after text.
     */
    static int openingEnd(CharSequence s) {
        int n = s.length();
        int sentences = 0;
        boolean inSentence = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean end;
            if (c == '\n') {
                end = inSentence;
            } else if (c == '.' || c == '!' || c == '?') {
                end = inSentence && (i + 1 == n || Character.isWhitespace(s.charAt(i + 1)));
            } else if (c == '。') {
                end = inSentence;
            } else {
                if (!Character.isWhitespace(c)) {
                    inSentence = true;
                }
                continue;
            }
            if (end) {
                inSentence = false;
                sentences++;
                if (sentences >= OPENING_SENTENCES && i + 1 >= OPENING_MIN_CHARS) {
                    return i + 1;
                }
            }
        }
        return n;
    }

    /** The matched words, whitespace collapsed, at most {@link #MAX_CUE} chars. */
    private static String cue(String text, int start, int end) {
        String s = Texts.collapseWhitespace(text.substring(start, end));
        if (s.length() > MAX_CUE) {
            s = s.substring(0, MAX_CUE - 1).strip() + "…";
        }
        return s;
    }
}
