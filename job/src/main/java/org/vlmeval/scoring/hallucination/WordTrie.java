package org.vlmeval.scoring.hallucination;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable trie over English words: finds the longest vocabulary name (a run of WORD tokens)
 * starting at a token, so "hot dog" wins over "dog" and "teddy bear" over "bear".
 */
final class WordTrie {

    private static final class Node {
        final Map<String, Node> children;
        final VocabularyName value;

        Node(Map<String, Node> children, VocabularyName value) {
            this.children = children;
            this.value = value;
        }
    }

    /** A match: the name and the index after its last token. */
    record Match(VocabularyName name, int end) {}

    private final Node root;

    /**
     * @param names keys are names as words joined by single spaces
     */
    WordTrie(Map<String, VocabularyName> names) {
        Builder b = new Builder();
        names.forEach((k, v) -> b.put(k.split(" "), v));
        this.root = b.freeze();
    }

    /** The longest name made of consecutive WORD tokens from {@code start}, or {@code null}. */
    Match longestMatch(List<Token> tokens, int start) {
        Node node = root;
        VocabularyName best = null;
        int bestEnd = -1;
        for (int i = start; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind != Token.Kind.WORD) {
                break;
            }
            node = node.children.get(t.text);
            if (node == null) {
                break;
            }
            if (node.value != null) {
                best = node.value;
                bestEnd = i + 1;
            }
        }
        return best == null ? null : new Match(best, bestEnd);
    }

    private static final class Builder {
        final Map<String, Builder> children = new HashMap<>();
        VocabularyName value;

        void put(String[] words, VocabularyName v) {
            Builder b = this;
            for (String w : words) {
                b = b.children.computeIfAbsent(w, x -> new Builder());
            }
            b.value = v;
        }

        Node freeze() {
            Map<String, Node> frozen = new HashMap<>(children.size() * 2);
            children.forEach((k, v) -> frozen.put(k, v.freeze()));
            return new Node(Map.copyOf(frozen), value);
        }
    }
}
