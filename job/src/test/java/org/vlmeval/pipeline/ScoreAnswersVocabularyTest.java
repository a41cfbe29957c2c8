package org.vlmeval.pipeline;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.CallResult;
import org.vlmeval.model.Question;
import org.vlmeval.scoring.Scorer;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The job scores objects in the vocabulary the event names, as `vlm-eval score` does. */
class ScoreAnswersVocabularyTest {

    private static AnswerRow score(String vocabulary) throws Exception {
        String json =
                "{\"id\":\"q1\",\"question\":\"What is on the table?\",\"objects\":[\"pizza\"]"
                        + (vocabulary == null
                                ? ""
                                : ",\"objects_vocabulary\":\"" + vocabulary + "\"")
                        + "}";
        Question q =
                new Question(
                        "q1",
                        "run",
                        null,
                        "en",
                        Instant.EPOCH,
                        "What is on the table?",
                        null,
                        json,
                        "file:1",
                        false);
        CallResult r =
                new CallResult(
                        q,
                        "llama",
                        "llama-model",
                        "A pizza topped with melted cheese.",
                        "stop",
                        null,
                        null,
                        10,
                        null,
                        null,
                        null,
                        1);
        return ScoreAnswers.toRow(Scorer.standard(), r);
    }

    @Test
    void coco80LeavesMentionsOutsideItsClassesUnjudged() throws Exception {
        AnswerRow open = score(null);
        AnswerRow coco = score("coco80");

        assertThat(open.hallucinatedObjects()).containsExactly("cheese");
        assertThat(coco.hallucination()).isFalse();
        assertThat(coco.hallucinatedObjects()).isEmpty();
    }
}
