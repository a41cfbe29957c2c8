package org.vlmeval.scoring.refusal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A lexicon file: one phrase a line, {@code #} comments and blank lines ignored. A phrase is a
 * regex fragment over folded text, usually plain words ("take part"); it may hold a small
 * alternation or an exception ({@code make(?! out\b)}). Each phrase must compile on its own and be
 * lower case.
 */
final class Lexicon {

    private Lexicon() {}

    static List<String> parse(String file, String text) {
        if (text == null) {
            throw new IllegalArgumentException(file + ": missing lexicon file");
        }
        List<String> phrases = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String phrase = lines[i].strip();
            if (phrase.isEmpty() || phrase.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            try {
                Pattern.compile(phrase);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        where + "phrase does not compile: " + e.getDescription(), e);
            }
            RefusalRules.checkLowerCase(where, phrase);
            if (phrases.contains(phrase)) {
                throw new IllegalArgumentException(where + "'" + phrase + "' is listed twice");
            }
            phrases.add(phrase);
        }
        if (phrases.isEmpty()) {
            throw new IllegalArgumentException(file + ": no phrases");
        }
        return List.copyOf(phrases);
    }
}
