package org.vlmeval.scoring.hallucination;

import org.vlmeval.scoring.text.Texts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples and counterexamples of each rule family ({@code families.txt}, format in
 * docs/rules.md), run through the detector: an example is withheld by its family, a counterexample
 * is not, and both assert exactly what the line says.
 */
class HallucinationFamiliesTest {

    private static final List<Case> CASES = parse();

    private final HallucinationDetector detector = HallucinationDetector.create();

    /** One example or counterexample line. */
    record Case(
            RuleFamily family,
            boolean example,
            int line,
            String text,
            List<String> objects,
            String question,
            Set<String> asserted,
            Set<String> hallucinated,
            Set<String> withheld,
            Set<String> presupposed) {
        @Override
        public String toString() {
            return family + (example ? " example: " : " counterexample: ") + text;
        }
    }

    static List<Case> cases() {
        return CASES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void assertsAndHallucinatesAsWritten(Case c) {
        ObjectMentions m = detector.detect(c.text(), c.objects(), null, c.question());
        assertThat(new HashSet<>(m.asserted()))
                .as("asserted, line %d", c.line())
                .isEqualTo(c.asserted());
        assertThat(new HashSet<>(m.hallucinated()))
                .as("hallucinated, line %d", c.line())
                .isEqualTo(c.hallucinated());
        assertThat(new HashSet<>(m.presupposed()))
                .as("presupposed, line %d", c.line())
                .isEqualTo(c.presupposed());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theFamilyWithholdsExactlyItsExamples(Case c) {
        if (c.family() == RuleFamily.PRESUPPOSED) { // not withheld: asserted, judged apart
            assertThat(c.presupposed().isEmpty()).as("line %d", c.line()).isNotEqualTo(c.example());
            return;
        }
        Map<String, RuleFamily> why = detector.withheld(c.text());
        if (c.example()) {
            assertThat(c.withheld())
                    .as("an example names what it withholds, line %d", c.line())
                    .isNotEmpty();
            for (String name : c.withheld()) {
                assertThat(why.get(name))
                        .as("%s withheld by, line %d: %s", name, c.line(), why)
                        .isEqualTo(c.family());
            }
        } else {
            assertThat(why).as("line %d", c.line()).doesNotContainValue(c.family());
        }
    }

    @Test
    void everyFamilyHasExamplesAndCounterexamplesInEveryLanguageItHasCuesFor() {
        Map<RuleFamily, int[]> counts = new EnumMap<>(RuleFamily.class);
        for (Case c : CASES) {
            int[] n = counts.computeIfAbsent(c.family(), f -> new int[4]);
            int han = Texts.containsHan(c.text()) ? 2 : 0;
            n[(c.example() ? 0 : 1) + han]++;
        }
        for (RuleFamily f : RuleFamily.values()) {
            int[] n = counts.getOrDefault(f, new int[4]);
            assertThat(n[0] + n[2]).as("%s examples", f).isGreaterThanOrEqualTo(5);
            assertThat(n[1] + n[3]).as("%s counterexamples", f).isGreaterThanOrEqualTo(3);
            if (f != RuleFamily.MODIFIER_USE) { // the only family without Chinese cues
                assertThat(n[2]).as("%s Chinese examples", f).isPositive();
                assertThat(n[3]).as("%s Chinese counterexamples", f).isPositive();
            }
        }
    }

    private static List<Case> parse() {
        String text;
        try (InputStream in = HallucinationFamiliesTest.class.getResourceAsStream("families.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Case> cases = new ArrayList<>();
        RuleFamily family = null;
        List<String> objects = List.of();
        String question = null;
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String s = lines[i].strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (s.startsWith("family ")) {
                question = null;
                family =
                        RuleFamily.valueOf(
                                s.substring(7).strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } else if (s.startsWith("question:")) {
                question = s.substring(9).strip();
            } else if (s.startsWith("objects:")) {
                objects = list(s.substring(8));
            } else if (s.startsWith("example:") || s.startsWith("counterexample:")) {
                boolean example = s.startsWith("example:");
                String body = s.substring(s.indexOf(':') + 1);
                String[] sides = body.split("=>", 2);
                Map<String, String> fields =
                        Arrays.stream(sides[1].split("\\|"))
                                .map(f -> f.split(":", 2))
                                .collect(Collectors.toMap(f -> f[0].strip(), f -> f[1]));
                cases.add(
                        new Case(
                                family,
                                example,
                                i + 1,
                                sides[0].strip(),
                                objects,
                                question,
                                Set.copyOf(list(fields.get("asserted"))),
                                Set.copyOf(list(fields.get("hallucinated"))),
                                Set.copyOf(list(fields.getOrDefault("withheld", ""))),
                                Set.copyOf(list(fields.getOrDefault("presupposed", "")))));
            } else {
                throw new IllegalStateException("families.txt:" + (i + 1) + ": unknown line " + s);
            }
        }
        return cases;
    }

    private static List<String> list(String s) {
        return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
}
