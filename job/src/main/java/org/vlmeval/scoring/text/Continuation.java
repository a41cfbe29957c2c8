package org.vlmeval.scoring.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts off a conversation the model goes on to invent after its answer: base and lightly tuned
 * models often continue with "Question: How many dogs are there? Answer: 2" or "Human: …", and the
 * answer to the invented question must not be read as the answer to the real one.
 *
 * <p>The cut is at the first line that opens a new turn ({@code Question:}, {@code Q:}, {@code
 * Question 2:}, {@code ### Question}, {@code Human:}, {@code User:}, {@code USER:}, 问题：, 问：, 用户：),
 * provided some answer stands before it. A response that starts with such a line (a model echoing
 * the question before answering) is left whole.
 */
public final class Continuation {

    private Continuation() {}

    private static final Pattern NEW_TURN =
            Pattern.compile(
                    "(?m)^[ \\t>#*]*(?:(?:question|q)(?:\\s*\\d+)?\\s*\\**\\s*[:：]"
                            + "|(?:human|user|usr)\\s*\\**\\s*[:：]|###\\s*question\\b"
                            + "|<\\|?(?:user|im_start)\\|?>|问题\\s*\\d*\\s*[:：]|问\\s*[:：]|用户\\s*[:：])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** The response up to the first invented turn; the whole response when there is none. */
    public static String cut(String response) {
        if (!mayHaveTurn(response)) {
            return response;
        }
        Matcher m = NEW_TURN.matcher(response);
        while (m.find()) {
            if (m.start() > 0 && hasContent(response, m.start())) {
                return response.substring(0, m.start());
            }
        }
        return response;
    }

    /** A cheap look for a colon, '<' or '#' after a line break, before running the pattern. */
    private static boolean mayHaveTurn(String s) {
        int nl = s.indexOf('\n');
        return nl >= 0
                && (s.indexOf(':', nl) >= 0
                        || s.indexOf('：', nl) >= 0
                        || s.indexOf('<', nl) >= 0
                        || s.indexOf('#', nl) >= 0);
    }

    private static boolean hasContent(String s, int to) {
        for (int i = 0; i < to; i++) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
