package org.vlmeval.scoring.hallucination;

/**
 * One surface name of the vocabulary.
 *
 * @param concept the canonical English name, or {@code null} for a blocker phrase that names no
 *     object
 * @param display the singular form reported when the name is matched ("eggplants" → "eggplant",
 *     "people" → "person"; Chinese names are reported as written)
 * @param modifierProne the name is a singular English name marked {@code ~} in the vocabulary:
 *     often a colour, material or brand modifier ("orange", "glass", "apple")
 */
record VocabularyName(String concept, String display, boolean modifierProne) {

    boolean isBlocker() {
        return concept == null;
    }
}
