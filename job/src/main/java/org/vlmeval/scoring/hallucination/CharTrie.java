package org.vlmeval.scoring.hallucination;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable trie over UTF-16 chars with longest-match lookup, for Chinese names and cue words.
 * Children are kept in sorted arrays and found by binary search, so a lookup allocates nothing.
 */
final class CharTrie<V> {

    private static final class Node {
        final char[] keys;
        final Node[] children;
        final Object value;

        Node(char[] keys, Node[] children, Object value) {
            this.keys = keys;
            this.children = children;
            this.value = value;
        }

        Node child(char c) {
            int i = Arrays.binarySearch(keys, c);
            return i >= 0 ? children[i] : null;
        }
    }

    /** The result of a longest match: the value and the end index (exclusive) in the text. */
    record Match<V>(V value, int end) {}

    private final Node root;

    private CharTrie(Node root) {
        this.root = root;
    }

    /** Builds a trie from keys to values; empty keys are ignored. */
    static <V> CharTrie<V> of(Map<String, V> entries) {
        Builder b = new Builder();
        entries.forEach(
                (k, v) -> {
                    if (!k.isEmpty()) {
                        b.put(k, v);
                    }
                });
        return new CharTrie<>(b.freeze());
    }

    /** The longest key starting at {@code start} in {@code text}, or {@code null}. */
    @SuppressWarnings("unchecked")
    Match<V> longestMatch(CharSequence text, int start) {
        Node node = root;
        Object best = null;
        int bestEnd = -1;
        for (int i = start; i < text.length(); i++) {
            node = node.child(text.charAt(i));
            if (node == null) {
                break;
            }
            if (node.value != null) {
                best = node.value;
                bestEnd = i + 1;
            }
        }
        return best == null ? null : new Match<>((V) best, bestEnd);
    }

    private static final class Builder {
        final TreeMap<Character, Builder> children = new TreeMap<>();
        Object value;

        void put(String key, Object v) {
            Builder b = this;
            for (int i = 0; i < key.length(); i++) {
                b = b.children.computeIfAbsent(key.charAt(i), c -> new Builder());
            }
            b.value = v;
        }

        Node freeze() {
            char[] keys = new char[children.size()];
            Node[] nodes = new Node[children.size()];
            int i = 0;
            for (Map.Entry<Character, Builder> e : children.entrySet()) {
                keys[i] = e.getKey();
                nodes[i] = e.getValue().freeze();
                i++;
            }
            return new Node(keys, nodes, value);
        }
    }
}
