package org.vlmeval.scoring.refusal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands pattern templates: {@code {name}} stands for a lexicon, as "any of its phrases" ({@code
 * (?:p1|p2|…)}), or for a fragment, inserted as written after its own expansion. Regex repetition
 * braces ({@code {0,3}}) begin with a digit and are left alone.
 */
final class Templates {

    /** Names of lexicons and fragments. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private static final Pattern REFERENCE = Pattern.compile("\\{(" + NAME.pattern() + ")}");

    private final Map<String, List<String>> lexicons;
    private final Map<String, String> fragments;
    private final Map<String, String> expanded = new HashMap<>();

    /**
     * @param lexicons lexicon name → its phrases (regex fragments)
     * @param fragments fragment name → its template
     */
    Templates(Map<String, List<String>> lexicons, Map<String, String> fragments) {
        this.lexicons = Map.copyOf(lexicons);
        this.fragments = Map.copyOf(fragments);
    }

    /**
     * The template with every reference replaced.
     *
     * @param owner what the template belongs to, for messages ("rule decline.habitual")
     */
    String expand(String owner, String template) {
        return expand(owner, template, new ArrayDeque<>());
    }

    private String expand(String owner, String template, Deque<String> using) {
        Matcher m = REFERENCE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(owner, m.group(1), using)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String resolve(String owner, String name, Deque<String> using) {
        List<String> phrases = lexicons.get(name);
        if (phrases != null) {
            return "(?:" + String.join("|", phrases) + ")";
        }
        String fragment = fragments.get(name);
        if (fragment == null) {
            throw new IllegalArgumentException(
                    owner + ": unknown {" + name + "}: no lexicon or fragment has that name");
        }
        String done = expanded.get(name);
        if (done != null) {
            return done;
        }
        if (using.contains(name)) {
            throw new IllegalArgumentException(
                    owner + ": fragment {" + name + "} refers to itself through " + using);
        }
        using.push(name);
        String result = expand(owner, fragment, using);
        using.pop();
        expanded.put(name, result);
        return result;
    }
}
