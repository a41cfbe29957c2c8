package org.vlmeval.scoring.reference;

import java.util.regex.Pattern;

/**
 * Correct when the pattern is found anywhere in the response ({@link
 * java.util.regex.Matcher#find}). Flags go inline, e.g. {@code (?i)}. Matching runs on a budget so
 * that a pathological pattern cannot stall a stream: past it the answer is scored incorrect with an
 * explanation.
 */
public record RegexReference(String pattern, Pattern compiled) implements Reference {

    /** Character reads allowed per match; generous for any sane pattern on a long answer. */
    static final long BUDGET = 5_000_000L;

    public RegexReference {
        if (!compiled.pattern().equals(pattern)) {
            throw new IllegalArgumentException("compiled pattern differs from pattern");
        }
    }

    /**
     * @throws java.util.regex.PatternSyntaxException when the pattern is not a valid Java regular
     *     expression
     */
    public static RegexReference of(String pattern) {
        return new RegexReference(pattern, Pattern.compile(pattern));
    }

    @Override
    public String type() {
        return "regex";
    }

    @Override
    public AnswerMatch match(String response, String question) {
        try {
            boolean found = compiled.matcher(new BudgetedChars(response, BUDGET)).find();
            return AnswerMatch.of(
                    found,
                    "regex /" + Explain.clip(pattern) + "/ " + (found ? "found" : "not found"));
        } catch (BudgetedChars.BudgetExceeded e) {
            return AnswerMatch.of(
                    false, "regex /" + Explain.clip(pattern) + "/ gave up: too much backtracking");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegexReference r && r.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    /** A CharSequence that stops a runaway regex by counting reads. */
    static final class BudgetedChars implements CharSequence {
        static final class BudgetExceeded extends RuntimeException {
            BudgetExceeded() {
                super("regex budget exceeded", null, false, false);
            }
        }

        private final String text;
        private final long[] remaining;
        private final int offset;
        private final int length;

        BudgetedChars(String text, long budget) {
            this(text, new long[] {budget}, 0, text.length());
        }

        private BudgetedChars(String text, long[] remaining, int offset, int length) {
            this.text = text;
            this.remaining = remaining;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (--remaining[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(offset + index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedChars(text, remaining, offset + start, end - start);
        }

        @Override
        public String toString() {
            return text.substring(offset, offset + length);
        }
    }
}
