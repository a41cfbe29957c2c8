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
        assertThat(r.objectsVocabulary()).isEqualTo("open");
    }

    @Test
    void readsTheObjectsVocabularyAndCarriesItToTheScorer() throws Exception {
        EvalRequest r =
                request(
                        "{\"id\": \"1\", \"question\": \"q\", \"objects\": [\"cat\"],"
                                + " \"objects_vocabulary\": \"coco80\"}");
        assertThat(r.objectsVocabulary()).isEqualTo("coco80");
        assertThat(
                        new RecordedResponse(r, "m", "A cat.", "stop")
                                .scoringInput()
                                .objectsVocabulary())
                .isEqualTo("coco80");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "coco81|objects_vocabulary: unknown vocabulary 'coco81'",
                "COCO80|objects_vocabulary",
                "../objects|objects_vocabulary",
            })
    void refusesAnUnknownObjectsVocabulary(String name, String message) {
        assertThatThrownBy(
                        () ->
                                request(
                                        "{\"id\": \"1\", \"question\": \"q\","
                                                + " \"objects_vocabulary\": \""
                                                + name
                                                + "\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
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

    /**
     * Regression (issue 13, hostile input): an event time the source cannot turn into epoch
     * milliseconds ({@code +999999999-12-31T23:59:59Z}) made the timestamp assigner throw {@code
     * ArithmeticException} on every restart, and an integer beyond a long was silently wrapped.
     * Event times are accepted within the years 0000 to 9999.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "'\"+999999999-12-31T23:59:59Z\"'",
        "'\"-999999999-01-01T00:00:00Z\"'",
        "'\"+10000-01-01T00:00:00Z\"'",
        "'\"0000-01-01T00:00:00+00:01\"'",
        "99999999999999999999999",
        "-99999999999999999999999",
        "9223372036854775807",
        "-9223372036854775808",
        "253402300800000",
        "-62167219200001",
    })
    void refusesEventTimesOutsideTheYears0000To9999(String ts) {
        assertThatThrownBy(
                        () -> request("{\"id\": \"1\", \"question\": \"q\", \"ts\": " + ts + "}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ts: ")
                .hasMessageContaining("is outside the years 0000 to 9999");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "'\"0000-01-01T00:00:00Z\"', -62167219200000",
        "'\"9999-12-31T23:59:59.999Z\"', 253402300799999",
        "-62167219200000, -62167219200000",
        "253402300799999, 253402300799999",
        "-1, -1",
    })
    void acceptsEventTimesAtTheEdgesOfTheRange(String ts, long millis) throws Exception {
        assertThat(request("{\"id\": \"1\", \"question\": \"q\", \"ts\": " + ts + "}").ts())
                .isEqualTo(Instant.ofEpochMilli(millis));
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
