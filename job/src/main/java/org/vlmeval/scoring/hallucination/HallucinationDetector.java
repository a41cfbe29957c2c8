package org.vlmeval.scoring.hallucination;

import java.util.List;

/** CHAIR-style object hallucination: objects asserted present that are not in the image. */
public final class HallucinationDetector {

    public static HallucinationDetector create() {
        return new HallucinationDetector();
    }

    public static HallucinationDetector create(ObjectVocabulary vocabulary) {
        return new HallucinationDetector();
    }

    /**
     * @param response the answer text, English or Chinese
     * @param objectsPresent the objects truly in the image, in English or Chinese
     */
    public ObjectMentions detect(String response, List<String> objectsPresent) {
        throw new UnsupportedOperationException("HallucinationDetector not written yet");
    }
}
