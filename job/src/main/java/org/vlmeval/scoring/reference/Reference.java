package org.vlmeval.scoring.reference;

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
}
