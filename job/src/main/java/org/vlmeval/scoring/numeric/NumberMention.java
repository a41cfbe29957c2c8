package org.vlmeval.scoring.numeric;

/**
 * One number written in a text.
 *
 * @param value the value it denotes ("1,234.5" → 1234.5, "20%" → 20, "两千三百" → 2300); for a hedged
 *     mention the lower (first) of its values
 * @param start index of its first char in the text
 * @param end index after its last char
 * @param surface the text as written, {@code text.substring(start, end)}
 * @param hedged true for a range or alternatives ("6-7", "6 or 7", "六七个", "十多个"), which do not
 *     state one number and are never chosen as an answer
 */
public record NumberMention(double value, int start, int end, String surface, boolean hedged) {

    public NumberMention(double value, int start, int end, String surface) {
        this(value, start, end, surface, false);
    }
}
