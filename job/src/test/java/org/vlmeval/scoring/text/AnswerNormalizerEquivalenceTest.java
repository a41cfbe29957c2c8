package org.vlmeval.scoring.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AnswerNormalizer} hand-writes what {@link AnswerNormalizerReference} (the regex version it
 * replaced, kept verbatim) does with regular expressions; any input string must give the same
 * tokens and the same normalized form. The random alphabet holds every class of character whose
 * regex semantics are easy to get wrong by hand: controls, Unicode spaces, surrogate pairs
 * (letters, symbols, Han) and lone surrogates, characters NFKC folds, letters and digits of other
 * scripts.
 */
class AnswerNormalizerEquivalenceTest {

    /** A 1.5 KB English description, as models answer open questions. */
    static final String LONG_ANSWER =
            "The photograph shows a quiet park in the late afternoon. In the foreground there is a"
                    + " wooden bench under a large tree, and a person is sitting on it reading a book. A"
                    + " small dog lies at their feet. Behind the bench, a path curves towards a pond where"
                    + " two ducks are swimming. On the far side of the pond there are more trees, some"
                    + " with yellow leaves, and a lamp post. I can't be certain, but there seems to be a"
                    + " bicycle leaning against one of the trees. There is no car in the picture, and no"
                    + " other people are visible. The sky is partly cloudy. In the lower right corner"
                    + " there is a faint watermark. Overall the scene is calm: the person looks relaxed,"
                    + " the dog is asleep, and the light is warm. If you want, I can describe the colours"
                    + " in more detail or estimate the time of day from the length of the shadows —"
                    + " they're long, so it's probably 'late' (around 5-6 p.m.). Well-known parks like"
                    + " this one often have 2-3 benches per path; this one has only one, it seems. The"
                    + " answer, in short: a park, a bench, a person, a dog, two ducks, and a bicycle.";

    private static final int RANDOM_STRINGS = 300_000;

    /**
     * Code points the random strings are built from; several are repeated to make them likelier.
     */
    private static final int[] ALPHABET =
            (""
                            // ASCII letters, digits, punctuation and symbols, apostrophes, hyphens
                            + "aAbBeEiIsStTxXzZ0123456789   --''’’%$+,.!?;:\"()[]{}<>*_#&@/\\|~^`="
                            // controls (\u0000 is the apostrophe trick's stand-in)
                            + "\u0000\u0001\t\n\u000B\f\r\u001F\u007F\u0085"
                            // Unicode spaces and separators
                            + "\u00A0\u2003\u3000\u2028\u2029\u1680\u2007\u202F"
                            // Han, measure words, count words, 的, filler
                            + "一二两十几只个辆的的猫红色答案是正确最终这那它々〇"
                            // full-width forms, CJK punctuation, currency
                            + "ＡＢ１！？＇－，。！？、「」【】：；¥€£"
                            // combining acute, Greek, Cyrillic, Arabic-Indic digit, superscript,
                            // ligature
                            + "\u0301αΩжЖ٣²ﬁ½ⅷ")
                    .codePoints()
                    .toArray();

    private static final int[] EXTRA = {
        0x1F600, // 😀 So
        0x1D49C, // 𝒜 Lu
        0x20000, // 𠀀 Han
        0x1D7D9, // 𝟙 Nd (NFKC → 1)
        0x10140, // 𐅀 Nl
        0x1F1E6, // regional indicator So
        0xD800, // lone high surrogate
        0xDC00, // lone low surrogate
    };

    @Test
    void randomStringsNormalizeAsTheReferenceDoes() {
        SplittableRandom random = new SplittableRandom(20261205L);
        StringBuilder b = new StringBuilder();
        for (int n = 0; n < RANDOM_STRINGS; n++) {
            b.setLength(0);
            int length = random.nextInt(41);
            for (int i = 0; i < length; i++) {
                if (random.nextInt(10) == 0) {
                    b.appendCodePoint(EXTRA[random.nextInt(EXTRA.length)]);
                } else {
                    b.appendCodePoint(ALPHABET[random.nextInt(ALPHABET.length)]);
                }
            }
            assertSame(b.toString());
        }
    }

    /** Random sequences of words and fillers, which exercise filler, article and plural removal. */
    @Test
    void randomPhrasesNormalizeAsTheReferenceDoes() {
        String[] pieces = {
            "the",
            "a",
            "an",
            "answer",
            "is",
            "final",
            "correct",
            "my",
            "i",
            "think",
            "it's",
            "its",
            "it",
            "this",
            "that",
            "these",
            "those",
            "they",
            "are",
            "believe",
            "boxes",
            "berries",
            "shoes",
            "toes",
            "glasses",
            "bus",
            "tomatoes",
            "dog",
            "Apples",
            "New-York",
            "don't",
            "'quoted'",
            "-5%",
            "$3",
            "答案是",
            "答案",
            "一只猫",
            "红色的",
            "是",
            "这是",
            "猫",
            "红 色",
            "**",
            ":",
            ",",
            ".",
            "!",
            "—",
            "\n",
            "\t",
            " ",
            "  ",
            "\u3000",
            "\u2028",
            "。",
            "：",
        };
        SplittableRandom random = new SplittableRandom(42L);
        StringBuilder b = new StringBuilder();
        for (int n = 0; n < 100_000; n++) {
            b.setLength(0);
            int words = random.nextInt(9);
            for (int i = 0; i < words; i++) {
                b.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(3) > 0) {
                    b.append(' ');
                }
            }
            assertSame(b.toString());
        }
    }

    /** AnswerNormalizer skips its Chinese rules for text with no char from U+2E80 up. */
    @Test
    void noHanCodePointBelowU2E80() {
        for (int cp = 0; cp < 0x2E80; cp++) {
            assertThat(Character.UnicodeScript.of(cp))
                    .as("U+%04X", cp)
                    .isNotEqualTo(Character.UnicodeScript.HAN);
        }
        assertThat(Character.UnicodeScript.of(0x2E80)).isEqualTo(Character.UnicodeScript.HAN);
    }

    @Test
    void realisticAnswersNormalizeAsTheReferenceDoes() {
        for (String s : realisticAnswers()) {
            assertSame(s);
        }
    }

    private static List<String> realisticAnswers() {
        List<String> out =
                new ArrayList<>(
                        List.of(
                                "",
                                " ",
                                "The answer is 12.",
                                "It's New-York!",
                                "答案是：一只猫",
                                "答案是 一只猫",
                                "红色的",
                                "红 色",
                                "一只猫",
                                "3只猫",
                                "两辆红色的车",
                                "的",
                                "I think it is the **dog**.",
                                "'quoted' words",
                                "don't",
                                "-5%",
                                "+3.5 $",
                                "¥100 / €20 / £5",
                                "Answer: it is blue",
                                "The correct answer is (B) blue.",
                                "Final answer: 42",
                                "these are boxes, berries and tomatoes",
                                "ＢＬＵＥ！",
                                "「柠檬」",
                                "答案是：葡萄。",
                                "rock-'n'-roll",
                                "‘single’ and “double” quotes",
                                "x-ray, e-mail, -x, x-, 3-4",
                                "l'été",
                                "Ⅷ ½ ² ﬁsh",
                                "😀 smile 😀",
                                "𝒜-b b-𝒜",
                                "红的\u2028 the",
                                "\u2028 abc \u2028",
                                "猫 \uD840\uDC00 狗",
                                "Σ ΣΑΣ İstanbul"));
        out.add(LONG_ANSWER);
        out.add("图中是一个安静的公园。前景有一张木制长椅，一个人坐在上面看书，脚边趴着一只小狗。" + "长椅后面有一条小路通向池塘，两只鸭子在游泳。 答案是：公园 。");
        return out;
    }

    private static void assertSame(String s) {
        assertThat(AnswerNormalizer.tokens(s))
                .as("tokens of %s", escaped(s))
                .isEqualTo(AnswerNormalizerReference.tokens(s));
        assertThat(AnswerNormalizer.normalize(s))
                .as("normalize of %s", escaped(s))
                .isEqualTo(AnswerNormalizerReference.normalize(s));
    }

    private static String escaped(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
