package org.vlmeval.scoring.refusal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules file's own examples and counterexamples, run through the detector, and the loader's
 * refusal of rules that could not be checked that way.
 */
class RefusalRulesTest {

    private static final RefusalRules RULES = RefusalRules.standard();

    private final RefusalDetector detector = RefusalDetector.create();

    static Stream<Arguments> cueExamples() {
        return cues().flatMap(r -> r.examples().stream().map(e -> Arguments.of(r.id(), e)));
    }

    static Stream<Arguments> cueCounterexamples() {
        return cues().flatMap(r -> r.counterexamples().stream().map(e -> Arguments.of(r.id(), e)));
    }

    static Stream<Arguments> guardCases() {
        return guards().flatMap(
                        r ->
                                Stream.concat(
                                        r.examples().stream()
                                                .map(e -> Arguments.of(r.id(), e, true)),
                                        r.counterexamples().stream()
                                                .map(e -> Arguments.of(r.id(), e, false))));
    }

    private static Stream<Rule> cues() {
        return Stream.concat(RULES.strong().stream(), RULES.weak().stream());
    }

    private static Stream<Rule> guards() {
        return Stream.of(RULES.reported(), RULES.proceedsAnyway());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cueExamples")
    void everyExampleFiresExactlyItsRule(String rule, String example) {
        assertThat(detector.matchingRules(example)).as(example).containsExactly(rule);
        if (RULES.strong().stream().anyMatch(r -> r.id().equals(rule))) {
            assertThat(detector.decide(example)).as(example).isNotNull();
            assertThat(detector.decide(example).rule()).as(example).isEqualTo(rule);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cueCounterexamples")
    void everyCounterexampleFiresNoRule(String rule, String counterexample) {
        assertThat(detector.matchingRules(counterexample)).as(counterexample).isEmpty();
        assertThat(detector.detect(counterexample, "stop").refused()).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("guardCases")
    void guardsMatchTheirExamplesOnly(String rule, String text, boolean example) {
        String view = new String(RefusalDetector.fold(text));
        boolean matches = guard(rule).find(view, 0, view.length(), m -> true) != null;
        assertThat(matches).as(text).isEqualTo(example);
    }

    private static Rule guard(String id) {
        return guards().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyRuleHasExamplesAndCounterexamples() {
        assertThat(RULES.all()).hasSizeGreaterThanOrEqualTo(31);
        for (Rule rule : RULES.all()) {
            assertThat(rule.examples()).as(rule.id()).isNotEmpty();
            assertThat(rule.counterexamples()).as(rule.id()).isNotEmpty();
        }
    }

    /**
     * The drift the hand-kept pre-filters had: {@code decline.habitual} accepts "never", but its
     * filter asked for "not" or "n't", so this sentence could not fire. The filter now comes from
     * the pattern.
     */
    @Test
    void habitualDeclineWithNeverFires() {
        String text = "I never share personal details of the people in a photo.";
        assertThat(detector.matchingRules(text)).containsExactly("decline.habitual");
        assertThat(detector.detect(text, "stop").refused()).isTrue();
        Rule habitual = rule("decline.habitual");
        assertThat(habitual.prefilter().needs())
                .anySatisfy(c -> assertThat(c).anySatisfy(w -> assertThat(w).startsWith("never")));
    }

    private static Rule rule(String id) {
        return RULES.all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- the loader

    private static final String LEXICON = "# verbs\nhelp\nassist\n";

    private static RefusalRules load(String rules) {
        Map<String, String> files = new HashMap<>();
        files.put(RefusalRules.RULES, rules);
        files.put("lexicons/en/verbs.txt", LEXICON);
        return RefusalRules.load(files::get);
    }

    /** A valid file around {@code rule}, with the guards the detector needs. */
    private static String file(String rule) {
        return "lexicon verb en/verbs.txt\n"
                + rule
                + "\nrule guard.q\n  kind mask\n  scope anywhere\n  pattern says:.*\n"
                + "  example it says: x\n  counterexample it is\n"
                + "rule guard.p\n  kind proceed\n  scope anywhere\n  pattern however, i will\n"
                + "  example however, i will\n  counterexample however\n";
    }

    @Test
    void aValidFileLoads() {
        RefusalRules rules =
                load(
                        file(
                                "rule my.rule\n  kind strong\n  scope anywhere\n"
                                        + "  pattern i can't {verb}\n  example I can't help.\n"
                                        + "  counterexample I can help."));
        assertThat(rules.strong()).extracting(Rule::id).containsExactly("my.rule");
        assertThat(rules.strong().get(0).pattern().pattern()).isEqualTo("i can't (?:help|assist)");
    }

    /** Each broken rule is rejected with its id in the message, and says what is wrong. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "  kind strong;  scope anywhere;  pattern i can't {verb};  counterexample I can"
                        + " help.|no examples",
                "  kind strong;  scope anywhere;  pattern i can't {verb};  example I can't help."
                        + "|no counterexamples",
                "  kind strong;  scope anywhere;  pattern i can't {verbs};  example I can't help.;"
                        + "  counterexample I can help.|unknown {verbs}",
                "  kind strong;  scope anywhere;  pattern I can't {verb};  example I can't help.;"
                        + "  counterexample I can help.|upper-case 'I'",
                "  kind strong;  scope anywhere;  pattern i can't ;  pattern {verb};  example I"
                        + " can't help.;  counterexample I can help.|must not end with a space",
                "  kind strongest;  scope anywhere;  pattern i can't {verb};  example I can't"
                        + " help.;  counterexample I can help.|'kind' must be one of [strong,"
                        + " weak, mask, proceed]",
                "  kind strong;  scope everywhere;  pattern i can't {verb};  example I can't"
                        + " help.;  counterexample I can help.|'scope' must be one of [anywhere,"
                        + " opening]",
                "  kind strong;  scope anywhere;  pattern i can't (?:{verb};  example I can't"
                        + " help.;  counterexample I can help.|does not compile",
            })
    void aBrokenRuleIsRejectedByName(String body, String problem) {
        // One indented line per ';' (the CSV reader strips the first line's indentation).
        String rule =
                "rule my.rule\n"
                        + Stream.of(body.split(";"))
                                .map(line -> "  " + line.stripLeading())
                                .collect(Collectors.joining("\n"));
        assertThatThrownBy(() -> load(file(rule)))
                .hasMessageContaining("rule my.rule")
                .hasMessageContaining(problem);
    }

    @Test
    void fragmentsExpandInsideFragments() {
        String rules =
                "fragment me\n  pattern (?:i|we)\nfragment decline\n  pattern {me} can't {verb}\n"
                        + "rule my.rule\n  kind strong\n  scope anywhere\n  pattern {decline}\n"
                        + "  example I can't help.\n  counterexample I can help.";
        assertThat(load(file(rules)).strong().get(0).pattern().pattern())
                .isEqualTo("(?:i|we) can't (?:help|assist)");
        String loop =
                "fragment a\n  pattern x{b}\nfragment b\n  pattern y{a}\n"
                        + "rule my.rule\n  kind strong\n  scope anywhere\n  pattern {a}\n"
                        + "  example x\n  counterexample z";
        assertThatThrownBy(() -> load(file(loop))).hasMessageContaining("refers to itself");
    }

    @Test
    void theShippedLexiconsAreAllUsed() {
        RuleFile file = RuleFile.parse(RefusalRules.RULES, resource(RefusalRules.RULES));
        String everything =
                String.join("\n", file.fragments().values())
                        + file.rules().stream().map(RuleFile.Definition::template).toList();
        for (String name : file.lexicons().keySet()) {
            assertThat(everything).as(name).contains("{" + name + "}");
        }
    }

    private static String resource(String name) {
        try (var in = RefusalRules.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- pre-filters

    /**
     * The derived pre-filter never hides a match: wherever a rule's pattern matches, the text
     * passes the rule's literal checks and the match begins at an anchor. Checked on every example
     * of every rule, and on texts that splice them together.
     */
    @Test
    void prefiltersAdmitEveryMatch() {
        List<String> texts =
                RULES.all().stream()
                        .flatMap(
                                r ->
                                        Stream.concat(
                                                r.examples().stream(),
                                                r.counterexamples().stream()))
                        .toList();
        List<String> spliced =
                Stream.concat(
                                texts.stream(),
                                java.util.stream.IntStream.range(0, texts.size())
                                        .mapToObj(
                                                i ->
                                                        texts.get(i)
                                                                + " "
                                                                + texts.get(
                                                                        (i * 7 + 3)
                                                                                % texts.size())))
                        .toList();
        int matches = 0;
        for (Rule rule : RULES.all()) {
            for (String text : spliced) {
                String view = new String(RefusalDetector.fold(text));
                var m = rule.pattern().matcher(view);
                while (m.find()) {
                    matches++;
                    int at = m.start();
                    assertThat(rule.prefilter().mayMatch(view))
                            .as(rule.id() + ": " + text)
                            .isTrue();
                    if (rule.prefilter().startOnly()) {
                        assertThat(at).as(rule.id()).isZero();
                    } else if (!rule.prefilter().anchors().isEmpty()) {
                        assertThat(rule.prefilter().anchors())
                                .as(rule.id() + " at " + at + ": " + text)
                                .anySatisfy(a -> assertThat(view.startsWith(a, at)).isTrue());
                    }
                }
            }
        }
        assertThat(matches).isGreaterThan(100);
    }
}
