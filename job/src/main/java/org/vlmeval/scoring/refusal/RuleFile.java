package org.vlmeval.scoring.refusal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed text of {@code rules.txt} (format: docs/rules.md), before any pattern is expanded.
 *
 * <p>Blocks start with an unindented line {@code lexicon NAME PATH}, {@code fragment NAME} or
 * {@code rule ID}; the indented lines after a fragment or rule are {@code key value}, the value
 * being the rest of the line. Lines whose first non-blank character is {@code #} are comments.
 * Errors name the file, the line and the block.
 *
 * @param lexicons lexicon name → file, relative to {@code lexicons/}
 * @param fragments fragment name → its pattern template
 * @param rules the rule definitions, in file order
 */
record RuleFile(
        Map<String, String> lexicons, Map<String, String> fragments, List<Definition> rules) {

    /**
     * One rule as written: every value still a string, its pattern a template over lexicons and
     * fragments.
     *
     * @param line where the rule starts, for messages
     */
    record Definition(
            String id,
            int line,
            String kind,
            String scope,
            String disclaimer,
            String template,
            List<String> examples,
            List<String> counterexamples) {}

    static RuleFile parse(String name, String text) {
        return new Parser(name).parse(text);
    }

    /** The mutable state of one parse; a record is made from it at each block's end. */
    private static final class Parser {
        private final String file;
        private final Map<String, String> lexicons = new LinkedHashMap<>();
        private final Map<String, String> fragments = new LinkedHashMap<>();
        private final List<Definition> rules = new ArrayList<>();

        private String blockType;
        private String blockName;
        private int blockLine;
        private final Map<String, String> single = new LinkedHashMap<>();
        private final StringBuilder template = new StringBuilder();
        private final List<String> examples = new ArrayList<>();
        private final List<String> counterexamples = new ArrayList<>();

        Parser(String file) {
            this.file = file;
        }

        RuleFile parse(String text) {
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                int n = i + 1;
                String stripped = line.strip();
                if (stripped.isEmpty() || stripped.startsWith("#")) {
                    continue;
                }
                if (!Character.isWhitespace(line.charAt(0))) {
                    endBlock();
                    startBlock(stripped, n);
                } else {
                    keyValue(line.stripLeading(), n);
                }
            }
            endBlock();
            return new RuleFile(Map.copyOf(lexicons), Map.copyOf(fragments), List.copyOf(rules));
        }

        private void startBlock(String line, int n) {
            String[] words = line.split("\\s+");
            switch (words[0]) {
                case "lexicon" -> {
                    if (words.length != 3) {
                        throw error(n, "expected 'lexicon NAME PATH', was '" + line + "'");
                    }
                    checkName(words[1], n);
                    putOnce(lexicons, words[1], words[2], n);
                }
                case "fragment", "rule" -> {
                    if (words.length != 2) {
                        throw error(n, "expected '" + words[0] + " NAME', was '" + line + "'");
                    }
                    if (words[0].equals("fragment")) {
                        checkName(words[1], n);
                    }
                    blockType = words[0];
                    blockName = words[1];
                    blockLine = n;
                }
                default ->
                        throw error(
                                n,
                                "expected 'lexicon', 'fragment' or 'rule', was '" + words[0] + "'");
            }
        }

        private void keyValue(String line, int n) {
            if (blockType == null) {
                throw error(n, "indented line outside a fragment or rule");
            }
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space).stripLeading();
            if (value.isEmpty()) {
                throw error(n, where() + "'" + key + "' has no value");
            }
            switch (key) {
                case "pattern" -> {
                    if (Character.isWhitespace(value.charAt(value.length() - 1))) {
                        // Lines are joined with nothing between them: a space at the end of one
                        // would be invisible and easily lost.
                        throw error(n, where() + "a pattern line must not end with a space");
                    }
                    template.append(value);
                }
                case "example" -> examples.add(value);
                case "counterexample" -> counterexamples.add(value);
                case "kind", "scope", "disclaimer" -> {
                    if (blockType.equals("fragment")) {
                        throw error(n, where() + "a fragment has only 'pattern' lines");
                    }
                    if (single.put(key, value) != null) {
                        throw error(n, where() + "'" + key + "' given twice");
                    }
                }
                default ->
                        throw error(
                                n,
                                where()
                                        + "unknown key '"
                                        + key
                                        + "' (pattern, kind, scope, disclaimer, example,"
                                        + " counterexample)");
            }
            if (blockType.equals("fragment") && !key.equals("pattern")) {
                throw error(n, where() + "a fragment has only 'pattern' lines");
            }
        }

        private void endBlock() {
            if (blockType == null) {
                return;
            }
            if (template.isEmpty()) {
                throw error(blockLine, where() + "no pattern");
            }
            if (blockType.equals("fragment")) {
                putOnce(fragments, blockName, template.toString(), blockLine);
            } else {
                if (rules.stream().anyMatch(r -> r.id().equals(blockName))) {
                    throw error(blockLine, where() + "defined twice");
                }
                rules.add(
                        new Definition(
                                blockName,
                                blockLine,
                                single.get("kind"),
                                single.get("scope"),
                                single.get("disclaimer"),
                                template.toString(),
                                List.copyOf(examples),
                                List.copyOf(counterexamples)));
            }
            blockType = null;
            single.clear();
            template.setLength(0);
            examples.clear();
            counterexamples.clear();
        }

        private void putOnce(Map<String, String> map, String key, String value, int n) {
            if (lexicons.containsKey(key) || fragments.containsKey(key)) {
                throw error(n, "name '" + key + "' defined twice");
            }
            map.put(key, value);
        }

        private void checkName(String name, int n) {
            if (!Templates.NAME.matcher(name).matches()) {
                throw error(n, "name '" + name + "' must be lower case letters, digits and '_'");
            }
        }

        private String where() {
            return blockType + " " + blockName + ": ";
        }

        private IllegalArgumentException error(int line, String message) {
            return new IllegalArgumentException(file + ":" + line + ": " + message);
        }
    }
}
