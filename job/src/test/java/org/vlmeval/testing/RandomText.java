package org.vlmeval.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Seeded random text for property-style tests: the same strings on every run, so a failure
 * reproduces, yet far more varied than hand-picked cases. Mixes ASCII, digits, punctuation,
 * Chinese, full-width forms, emoji, unpaired surrogates, control characters and odd white space,
 * plus sequences of caller-given words, so the parsers' special paths are reached.
 */
public final class RandomText {

    private static final long SEED = 20261127L;

    private static final String[] ALPHABETS = {
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "0123456789",
        " \t\n\r\u00a0\u3000\u2007\u202f",
        ".,;:!?'\"()[]{}<>-_=+*/\\|@#$%^&~`",
        "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质信",
        "０１２３４５６７８９ＡＢＣａｂｃ，。！？；：（）",
        "😀🍎🍌🍇🐶",
        "\uD800\uDC00\uDBFF\u0000\u0007\u200b\u200d\uFEFF\u0301",
        "零〇一二两三四五六七八九十百千万亿点",
    };

    private RandomText() {}

    /** {@code count} random strings of up to 200 characters. */
    public static Stream<String> strings(int count) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> out = new ArrayList<>(count + 4);
        out.add("");
        out.add(" ");
        out.add("\uD800");
        out.add("x".repeat(5000));
        for (int i = 0; i < count; i++) {
            int length = random.nextInt(200);
            StringBuilder s = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            out.add(s.toString());
        }
        return out.stream();
    }

    /** {@code count} strings of up to {@code maxLength} characters drawn from {@code alphabet}. */
    public static Stream<String> strings(int count, String alphabet, int maxLength) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = random.nextInt(maxLength + 1);
            StringBuilder s = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            out.add(s.toString());
        }
        return out.stream();
    }

    /** {@code count} longs within [min, max], seeded, always including both bounds. */
    public static java.util.stream.LongStream longs(int count, long min, long max) {
        SplittableRandom random = new SplittableRandom(SEED);
        return java.util.stream.LongStream.concat(
                java.util.stream.LongStream.of(min, max, 0L < min || 0L > max ? min : 0L),
                random.longs(count, min, max));
    }

    /** {@code count} strings made of up to {@code maxWords} of the given words, space-joined. */
    public static Stream<String> sentences(int count, int maxWords, List<String> words) {
        Random random = new Random(SEED);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = random.nextInt(maxWords + 1);
            List<String> parts = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                parts.add(words.get(random.nextInt(words.size())));
            }
            out.add(String.join(" ", parts));
        }
        return out.stream();
    }

    /** {@code count} lowercase ASCII words of 1 to 12 letters. */
    public static Stream<String> words(int count) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = 1 + random.nextInt(12);
            StringBuilder s = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                s.append((char) ('a' + random.nextInt(26)));
            }
            out.add(s.toString());
        }
        return out.stream();
    }
}
