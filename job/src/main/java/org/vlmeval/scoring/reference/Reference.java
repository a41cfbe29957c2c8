package org.vlmeval.scoring.reference;

import org.vlmeval.scoring.text.AnswerNormalizer;

/**
 * What a correct answer looks like. One implementation per {@code type} of the Reference schema
 * (docs/schemas.md); each knows how to compare an answer with itself.
 */
public sealed interface Reference
        permits NumericReference,
                ExactReference,
                VqaReference,
                ChoiceReference,
                AnlsReference,
                SetReference,
                TableReference,
                RegexReference,
                YesNoReference {

    /** The {@code type} field of this reference in JSON. */
    String type();

    /**
     * Compares an answer with this reference.
     *
     * @param response the model's answer text (never null)
     * @param question the question asked (never null; may be empty)
     */
    AnswerMatch match(String response, String question);

    /**
     * What the answer says, in this reference type's terms: two answers with the same reading give
     * the same answer (the same number, the same option) however they are worded. Repeated samples
     * of one question agree when their readings are equal; the majority vote is over readings. By
     * default the answer's normalised text.
     */
    default String reading(String response, String question) {
        return "text:" + AnswerNormalizer.normalize(response);
    }
}
