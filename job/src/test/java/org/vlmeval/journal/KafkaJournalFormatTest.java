package org.vlmeval.journal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaJournalFormatTest {

    static final String FP = "ab".repeat(32);

    static final JournalEntry ANSWER =
            new JournalEntry("qwen2-vl", "7 apples.", "stop", null, null, 812, 1200, 4, 0.0031, 2);

    static final JournalEntry ERROR =
            new JournalEntry(
                    "llama",
                    null,
                    null,
                    "client_error",
                    "HTTP 400: bad image",
                    35,
                    null,
                    null,
                    null,
                    1);

    @Test
    void theKeyIsReadableAndVersioned() {
        JournalKey key = new JournalKey("run-1", "q42", "llama", 0, FP);
        assertThat(new String(KafkaJournalFormat.key(key), StandardCharsets.UTF_8))
                .isEqualTo("j1/run-1/q42/llama/0/" + FP);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a/b",
                "a%2Fb",
                "%",
                "%25",
                "/",
                "//",
                "trailing/",
                "中文/题目",
                "sp ace",
                "x%y/z%"
            })
    void partsWithSlashesAndPercentSignsRoundTrip(String part) {
        JournalKey key = new JournalKey(part, part, part, 3, part);
        assertThat(KafkaJournalFormat.parseKey(KafkaJournalFormat.key(key))).isEqualTo(key);
    }

    @Test
    void keysThatDifferOnlyInWhereASlashIsDoNotCollide() {
        // Unescaped, both would be "j1/a/b/c/…": the escape keeps the parts apart.
        List<JournalKey> keys =
                List.of(
                        new JournalKey("a/b", "c", "e", 0, FP),
                        new JournalKey("a", "b/c", "e", 0, FP),
                        new JournalKey("a", "b", "c/e", 0, FP),
                        new JournalKey("a%2Fb", "c", "e", 0, FP),
                        new JournalKey("a", "b", "c", 0, "e/" + FP));
        Set<String> encoded = new HashSet<>();
        for (JournalKey k : keys) {
            encoded.add(new String(KafkaJournalFormat.key(k), StandardCharsets.UTF_8));
            assertThat(KafkaJournalFormat.parseKey(KafkaJournalFormat.key(k))).isEqualTo(k);
        }
        assertThat(encoded).hasSize(keys.size());
    }

    @Test
    void theSameKeyAlwaysGivesTheSameBytes() {
        // Compaction and partitioning go by the key's bytes.
        assertThat(KafkaJournalFormat.key(new JournalKey("r", "q/1", "e", 0, FP)))
                .isEqualTo(KafkaJournalFormat.key(new JournalKey("r", "q/1", "e", 0, FP)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "j2/r/q/e/0/f",
                "j1/r/q/e/0",
                "j1/r/q/e/0/f/extra",
                "j1/r/q/e/x/f",
                "j1/r/q/e/-1/f",
                "j1//q/e/0/f",
                "j1/r/q%2x/e/0/f",
                "j1/r/q%/e/0/f",
                "answers-key"
            })
    void keysOfAnotherVersionOrShapeAreNotOurs(String key) {
        assertThat(KafkaJournalFormat.parseKey(key.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void valuesRoundTripAnswersAndErrors() {
        for (JournalEntry e : List.of(ANSWER, ERROR)) {
            assertThat(KafkaJournalFormat.parseValue(KafkaJournalFormat.value(e))).isEqualTo(e);
        }
    }

    @Test
    void theValueIsTheProjectsSnakeCaseJsonWithTheFormatFirst() throws Exception {
        JsonNode json =
                org.vlmeval.model.JsonCodec.MAPPER.readTree(KafkaJournalFormat.value(ERROR));
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly(
                        "format",
                        "model",
                        "text",
                        "finish_reason",
                        "error_kind",
                        "error_message",
                        "latency_ms",
                        "input_tokens",
                        "output_tokens",
                        "cost",
                        "attempts");
        assertThat(json.get("format").intValue()).isEqualTo(KafkaJournalFormat.FORMAT);
        assertThat(json.get("text").isNull()).isTrue();
        assertThat(json.get("error_kind").asText()).isEqualTo("client_error");
    }

    @Test
    void aValueOfAnotherFormatOrUnreadableIsAMiss() {
        String current = new String(KafkaJournalFormat.value(ANSWER), StandardCharsets.UTF_8);
        for (String v :
                List.of(
                        current.replace("\"format\":1", "\"format\":2"),
                        current.replace("\"format\":1,", ""),
                        "not json",
                        "[]",
                        "{\"format\":1,\"model\":\"m\"")) {
            assertThat(KafkaJournalFormat.parseValue(v.getBytes(StandardCharsets.UTF_8)))
                    .as(v)
                    .isNull();
        }
    }

    @Test
    void theCheapFormatCheckAgreesWithReading() {
        assertThat(KafkaJournalFormat.hasFormat(KafkaJournalFormat.value(ANSWER))).isTrue();
        for (String v : List.of("{\"format\":2,\"model\":\"m\"}", "{\"format\":1}", "", "[]")) {
            assertThat(KafkaJournalFormat.hasFormat(v.getBytes(StandardCharsets.UTF_8)))
                    .as(v)
                    .isFalse();
        }
        assertThat(KafkaJournalFormat.hasFormat(null)).isFalse();
    }

    @Test
    void unknownFieldsOfTheSameFormatAreSkipped() {
        // A later build may add a field without a new format; this one still reads the entry.
        String v =
                new String(KafkaJournalFormat.value(ANSWER), StandardCharsets.UTF_8)
                        .replace("\"format\":1,", "\"format\":1,\"added\":true,");
        assertThat(KafkaJournalFormat.parseValue(v.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(ANSWER);
    }
}
