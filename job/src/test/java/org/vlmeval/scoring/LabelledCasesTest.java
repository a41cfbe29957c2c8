package org.vlmeval.scoring;

import org.vlmeval.model.JsonCodec;
import org.vlmeval.model.RecordedResponse;
import org.vlmeval.scoring.hallucination.ObjectVocabulary;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end labelled cases (test resource {@code scoring/labelled-cases.jsonl}): recorded
 * responses, English and Chinese, each labelled with the expected refusal, correctness or
 * hallucinated objects. They go through the same parsing and scoring as {@code vlm-eval score}.
 */
class LabelledCasesTest {

    private static final Scorer SCORER = Scorer.standard();
    private static final ObjectVocabulary VOCABULARY = ObjectVocabulary.builtIn();

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in =
                LabelledCasesTest.class.getResourceAsStream("/scoring/labelled-cases.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode node = JsonCodec.MAPPER.readTree(line);
                    out.add(
                            Arguments.of(
                                    node.get("id").asText()
                                            + " "
                                            + node.path("response").path("text").asText(),
                                    node));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scoresAsLabelled(String name, JsonNode node) throws Exception {
        RecordedResponse r = JsonCodec.toRecordedResponse(node);
        Verdict v = SCORER.score(r.scoringInput());
        JsonNode expect = node.get("expect");
        if (expect.has("refusal")) {
            assertThat(v.refusal())
                    .as(v.explanation())
                    .isEqualTo(expect.get("refusal").asBoolean());
        }
        if (expect.has("correct")) {
            assertThat(v.correct())
                    .as(v.explanation())
                    .isEqualTo(expect.get("correct").asBoolean());
        }
        if (expect.has("hallucination")) {
            // the objects named in the answer but not in the image, by their vocabulary names
            List<String> expected = new ArrayList<>();
            expect.get("hallucination").forEach(n -> expected.add(n.asText()));
            assertThat(v.hallucination()).as(v.explanation()).isEqualTo(!expected.isEmpty());
            // Compared as concepts: the detector reports a name as the answer spells it ("table",
            // "fries", 猕猴桃), a case may give the vocabulary's name ("dining table", "kiwi").
            assertThat(concepts(v.hallucinatedObjects()))
                    .as(v.explanation() + ", expected " + expected)
                    .containsExactlyInAnyOrderElementsOf(concepts(expected));
        }
    }

    /** The vocabulary's concept of each name (the name itself when the vocabulary has none). */
    private static List<String> concepts(List<String> names) {
        return names.stream().map(n -> VOCABULARY.canonical(n).orElse(n)).toList();
    }
}
