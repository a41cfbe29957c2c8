package org.vlmeval.model;

import org.vlmeval.images.ImageRef;
import org.vlmeval.scoring.reference.ChoiceReference;
import org.vlmeval.scoring.reference.NumericReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonCodecTest {

    private static EvalRequest request(String json) throws InvalidInputException {
        return JsonCodec.toEvalRequest(JsonCodec.readObject(json));
    }

    @Test
    void readsAFullRequest() throws Exception {
        EvalRequest r =
                request(
                        """
                        {"id": "fruit-1", "ts": "2026-11-27T10:15:00+01:00", "run": "nightly",
                         "category": "counting", "lang": "zh",
                         "image": {"url": "https://images.example/basket.png"},
                         "question": "篮子里有几种水果？",
                         "reference": {"type": "numeric", "value": 7},
                         "objects": ["apple", "banana"], "models": ["qwen2-vl-7b"],
                         "extra": "kept and ignored"}
                        """);
        assertThat(r.id()).isEqualTo("fruit-1");
        assertThat(r.ts()).isEqualTo(Instant.parse("2026-11-27T09:15:00Z"));
        assertThat(r.run()).isEqualTo("nightly");
        assertThat(r.image()).isEqualTo(ImageRef.ofUrl("https://images.example/basket.png"));
        assertThat(r.reference()).isEqualTo(new NumericReference(7, 0));
        assertThat(r.objects()).containsExactly("apple", "banana");
        assertThat(r.models()).containsExactly("qwen2-vl-7b");
    }

    @Test
    void appliesDefaults() throws Exception {
        EvalRequest r = request("{\"id\": \"1\", \"question\": \"q\", \"ts\": 1764238500000}");
        assertThat(r.run()).isEqualTo("live");
        assertThat(r.ts()).isEqualTo(Instant.ofEpochMilli(1764238500000L));
        assertThat(r.reference()).isNull();
        assertThat(r.objects()).isNull();
    }

    @Test
    void readsAChoiceReferenceWithLowerCaseLetters() throws Exception {
        EvalRequest r =
                request(
                        "{\"id\": \"1\", \"question\": \"q\", \"reference\": {\"type\": \"choice\","
                                + " \"answer\": \"b\", \"options\": {\"a\": \"red\", \"b\": \"blue\"}}}");
        assertThat(((ChoiceReference) r.reference()).answer()).isEqualTo("B");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"id\": \"1\"}|required property 'question' not found",
                "{\"question\": \"q\"}|required property 'id' not found",
                "{\"id\": 7, \"question\": \"q\"}|id: integer found, string expected",
                "{\"id\": \"1\", \"question\": \"q\", \"reference\": {\"type\": \"fuzzy\"}}|reference.type: does not have a value in the enumeration",
                "{\"id\": \"1\", \"question\": \"q\", \"reference\": {\"type\": \"numeric\"}}|reference: required property 'value' not found",
                "{\"id\": \"1\", \"question\": \"q\", \"reference\": {\"type\": \"numeric\", \"value\": \"7\"}}|reference.value: string found, number expected",
                "{\"id\": \"1\", \"question\": \"q\", \"objects\": \"apple\"}|objects: string found, array expected",
                "{\"id\": \"1\", \"question\": \"q\", \"image\": {\"url\": \"ftp://x/y.png\"}}|image",
                "{\"id\": \"1\", \"question\": \"q\", \"image\": {\"url\": \"https://x/y.png\", \"path\": \"a.png\"}}|image",
                "{\"id\": \"1\", \"question\": \"q\", \"ts\": \"yesterday\"}|ts: 'yesterday' is neither ISO-8601",
                "{\"id\": \"1\", \"question\": \"q\", \"reference\": {\"type\": \"regex\", \"pattern\": \"(\"}}|reference.pattern: not a valid regular expression",
                "{\"id\": \"1\", \"question\": \"q\", \"reference\": {\"type\": \"choice\", \"answer\": \"E\", \"options\": {\"A\": \"x\", \"B\": \"y\"}}}|reference (choice): answer 'E' is not one of the options",
            })
    void namesTheFieldOfEveryProblem(String json, String message) {
        assertThatThrownBy(() -> request(json))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"id\": |invalid JSON",
                "[1, 2]|expected a JSON object, got array",
                "{\"id\": \"1\", \"id\": \"2\", \"question\": \"q\"}|invalid JSON: Duplicate field 'id'",
                "{\"id\": \"1\", \"question\": \"q\"} trailing|invalid JSON",
            })
    void rejectsMalformedJson(String json, String message) {
        assertThatThrownBy(() -> JsonCodec.readObject(json))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aRecordedResponseNeedsModelAndResponseText() {
        assertThatThrownBy(
                        () ->
                                JsonCodec.toRecordedResponse(
                                        JsonCodec.readObject(
                                                "{\"id\": \"1\", \"question\": \"q\", \"model\": \"m\", \"response\": {}}")))
                .hasMessageContaining("response: required property 'text' not found");
        assertThatThrownBy(
                        () ->
                                JsonCodec.toRecordedResponse(
                                        JsonCodec.readObject(
                                                "{\"id\": \"1\", \"question\": \"q\", \"response\": {\"text\": \"x\"}}")))
                .hasMessageContaining("required property 'model' not found");
    }
}
