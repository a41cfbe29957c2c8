package org.vlmeval.scoring.reference;

import org.vlmeval.scoring.hallucination.HallucinationDetector;
import org.vlmeval.scoring.hallucination.ObjectVocabulary;
import org.vlmeval.scoring.text.AnswerNormalizer;
import org.vlmeval.scoring.text.Texts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A list answer ("which fruits are in the basket?"). The response is split into list segments
 * (commas, "and", new lines, bullets, Chinese 、和及与); a reference item is named when a segment
 * contains it as words or names the same object (synonyms, plurals and Chinese names through the
 * {@link ObjectVocabulary}); a segment that names no item counts as an extra when it names another
 * known object (if the items are objects), or when the whole response is a bare list. Score = F1
 * over items; correct when every item is named and nothing extra. Negated segments ("but no
 * grapes") count for nothing.
 */
public record SetReference(List<String> items) implements Reference {

    private static final Pattern SEPARATORS =
            Pattern.compile(
                    "\\n|[,;，；、。]|\\.(?!\\d)| and | or | as well as | plus | & |以及|和|及|与|跟|或");
    private static final Pattern BULLET =
            Pattern.compile("^\\s*(?:[-*•·]|\\d+[.)、]|\\(\\d+\\))\\s*");

    /** "1、6、8": a list of numbers in Chinese punctuation, not an item numbered 1. */
    private static final Pattern NUMBER_LIST = Pattern.compile("^\\s*\\d+、\\s*\\d+\\s*(?:[、，,]|$)");

    private static final Pattern NEGATED =
            Pattern.compile(
                    "(?:^|\\s)(?:no|not|without|none|neither|nor|except)(?:\\s|$)|没有|不是|不包括|无|除了");
    private static final int BARE_LIST_WORDS = 4;

    public SetReference {
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("items must not be empty");
        }
    }

    @Override
    public String type() {
        return "set";
    }

    /** The answer's list items, normalised, without duplicates and in sorted order. */
    @Override
    public String reading(String response, String question) {
        java.util.TreeSet<String> items = new java.util.TreeSet<>();
        for (String segment : segments(response)) {
            String norm = AnswerNormalizer.normalize(segment);
            if (!norm.isEmpty()) {
                items.add(norm);
            }
        }
        return reading(items);
    }

    private static String reading(java.util.SortedSet<String> normalisedSegments) {
        return "set:" + String.join("|", normalisedSegments);
    }

    @Override
    public AnswerMatch match(String response, String question) {
        ObjectVocabulary vocabulary = Vocabulary.WORDS;
        HallucinationDetector objects = Vocabulary.MENTIONS;
        List<String> keys = new ArrayList<>(items.size());
        List<String> words = new ArrayList<>(items.size());
        for (String item : items) {
            keys.add(vocabulary.canonical(item).orElse(null));
            words.add(AnswerNormalizer.normalize(item));
        }

        // Naming another object is an extra only when the items are objects themselves: a list of
        // tile positions is not made wrong by a remark about what the tiles show.
        boolean itemsAreObjects = keys.stream().anyMatch(k -> k != null);
        List<String> segments = segments(response);
        boolean bareList = segments.stream().allMatch(s -> wordCount(s) <= BARE_LIST_WORDS);
        Set<Integer> named = new LinkedHashSet<>();
        List<String> extras = new ArrayList<>();
        // The reading's items, gathered here so that a wrong answer is not segmented again.
        java.util.TreeSet<String> read = new java.util.TreeSet<>();
        for (String segment : segments) {
            String norm = AnswerNormalizer.normalize(segment);
            if (!norm.isEmpty()) {
                read.add(norm);
            }
            if (NEGATED.matcher(Texts.fold(segment)).find()) {
                continue;
            }
            Set<String> concepts = new LinkedHashSet<>();
            for (String mention : objects.detect(segment, List.of()).asserted()) {
                vocabulary.canonical(mention).ifPresent(concepts::add);
            }
            boolean matched = false;
            for (int i = 0; i < items.size(); i++) {
                if ((keys.get(i) != null && concepts.contains(keys.get(i)))
                        || containsWords(norm, words.get(i))) {
                    named.add(i);
                    matched = true;
                }
            }
            // What comes before the first named item and names no object introduces the list
            // ("According to the receipt, the customer bought …"), like text before a colon.
            boolean introduction = named.isEmpty() && concepts.isEmpty();
            if (!matched
                    && !introduction
                    && !norm.isEmpty()
                    && ((itemsAreObjects && !concepts.isEmpty()) || bareList)) {
                extras.add(norm);
            }
        }

        int tp = named.size();
        int fn = items.size() - tp;
        int fp = extras.size();
        double f1 = tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn);
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!named.contains(i)) {
                missing.add(items.get(i));
            }
        }
        String explanation =
                String.format(Locale.ROOT, "set: %d of %d items named", tp, items.size())
                        + (missing.isEmpty()
                                ? ""
                                : ", missing " + Explain.clip(String.join(", ", missing)))
                        + (extras.isEmpty()
                                ? ""
                                : ", extra " + Explain.clip(String.join(", ", extras)));
        return new AnswerMatch(fn == 0 && fp == 0, f1, explanation, reading(read));
    }

    /** List segments with bullets and a leading "X:" introduction removed. */
    static List<String> segments(String response) {
        String text = response;
        // "The fruits are: apple, banana" — what precedes the first colon introduces the list.
        int colon = indexOfColon(text);
        if (colon >= 0 && colon < text.length() - 1) {
            text = text.substring(colon + 1);
        }
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\n")) {
            String body =
                    NUMBER_LIST.matcher(line).find() ? line : BULLET.matcher(line).replaceFirst("");
            for (String part : SEPARATORS.split(" " + body + " ")) {
                String p = part.strip();
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static int indexOfColon(String s) {
        int a = s.indexOf(':');
        int b = s.indexOf('：');
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    private static int wordCount(String segment) {
        return segment.isBlank() ? 0 : segment.strip().split("\\s+").length;
    }

    private static boolean containsWords(String haystack, String needle) {
        if (needle.isEmpty()) {
            return false;
        }
        if (Texts.containsHan(needle)) {
            return haystack.contains(needle);
        }
        return (" " + haystack + " ").contains(" " + needle + " ");
    }

    /** Built once, on first use: the vocabulary is a resource file. */
    private static final class Vocabulary {
        static final ObjectVocabulary WORDS = ObjectVocabulary.builtIn();
        static final HallucinationDetector MENTIONS = HallucinationDetector.create(WORDS);
    }
}
