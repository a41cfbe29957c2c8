package org.vlmeval.scoring.numeric;

import org.vlmeval.scoring.text.KeywordTable;
import org.vlmeval.scoring.text.LiteralGate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The literal gates in front of the tables' question patterns (scales, units, restated targets): a
 * closed gate must never hide a match, and on a question that names none of them every gate is
 * closed (else they would save nothing).
 */
class TableGatesTest {

    /** Question patterns of the tables, by {@code file: column}. */
    static List<String> questionPatterns() {
        List<String> out = new ArrayList<>();
        KeywordTable.rows(SetAsides.class, "scales.tsv", 4).forEach(r -> out.add(r[2]));
        KeywordTable.rows(SetAsides.class, "units.tsv", 4).forEach(r -> out.add(r[2]));
        KeywordTable.rows(SetAsides.class, "targets.tsv", 3).forEach(r -> out.add(r[1]));
        return out;
    }

    static final List<String> QUESTIONS =
            List.of(
                    "how many apples are on plate 12?",
                    "what is the population in thousands?",
                    "population (in millions) of the city?",
                    "revenue ('000s)?",
                    "how many billions of dollars?",
                    "该市人口有多少万？",
                    "营收多少亿元？",
                    "单位：千",
                    "what is the temperature in fahrenheit?",
                    "in °f?",
                    "气温是多少摄氏度？",
                    "how many mg per tablet?",
                    "weight in kilograms?",
                    "how many pounds\tdoes it weigh?",
                    "distance in km?",
                    "how far in miles?",
                    "price in usd?",
                    "多少人民币？",
                    "价格是多少元？",
                    "美元还是欧元？",
                    "how much does each friend owe?",
                    "what is the difference between the bars?",
                    "相差多少？",
                    "what is the maximum dose?",
                    "最少需要几个？",
                    "the lowest value?",
                    "",
                    "a\u00a0per\u2003each\ndifference");

    @Test
    void aClosedGateNeverHidesAMatch() {
        Random random = new Random(15);
        List<String> texts = new ArrayList<>(QUESTIONS);
        // Mix the questions' pieces so that matches land anywhere in a text.
        for (int i = 0; i < 2_000; i++) {
            String a = QUESTIONS.get(random.nextInt(QUESTIONS.size()));
            String b = QUESTIONS.get(random.nextInt(QUESTIONS.size()));
            int cut = a.isEmpty() ? 0 : random.nextInt(a.length());
            texts.add(a.substring(0, cut) + (random.nextBoolean() ? "\t" : " ") + b);
        }
        int closed = 0;
        int matches = 0;
        for (String regex : questionPatterns()) {
            Pattern p = Pattern.compile(regex);
            LiteralGate gate = LiteralGate.of(regex);
            for (String text : texts) {
                boolean found = p.matcher(text).find();
                matches += found ? 1 : 0;
                if (!gate.mayMatch(text)) {
                    closed++;
                    assertThat(found).as(regex + " on " + text).isFalse();
                }
            }
        }
        assertThat(matches).isGreaterThan(1_000);
        assertThat(closed).isGreaterThan(10_000);
    }

    @Test
    void everyGateIsClosedOnAQuestionThatNamesNoneOfThem() {
        for (String regex : questionPatterns()) {
            assertThat(LiteralGate.of(regex).mayMatch("how many apples are on plate 12?"))
                    .as(regex)
                    .isFalse();
        }
    }
}
