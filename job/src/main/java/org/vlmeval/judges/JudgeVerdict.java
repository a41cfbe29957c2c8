package org.vlmeval.judges;

import java.util.Locale;
import java.util.Optional;

/** A grading judge's verdict on one answer. */
public enum JudgeVerdict {
    CORRECT("正确"),
    INCORRECT("错误"),
    /** The judge cannot tell from the image; a legitimate verdict, not an error. */
    UNSURE("不确定");

    private final String chinese;

    JudgeVerdict(String chinese) {
        this.chinese = chinese;
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The verdict a judge wrote: the English word in any case, or its exact Chinese translation (a
     * Chinese prompt's judge sometimes answers in Chinese), trailing punctuation ignored. Anything
     * else ("partially correct", "correct|incorrect") is no verdict.
     */
    public static Optional<JudgeVerdict> parse(String written) {
        if (written == null) {
            return Optional.empty();
        }
        String w = written.strip().replaceAll("[\\s.。!！\"'`*]+$", "").replaceAll("^[\"'`*]+", "");
        for (JudgeVerdict v : values()) {
            if (v.jsonName().equalsIgnoreCase(w) || v.chinese.equals(w)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
