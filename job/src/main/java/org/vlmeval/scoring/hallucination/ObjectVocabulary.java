package org.vlmeval.scoring.hallucination;

import java.util.Optional;

/**
 * Names of visual objects (the 80 COCO classes, fruit, vegetables, food and common scene items)
 * with plurals, synonyms and Chinese names, each mapped to one canonical English name.
 */
public final class ObjectVocabulary {

    public static ObjectVocabulary builtIn() {
        return new ObjectVocabulary();
    }

    /**
     * The canonical English name of an object phrase ("bananas", "香蕉", "aubergine" → "banana",
     * "banana", "eggplant"), or empty when the phrase names no known object.
     */
    public Optional<String> canonical(String phrase) {
        throw new UnsupportedOperationException("ObjectVocabulary not written yet");
    }
}
