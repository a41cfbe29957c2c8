package org.vlmeval.scoring.refusal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The refusal rules as data: {@code rules.txt} and its lexicon files, loaded, expanded, checked and
 * compiled (format: docs/rules.md). A rule without examples or counterexamples, an unknown name, a
 * pattern that does not compile or that has upper-case letters (the text is folded to lower case,
 * so they could never match) is an error naming the rule.
 *
 * @param strong rules of which one match is a refusal, in file order
 * @param weak cues of which two different ones are a refusal
 * @param reported the mask for reported and quoted speech
 * @param proceedsAnyway the announcement that turns a preceding disclaimer into a caveat
 * @param literals how many literals the pre-filters numbered, for {@link LiteralScan}
 */
record RefusalRules(
        List<Rule> strong, List<Rule> weak, Rule reported, Rule proceedsAnyway, int literals) {

    static final String RULES = "rules.txt";

    private static final String LEXICONS = "lexicons/";

    RefusalRules {
        strong = List.copyOf(strong);
        weak = List.copyOf(weak);
    }

    /** Every rule: strong, weak, then the guards. */
    List<Rule> all() {
        return concat(strong, weak, reported, proceedsAnyway);
    }

    /** The rules shipped in the jar, loaded once. */
    static RefusalRules standard() {
        return Standard.INSTANCE;
    }

    private static final class Standard {
        static final RefusalRules INSTANCE = load(RefusalRules::resource);
    }

    /** Loads {@value #RULES} and the lexicons it names from {@code files} (name → text). */
    static RefusalRules load(Function<String, String> files) {
        RuleFile file = RuleFile.parse(RULES, files.apply(RULES));
        Map<String, List<String>> lexicons = new LinkedHashMap<>();
        file.lexicons()
                .forEach(
                        (name, path) ->
                                lexicons.put(
                                        name,
                                        Lexicon.parse(
                                                LEXICONS + path, files.apply(LEXICONS + path))));
        Templates templates = new Templates(lexicons, file.fragments());
        List<Rule> strong = new ArrayList<>();
        List<Rule> weak = new ArrayList<>();
        List<Rule> masks = new ArrayList<>();
        List<Rule> proceeds = new ArrayList<>();
        for (RuleFile.Definition d : file.rules()) {
            Rule rule = compile(d, templates);
            switch (rule.kind()) {
                case STRONG -> strong.add(rule);
                case WEAK -> weak.add(rule);
                case MASK -> masks.add(rule);
                case PROCEED -> proceeds.add(rule);
            }
        }
        return numbered(
                strong,
                weak,
                exactlyOne(masks, Rule.Kind.MASK),
                exactlyOne(proceeds, Rule.Kind.PROCEED));
    }

    /**
     * The rules with every anchor and needed literal numbered across all of them, so that a text is
     * scanned for each literal once ({@link LiteralScan}).
     */
    private static RefusalRules numbered(
            List<Rule> strong, List<Rule> weak, Rule reported, Rule proceeds) {
        // Only literals that several rules look for are worth remembering per text.
        Map<String, Integer> uses = new HashMap<>();
        for (Rule r : concat(strong, weak, reported, proceeds)) {
            Prefilter p = r.prefilter();
            p.anchors().forEach(a -> uses.merge(a, 1, Integer::sum));
            p.needs().forEach(c -> c.forEach(a -> uses.merge(a, 1, Integer::sum)));
        }
        Map<String, Integer> ids = new LinkedHashMap<>();
        ToIntFunction<String> number =
                s -> uses.get(s) < 2 ? -1 : ids.computeIfAbsent(s, k -> ids.size());
        UnaryOperator<Rule> withIds =
                r ->
                        new Rule(
                                r.id(),
                                r.kind(),
                                r.scope(),
                                r.disclaimer(),
                                r.pattern(),
                                r.prefilter().numbered(number),
                                r.examples(),
                                r.counterexamples());
        List<Rule> s = strong.stream().map(withIds).toList();
        List<Rule> w = weak.stream().map(withIds).toList();
        Rule m = withIds.apply(reported);
        Rule p = withIds.apply(proceeds);
        return new RefusalRules(s, w, m, p, ids.size());
    }

    private static List<Rule> concat(
            List<Rule> strong, List<Rule> weak, Rule reported, Rule proceeds) {
        List<Rule> all = new ArrayList<>(strong);
        all.addAll(weak);
        all.add(reported);
        all.add(proceeds);
        return all;
    }

    private static Rule compile(RuleFile.Definition d, Templates templates) {
        String where = RULES + ":" + d.line() + ": rule " + d.id() + ": ";
        if (d.examples().isEmpty()) {
            throw new IllegalArgumentException(
                    where + "has no examples (every rule needs 'example' lines that fire it)");
        }
        if (d.counterexamples().isEmpty()) {
            throw new IllegalArgumentException(
                    where
                            + "has no counterexamples (every rule needs 'counterexample' lines"
                            + " that fire no rule)");
        }
        Rule.Kind kind = choice(where, "kind", d.kind(), Rule.Kind.class);
        Rule.Scope scope = choice(where, "scope", d.scope(), Rule.Scope.class);
        boolean disclaimer = d.disclaimer() != null && yesNo(where, d.disclaimer());
        String regex = templates.expand("rule " + d.id(), d.template());
        checkLowerCase(where, regex);
        Pattern pattern;
        Prefilter prefilter;
        try {
            pattern = Pattern.compile(regex);
            prefilter = Prefilter.derive(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    where + "pattern does not compile: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
        return new Rule(
                d.id(),
                kind,
                scope,
                disclaimer,
                pattern,
                prefilter,
                d.examples(),
                d.counterexamples());
    }

    private static <E extends Enum<E>> E choice(
            String where, String key, String value, Class<E> type) {
        if (value == null) {
            throw new IllegalArgumentException(where + "'" + key + "' is missing");
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    where
                            + "'"
                            + key
                            + "' must be one of "
                            + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT)
                            + ", was '"
                            + value
                            + "'");
        }
    }

    private static boolean yesNo(String where, String value) {
        return switch (value) {
            case "yes" -> true;
            case "no" -> false;
            default ->
                    throw new IllegalArgumentException(
                            where + "'disclaimer' must be yes or no, was '" + value + "'");
        };
    }

    /** An upper-case letter outside an escape (\S, \W, \p{Lu}) can never match folded text. */
    static void checkLowerCase(String where, String regex) {
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
                if (i + 1 < regex.length() && regex.charAt(i + 1) == '{') {
                    i = regex.indexOf('}', i);
                }
                continue;
            }
            if (Character.isUpperCase(c)) {
                throw new IllegalArgumentException(
                        where
                                + "upper-case '"
                                + c
                                + "' in the pattern can never match: the text is folded to lower"
                                + " case");
            }
        }
    }

    private static Rule exactlyOne(List<Rule> rules, Rule.Kind kind) {
        if (rules.size() != 1) {
            throw new IllegalArgumentException(
                    RULES
                            + ": expected exactly one rule of kind "
                            + kind.name().toLowerCase(Locale.ROOT)
                            + ", found "
                            + rules.stream().map(Rule::id).toList());
        }
        return rules.get(0);
    }

    private static String resource(String name) {
        try (InputStream in = RefusalRules.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
