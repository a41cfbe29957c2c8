package org.vlmeval.sources;

import org.vlmeval.model.CallResult;
import org.vlmeval.model.DeadLetter;
import org.vlmeval.model.EvalRequest;
import org.vlmeval.model.Question;
import org.vlmeval.pipeline.PipelineOptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventParserTest {

    static final Instant RECEIVED = Instant.parse("2026-02-03T04:05:06Z");
    static final String POS = "requests-0@42";

    final EventParser parser = new EventParser(PipelineOptions.DEFAULT_MAX_EVENT_BYTES, null);

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    DeadLetter dead(EventParser p, byte[] payload) {
        SourceEvent e = p.parse(payload, POS, RECEIVED);
        assertThat(e.question()).isNull();
        assertThat(e.recorded()).isNull();
        assertThat(e.deadLetter()).isNotNull();
        DeadLetter d = e.deadLetter();
        assertThat(d.position()).isEqualTo(POS);
        assertThat(d.receivedAt()).isEqualTo(RECEIVED);
        assertThat(e.eventTime()).isEqualTo(RECEIVED);
        assertThat(d.payloadBytes()).isEqualTo(payload == null ? 0 : payload.length);
        return d;
    }

    DeadLetter dead(byte[] payload) {
        return dead(parser, payload);
    }

    Question question(EventParser p, String json) {
        SourceEvent e = p.parse(utf8(json), POS, RECEIVED);
        assertThat(e.deadLetter()).as("dead letter for %s", json).isNull();
        assertThat(e.question()).isNotNull();
        return e.question();
    }

    // --- dead letters -------------------------------------------------------------------------

    @Test
    void emptyAndNullPayloadsAreEmpty() {
        DeadLetter d = dead(new byte[0]);
        assertThat(d.reason()).isEqualTo(DeadLetter.EMPTY);
        assertThat(d.payload()).isEmpty();
        DeadLetter n = dead(null);
        assertThat(n.reason()).isEqualTo(DeadLetter.EMPTY);
    }

    @Test
    void blankPayloadsAreEmpty() {
        DeadLetter d = dead(utf8(" \n\t\r "));
        assertThat(d.reason()).isEqualTo(DeadLetter.EMPTY);
        assertThat(d.detail()).contains("blank");
        assertThat(d.payload()).isEqualTo(" \n\t\r ");
    }

    @Test
    void oversizedEventsAreRejectedBeforeDecoding() {
        EventParser small = new EventParser(64, null);
        String ok = "{\"id\":\"a\",\"question\":\"" + "x".repeat(64 - 24) + "\"}";
        assertThat(utf8(ok)).hasSize(64);
        assertThat(small.parse(utf8(ok), POS, RECEIVED).question()).isNotNull();

        byte[] big = utf8(ok + " ");
        DeadLetter d = dead(small, big);
        assertThat(d.reason()).isEqualTo(DeadLetter.OVERSIZED);
        assertThat(d.detail()).contains("65").contains("64");
        assertThat(d.payload()).isEqualTo(ok + " ");

        // Invalid UTF-8 that is also too big is oversized: the size check comes first.
        byte[] bigAndBroken = new byte[65];
        bigAndBroken[0] = (byte) 0xFF;
        assertThat(dead(small, bigAndBroken).reason()).isEqualTo(DeadLetter.OVERSIZED);
    }

    @Test
    void invalidUtf8IsUndecodableAndPreviewedWithReplacementCharacters() {
        byte[] payload = {'{', '"', 'i', 'd', '"', ':', (byte) 0xC3, (byte) 0x28, '}'};
        DeadLetter d = dead(payload);
        assertThat(d.reason()).isEqualTo(DeadLetter.UNDECODABLE);
        assertThat(d.detail()).contains("UTF-8");
        assertThat(d.payload()).isEqualTo("{\"id\":\uFFFD(}");

        // A lone surrogate encoded in UTF-8 (CESU style) is not valid UTF-8 either.
        byte[] surrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        assertThat(dead(surrogate).reason()).isEqualTo(DeadLetter.UNDECODABLE);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"id\": \"broken\", ",
                "not json at all",
                "[1, 2, 3]",
                "\"a string\"",
                "42",
                "{\"id\":\"a\",\"question\":\"q\"} trailing"
            })
    void malformedJsonAndNonObjectsAreInvalidJson(String json) {
        DeadLetter d = dead(utf8(json));
        assertThat(d.reason()).isEqualTo(DeadLetter.INVALID_JSON);
        assertThat(d.payload()).isEqualTo(json);
        assertThat(d.detail()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"id\":\"a\"}                                              | question",
                "{\"question\":\"q\"}                                        | id",
                "{\"id\":\"a\",\"question\":7}                               | question",
                "{\"id\":\"a\",\"question\":\"q\",\"ts\":\"yesterday\"}      | ts",
                "{\"id\":\"a\",\"question\":\"q\",\"ts\":\"+999999999-12-31T23:59:59Z\"} | ts",
                "{\"id\":\"a\",\"question\":\"q\",\"ts\":99999999999999999999} | ts",
                "{\"id\":\"a\",\"question\":\"q\",\"models\":\"llama\"}      | models",
                "{\"id\":\"a\",\"question\":\"q\",\"response\":{}}           | text",
                "{\"id\":\"a\",\"question\":\"q\",\"response\":{\"text\":\"t\"}} | model"
            })
    void schemaViolationsNameTheField(String json, String field) {
        DeadLetter d = dead(utf8(json));
        assertThat(d.reason()).isEqualTo(DeadLetter.SCHEMA_VIOLATION);
        assertThat(d.detail()).contains(field);
        assertThat(d.payload()).isEqualTo(json);
    }

    // --- payload preview ----------------------------------------------------------------------

    @Test
    void longPayloadsArePreviewedUpToTheLimit() {
        String json = "{\"broken\": \"" + "x".repeat(10_000);
        DeadLetter d = dead(utf8(json));
        assertThat(d.reason()).isEqualTo(DeadLetter.INVALID_JSON);
        assertThat(d.payload()).hasSize(DeadLetter.MAX_PAYLOAD_CHARS);
        assertThat(json).startsWith(d.payload());
        assertThat(d.payloadBytes()).isEqualTo(json.length());
    }

    @Test
    void thePreviewDoesNotSplitASurrogatePair() {
        String emoji = "\uD83D\uDE00"; // U+1F600, two UTF-16 chars, four UTF-8 bytes
        // The pair straddles the limit: its high half would be the last character kept.
        String straddling = "x".repeat(DeadLetter.MAX_PAYLOAD_CHARS - 1) + emoji + "yyy";
        DeadLetter d = dead(utf8(straddling));
        assertThat(d.payload())
                .hasSize(DeadLetter.MAX_PAYLOAD_CHARS - 1)
                .isEqualTo("x".repeat(DeadLetter.MAX_PAYLOAD_CHARS - 1));

        // The pair ends exactly at the limit: kept whole.
        String fitting = "x".repeat(DeadLetter.MAX_PAYLOAD_CHARS - 2) + emoji + "yyy";
        assertThat(dead(utf8(fitting)).payload())
                .hasSize(DeadLetter.MAX_PAYLOAD_CHARS)
                .endsWith(emoji);

        // Only emoji: every cut must land between pairs.
        String allEmoji = emoji.repeat(DeadLetter.MAX_PAYLOAD_CHARS);
        String preview = dead(utf8(allEmoji)).payload();
        assertThat(preview).hasSize(DeadLetter.MAX_PAYLOAD_CHARS);
        assertWellFormed(preview);
    }

    @Test
    void previewOfMultiByteTextKeepsWholeCharacters() {
        for (String unit : List.of("é", "日", "\uD83D\uDE00", "a\uD83D\uDE00")) {
            for (int pad = 0; pad < 4; pad++) {
                String text = "z".repeat(pad) + unit.repeat(3000);
                String preview = EventParser.preview(utf8(text));
                assertThat(preview.length())
                        .isBetween(DeadLetter.MAX_PAYLOAD_CHARS - 1, DeadLetter.MAX_PAYLOAD_CHARS);
                assertThat(text).startsWith(preview);
                assertWellFormed(preview);
            }
        }
    }

    @Test
    void shortPayloadsArePreviewedWhole() {
        assertThat(EventParser.preview(utf8("{\"a\":1"))).isEqualTo("{\"a\":1");
        assertThat(EventParser.preview(new byte[0])).isEmpty();
    }

    static void assertWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1).as("high surrogate at the end").isLessThan(s.length());
                assertThat(Character.isLowSurrogate(s.charAt(i + 1))).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at %d", i).isFalse();
            }
        }
    }

    // --- questions ----------------------------------------------------------------------------

    @Test
    void aRequestBecomesAQuestion() throws Exception {
        String json =
                "{\"id\":\"q1\",\"ts\":\"2026-01-01T00:00:05Z\",\"run\":\"live-x\","
                        + "\"category\":\"charts\",\"lang\":\"en\",\"question\":\"How many?\","
                        + "\"reference\":{\"type\":\"numeric\",\"value\":4},\"models\":[\"llama\"]}";
        Question q = question(parser, json);
        assertThat(q.requestId()).isEqualTo("q1");
        assertThat(q.run()).isEqualTo("live-x");
        assertThat(q.category()).isEqualTo("charts");
        assertThat(q.lang()).isEqualTo("en");
        assertThat(q.eventTime()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
        assertThat(q.question()).isEqualTo("How many?");
        assertThat(q.models()).containsExactly("llama");
        assertThat(q.position()).isEqualTo(POS);
        assertThat(q.late()).isFalse();
        assertThat(new ObjectMapper().readTree(q.requestJson()))
                .isEqualTo(new ObjectMapper().readTree(json));
    }

    @Test
    void aRequestWithoutTsTakesTheTimeItWasRead() {
        Question q = question(parser, "{\"id\":\"q1\",\"question\":\"What?\"}");
        assertThat(q.eventTime()).isEqualTo(RECEIVED);
        assertThat(q.run()).isEqualTo(EvalRequest.LIVE_RUN);
        assertThat(q.models()).isNull();
    }

    @Test
    void theRunOverrideWinsOverTheEventsOwnRun() {
        EventParser replay = new EventParser(PipelineOptions.DEFAULT_MAX_EVENT_BYTES, "replay-7");
        assertThat(question(replay, "{\"id\":\"a\",\"run\":\"live-x\",\"question\":\"q\"}").run())
                .isEqualTo("replay-7");
        assertThat(question(replay, "{\"id\":\"a\",\"question\":\"q\"}").run())
                .isEqualTo("replay-7");
        SourceEvent rec = replay.parse(utf8(recordedJson(true)), POS, RECEIVED);
        assertThat(rec.recorded().question().run()).isEqualTo("replay-7");
        assertThat(question(parser, "{\"id\":\"a\",\"run\":\"live-x\",\"question\":\"q\"}").run())
                .isEqualTo("live-x");
    }

    // --- recorded responses -------------------------------------------------------------------

    static String recordedJson(boolean withTs) {
        return "{\"id\":\"rec\","
                + (withTs ? "\"ts\":\"2026-01-01T00:01:15Z\"," : "")
                + "\"run\":\"old\",\"category\":\"charts\",\"question\":\"How many bars?\","
                + "\"reference\":{\"type\":\"numeric\",\"value\":4},\"model\":\"recorded-90b\","
                + "\"response\":{\"text\":\"There are 4 bars.\",\"finish_reason\":\"stop\","
                + "\"latency_ms\":1200,\"input_tokens\":900,\"output_tokens\":6}}";
    }

    @Test
    void aRecordedResponseBecomesACallResultWithItsLatencyAndTokens() throws Exception {
        SourceEvent e = parser.parse(utf8(recordedJson(true)), POS, RECEIVED);
        assertThat(e.question()).isNull();
        assertThat(e.deadLetter()).isNull();
        CallResult r = e.recorded();
        assertThat(r.ok()).isTrue();
        assertThat(r.endpoint()).isEqualTo("recorded-90b");
        assertThat(r.model()).isEqualTo("recorded-90b");
        assertThat(r.text()).isEqualTo("There are 4 bars.");
        assertThat(r.finishReason()).isEqualTo("stop");
        assertThat(r.latencyMs()).isEqualTo(1200);
        assertThat(r.inputTokens()).isEqualTo(900);
        assertThat(r.outputTokens()).isEqualTo(6);
        assertThat(r.cost()).isNull();
        assertThat(r.attempts()).isEqualTo(1);
        Question q = r.question();
        assertThat(q.requestId()).isEqualTo("rec");
        assertThat(q.run()).isEqualTo("old");
        assertThat(q.eventTime()).isEqualTo(Instant.parse("2026-01-01T00:01:15Z"));
        assertThat(e.eventTime()).isEqualTo(q.eventTime());
        assertThat(q.late()).isFalse();
        // The carried request is the request alone: no answer inside it.
        var node = new ObjectMapper().readTree(q.requestJson());
        assertThat(node.has("response")).isFalse();
        assertThat(node.has("model")).isFalse();
        assertThat(node.get("question").asText()).isEqualTo("How many bars?");
    }

    @Test
    void aRecordedResponseWithoutTsOrCountsUsesReceivedAtAndNulls() {
        String json =
                "{\"id\":\"rec\",\"question\":\"q\",\"model\":\"m\","
                        + "\"response\":{\"text\":\"t\",\"finish_reason\":null}}";
        CallResult r = parser.parse(utf8(json), POS, RECEIVED).recorded();
        assertThat(r.question().eventTime()).isEqualTo(RECEIVED);
        assertThat(r.latencyMs()).isZero();
        assertThat(r.inputTokens()).isNull();
        assertThat(r.outputTokens()).isNull();
        assertThat(r.finishReason()).isNull();
    }

    /**
     * Regression (issue 13, hostile input): counts beyond what a recorded answer keeps (an int for
     * tokens, a long for latency) passed the schema and were wrapped into negative numbers.
     */
    @ParameterizedTest
    @CsvSource({
        "input_tokens, 2147483648",
        "output_tokens, 9223372036854775807",
        "latency_ms, 99999999999999999999",
    })
    void recordedCountsBeyondTheirRangeAreSchemaViolations(String field, String value) {
        String json =
                "{\"id\":\"rec\",\"question\":\"q\",\"model\":\"m\","
                        + "\"response\":{\"text\":\"t\",\""
                        + field
                        + "\":"
                        + value
                        + "}}";
        DeadLetter d = dead(utf8(json));
        assertThat(d.reason()).isEqualTo(DeadLetter.SCHEMA_VIOLATION);
        assertThat(d.detail()).contains(field);
    }

    @Test
    void recordedCountsAtTheirMaximumAreKept() {
        String json =
                "{\"id\":\"rec\",\"question\":\"q\",\"model\":\"m\",\"response\":{\"text\":\"t\","
                        + "\"latency_ms\":9223372036854775807,\"input_tokens\":2147483647,"
                        + "\"output_tokens\":2147483647}}";
        CallResult r = parser.parse(utf8(json), POS, RECEIVED).recorded();
        assertThat(r.latencyMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(r.inputTokens()).isEqualTo(Integer.MAX_VALUE);
        assertThat(r.outputTokens()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void neverThrowsOnArbitraryBytes() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] b = new byte[random.nextInt(64)];
            random.nextBytes(b);
            SourceEvent e = parser.parse(b, POS, RECEIVED);
            assertThat(e).isNotNull();
        }
    }
}
