package org.vlmeval.scoring.numeric;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ratios, when the question asks for one: "What is the ratio of boys to girls?" — "5:3" is 5/3.
 * Elsewhere "5:3" is a time or a score and stays unread, so the question decides.
 */
final class QuestionRatio {

    private QuestionRatio() {}

    private static final Pattern ASKS_RATIO = Pattern.compile("\\bratio\\b|比值|之比|比率");

    /** "5:3", "5 : 3", "5∶3", "1:2.5"; not part of a longer run of colons ("10:30:15"). */
    private static final Pattern RATIO =
            Pattern.compile(
                    "(?<![\\d.:：])(\\d+(?:\\.\\d+)?)\\s*[:：∶]\\s*(\\d+(?:\\.\\d+)?)(?!\\d|\\.\\d|\\s*[:：∶]\\s*\\d)");

    /**
     * The response with each ratio written as its value when the question asks for a ratio; else
     * unchanged.
     *
     * @param foldedQuestion the question, NFKC and lower case
     */
    static String asValues(String response, String foldedQuestion) {
        if (foldedQuestion.isEmpty()
                || response.indexOf(':') < 0
                        && response.indexOf('：') < 0
                        && response.indexOf('∶') < 0
                || !ASKS_RATIO.matcher(foldedQuestion).find()) {
            return response;
        }
        Matcher m = RATIO.matcher(response);
        StringBuilder out = new StringBuilder(response.length());
        while (m.find()) {
            double a = Double.parseDouble(m.group(1));
            double b = Double.parseDouble(m.group(2));
            String value =
                    b == 0
                            ? m.group()
                            : new BigDecimal(a / b)
                                    .round(new MathContext(10))
                                    .stripTrailingZeros()
                                    .toPlainString();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
