package org.vlmeval.model;

import org.vlmeval.scoring.Verdict;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The records' one JSON form ({@link RecordJson} on {@link JsonCodec#MAPPER}): the text is pinned
 * to what the hand-written mapping (RowJson, JsonCodec.toJson(Verdict)) produced before it was
 * replaced, since Kafka consumers, the output files and checkpoint state depend on it, and every
 * record reads back equal.
 */
class RecordJsonTest {

    // Captured from RowJson and JsonCodec.toJson(Verdict) before they were replaced.
    private static final String ANSWERED =
            "{\"run\":\"run-1\",\"request_id\":\"req \\\"7\\\"\",\"endpoint\":\"ep\""
                    + ",\"model\":\"qwen2.5-vl\",\"category\":\"图表\",\"lang\":\"zh\""
                    + ",\"event_time\":\"2026-03-01T10:00:00.123456789Z\",\"question\":\"多少?\\n\""
                    + ",\"response_text\":\"答案 😀 </script>\",\"finish_reason\":\"length\""
                    + ",\"correct\":false,\"score\":0.30000000000000004,\"refusal\":false"
                    + ",\"hallucination\":true,\"hallucinated_objects\":[\"dog\",\"cat\"]"
                    + ",\"explanation\":\"wrong\",\"error_kind\":null,\"error_message\":null"
                    + ",\"latency_ms\":1234,\"input_tokens\":2147483647,\"output_tokens\":0"
                    + ",\"cost\":1.0E-9,\"attempts\":3,\"late\":true,\"reused\":true"
                    + ",\"sample\":0,\"reading\":null,\"truth\":null,\"objects_source\":null}";

    private static final String ERRORED =
            "{\"run\":\"r\",\"request_id\":\"q\",\"endpoint\":\"e\",\"model\":\"m\",\"category\":null"
                    + ",\"lang\":null,\"event_time\":\"2026-03-01T10:00:00.120Z\",\"question\":\"\""
                    + ",\"response_text\":null,\"finish_reason\":null,\"correct\":null,\"score\":null"
                    + ",\"refusal\":null,\"hallucination\":null,\"hallucinated_objects\":[]"
                    + ",\"explanation\":null,\"error_kind\":\"timeout\""
                    + ",\"error_message\":\"no answer after 30 s\",\"latency_ms\":30000"
                    + ",\"input_tokens\":null,\"output_tokens\":null,\"cost\":null,\"attempts\":2"
                    + ",\"late\":false,\"reused\":false,\"sample\":0,\"reading\":null,\"truth\":null,\"objects_source\":null}";

    private static final String WINDOW =
            "{\"run\":\"r\",\"model\":\"m\",\"category\":\"*\""
                    + ",\"window_start\":\"2026-03-01T10:00:00Z\""
                    + ",\"window_end\":\"2026-03-01T10:05:00.500Z\",\"window_kind\":\"sliding\""
                    + ",\"requests\":10,\"answered\":6,\"errors\":4"
                    + ",\"errors_by_kind\":{\"bad_request\":1,\"server_error\":1,\"timeout\":2}"
                    + ",\"scored\":5,\"correct\":3,\"accuracy\":0.6,\"accuracy_low\":0.2307"
                    + ",\"accuracy_high\":0.8824,\"mean_score\":0.65,\"refusals\":1"
                    + ",\"refusal_rate\":0.16666666666666666,\"refusal_rate_low\":0.03"
                    + ",\"refusal_rate_high\":0.56,\"with_objects\":2,\"hallucinations\":1"
                    + ",\"hallucination_rate\":0.5,\"hallucination_rate_low\":0.09"
                    + ",\"hallucination_rate_high\":0.91,\"latency_p50_ms\":120"
                    + ",\"latency_p95_ms\":900,\"latency_p99_ms\":1500,\"input_tokens\":1000"
                    + ",\"output_tokens\":250,\"cost\":0.0125,\"late\":2"
                    + ",\"judged\":0,\"judged_correct\":0,\"judged_accuracy\":null,\"judged_accuracy_low\":null,\"judged_accuracy_high\":null,\"judged_with_objects\":0,\"judged_hallucinations\":0,\"judged_hallucination_rate\":null,\"judged_hallucination_rate_low\":null,\"judged_hallucination_rate_high\":null}";

    private static final String EMPTY_WINDOW =
            "{\"run\":\"r\",\"model\":\"m\",\"category\":\"c\""
                    + ",\"window_start\":\"1970-01-01T00:00:00Z\""
                    + ",\"window_end\":\"1970-01-01T00:00:00.000001Z\",\"window_kind\":\"tumbling\""
                    + ",\"requests\":0,\"answered\":0,\"errors\":0,\"errors_by_kind\":{},\"scored\":0"
                    + ",\"correct\":0,\"accuracy\":null,\"accuracy_low\":null,\"accuracy_high\":null"
                    + ",\"mean_score\":null,\"refusals\":0,\"refusal_rate\":null"
                    + ",\"refusal_rate_low\":null,\"refusal_rate_high\":null,\"with_objects\":0"
                    + ",\"hallucinations\":0,\"hallucination_rate\":null"
                    + ",\"hallucination_rate_low\":null,\"hallucination_rate_high\":null"
                    + ",\"latency_p50_ms\":null,\"latency_p95_ms\":null,\"latency_p99_ms\":null"
                    + ",\"input_tokens\":0,\"output_tokens\":0,\"cost\":0.0,\"late\":0"
                    + ",\"judged\":0,\"judged_correct\":0,\"judged_accuracy\":null,\"judged_accuracy_low\":null,\"judged_accuracy_high\":null,\"judged_with_objects\":0,\"judged_hallucinations\":0,\"judged_hallucination_rate\":null,\"judged_hallucination_rate_low\":null,\"judged_hallucination_rate_high\":null}";

    private static final String DEAD_LETTER =
            "{\"reason\":\"invalid_json\",\"detail\":\"invalid JSON: unexpected end\""
                    + ",\"position\":\"in.jsonl:9\",\"received_at\":\"2026-03-01T10:00:00.000001Z\""
                    + ",\"payload_bytes\":21,\"payload\":\"not json, \\\"at all\\\"\\t\uFFFD\"}";

    private static final String VERDICT =
            "{\"correct\":null,\"score\":null,\"refusal\":true,\"hallucination\":true"
                    + ",\"hallucinated_objects\":[\"dog\"],\"explanation\":\"refused; named dog\",\"reading\":null"
                    + ",\"unverifiable_objects\":[]}";

    private static final String SCORED_VERDICT =
            "{\"correct\":true,\"score\":0.75,\"refusal\":false,\"hallucination\":null"
                    + ",\"hallucinated_objects\":[],\"explanation\":\"matched \\\"4\\\"\",\"reading\":null"
                    + ",\"unverifiable_objects\":[]}";

    @Test
    void writesTheTextTheHandWrittenMappingWrote() throws IOException {
        assertThat(write(answered())).isEqualTo(ANSWERED);
        assertThat(write(errored())).isEqualTo(ERRORED);
        assertThat(write(window())).isEqualTo(WINDOW);
        assertThat(write(emptyWindow())).isEqualTo(EMPTY_WINDOW);
        assertThat(write(deadLetter())).isEqualTo(DEAD_LETTER);
        assertThat(write(verdict())).isEqualTo(VERDICT);
        assertThat(write(scoredVerdict())).isEqualTo(SCORED_VERDICT);
    }

    @Test
    void readsTheTextTheHandWrittenMappingWrote() throws IOException {
        assertThat(read(ANSWERED, AnswerRow.class)).isEqualTo(answered());
        assertThat(read(ERRORED, AnswerRow.class)).isEqualTo(errored());
        assertThat(read(WINDOW, WindowMetricsRow.class)).isEqualTo(window());
        assertThat(read(EMPTY_WINDOW, WindowMetricsRow.class)).isEqualTo(emptyWindow());
        assertThat(read(DEAD_LETTER, DeadLetter.class)).isEqualTo(deadLetter());
        assertThat(read(VERDICT, Verdict.class)).isEqualTo(verdict());
        assertThat(read(SCORED_VERDICT, Verdict.class)).isEqualTo(scoredVerdict());
        // Verdicts written before unverifiable_objects existed read as having none.
        assertThat(read(VERDICT.replace(",\"unverifiable_objects\":[]", ""), Verdict.class))
                .isEqualTo(verdict());
    }

    @Test
    void answerRowsRoundTrip() throws IOException {
        assertRoundTrip(answered(), AnswerRow.class);
        assertRoundTrip(errored(), AnswerRow.class);
    }

    @Test
    void windowMetricsRowsRoundTrip() throws IOException {
        assertRoundTrip(window(), WindowMetricsRow.class);
        assertRoundTrip(emptyWindow(), WindowMetricsRow.class);
    }

    @Test
    void deadLettersRoundTrip() throws IOException {
        assertRoundTrip(deadLetter(), DeadLetter.class);
    }

    @Test
    void verdictsRoundTrip() throws IOException {
        assertRoundTrip(verdict(), Verdict.class);
        assertRoundTrip(scoredVerdict(), Verdict.class);
    }

    @Test
    void instantsAreWrittenAsInstantToString() throws IOException {
        for (String text :
                List.of(
                        "2026-03-01T10:00:00Z",
                        "2026-03-01T10:00:00.100Z",
                        "2026-03-01T10:00:00.120Z",
                        "2026-03-01T10:00:00.000001Z",
                        "2026-03-01T10:00:00.000000001Z",
                        "2026-03-01T10:00:00.123456789Z",
                        "1969-12-31T23:59:59.999Z",
                        "+12026-03-01T10:00:00Z")) {
            Instant instant = Instant.parse(text);
            assertThat(instant.toString()).isEqualTo(text);
            assertThat(write(instant)).isEqualTo('"' + text + '"');
            assertThat(read('"' + text + '"', Instant.class)).isEqualTo(instant);
        }
    }

    @Test
    void errorsByKindIsWrittenInKeyOrder() throws IOException {
        JsonNode byKind = JsonCodec.MAPPER.valueToTree(window()).get("errors_by_kind");

        assertThat(fieldNames(byKind)).containsExactly("bad_request", "server_error", "timeout");
    }

    @Test
    void windowMetricsFieldsAreTheStoreColumns() {
        assertThat(fieldNames(JsonCodec.MAPPER.valueToTree(window())))
                .isEqualTo(WindowMetricsRow.COLUMNS);
        assertThat(fieldNames(JsonCodec.MAPPER.valueToTree(emptyWindow())))
                .isEqualTo(WindowMetricsRow.COLUMNS);
    }

    @Test
    void answerFieldsAreTheStoreColumns() throws IOException {
        List<String> columns = tableColumns("answers");
        // Written by the database itself, not by the job.
        columns.removeAll(List.of("time", "written_at"));

        assertThat(columns).contains("request_id", "hallucinated_objects", "late", "reused");
        assertThat(fieldNames(JsonCodec.MAPPER.valueToTree(answered()))).isEqualTo(columns);
        assertThat(fieldNames(JsonCodec.MAPPER.valueToTree(errored()))).isEqualTo(columns);
    }

    @Test
    void answersWrittenBeforeTheJournalReadAsNotReused() throws IOException {
        String before = ERRORED.replace(",\"reused\":false", "");

        assertThat(before).doesNotContain("reused");
        assertThat(read(before, AnswerRow.class)).isEqualTo(errored());
        assertThat(read(ANSWERED.replace(",\"reused\":true", ""), AnswerRow.class))
                .isEqualTo(answered(false));
    }

    @Test
    void readingValidatesThroughTheRecordsConstructors() {
        String scoreWithoutCorrect = ANSWERED.replace("\"correct\":false", "\"correct\":null");

        assertThatThrownBy(() -> read(scoreWithoutCorrect, AnswerRow.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("correct: must be null together with score");
        assertThatThrownBy(() -> read("{\"reason\":\"empty\"}", DeadLetter.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("detail");
    }

    @Test
    void unknownFieldsAreSkipped() throws IOException {
        String withExtra = DEAD_LETTER.replace("{", "{\"since_removed\":[1,{}],");

        assertThat(read(withExtra, DeadLetter.class)).isEqualTo(deadLetter());
    }

    private static String write(Object value) throws IOException {
        return JsonCodec.MAPPER.writeValueAsString(value);
    }

    private static <T> T read(String json, Class<T> type) throws IOException {
        return JsonCodec.MAPPER.readValue(json, type);
    }

    private static <T> void assertRoundTrip(T value, Class<T> type) throws IOException {
        assertThat(read(write(value), type)).isEqualTo(value);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The store's migrations that create or add columns, in order. */
    private static final List<String> COLUMN_MIGRATIONS =
            List.of(
                    "V1__answers_and_window_metrics.sql",
                    "V4__response_journal_and_reused.sql",
                    "V6__repeated_samples_and_pairwise.sql",
                    "V7__answers_truth.sql",
                    "V9__objects_judge.sql");

    private static String migration(String name) throws IOException {
        try (InputStream in = JsonCodec.class.getResourceAsStream("/org/vlmeval/store/" + name)) {
            assertThat(in).as("the store's migration " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The columns of {@code CREATE TABLE ${schema}.<table>} in the store's first migration, then
     * those later migrations add ({@code ALTER TABLE ${schema}.<table> ADD COLUMN <name>}).
     */
    private static List<String> tableColumns(String table) throws IOException {
        String sql = migration(COLUMN_MIGRATIONS.get(0));
        Matcher body =
                Pattern.compile(
                                "CREATE TABLE \\$\\{schema}\\." + table + " \\((.*?)\\n\\);",
                                Pattern.DOTALL)
                        .matcher(sql);
        assertThat(body.find()).as("CREATE TABLE " + table).isTrue();
        List<String> columns = new ArrayList<>();
        for (String line : body.group(1).strip().split("\\n")) {
            String column = line.strip().split("\\s+")[0].replace("\"", "");
            if (column.equals("CONSTRAINT")) {
                break;
            }
            columns.add(column);
        }
        Pattern added =
                Pattern.compile("ALTER TABLE \\$\\{schema}\\." + table + " ADD COLUMN (\\w+)");
        for (String later : COLUMN_MIGRATIONS.subList(1, COLUMN_MIGRATIONS.size())) {
            Matcher m = added.matcher(migration(later));
            while (m.find()) {
                columns.add(m.group(1));
            }
        }
        return columns;
    }

    private static AnswerRow answered() {
        return answered(true);
    }

    private static AnswerRow answered(boolean reused) {
        return new AnswerRow(
                "run-1",
                "req \"7\"",
                "ep",
                "qwen2.5-vl",
                "图表",
                "zh",
                Instant.parse("2026-03-01T10:00:00.123456789Z"),
                "多少?\n",
                "答案 😀 </script>",
                "length",
                false,
                0.1 + 0.2,
                false,
                true,
                List.of("dog", "cat"),
                "wrong",
                null,
                null,
                1234,
                Integer.MAX_VALUE,
                0,
                1e-9,
                3,
                true,
                reused);
    }

    private static AnswerRow errored() {
        return AnswerRow.errored(
                "r",
                "q",
                "e",
                "m",
                null,
                null,
                Instant.parse("2026-03-01T10:00:00.120Z"),
                "",
                "timeout",
                "no answer after 30 s",
                30000,
                2,
                false,
                false);
    }

    private static WindowMetricsRow window() {
        Map<String, Long> byKind = new LinkedHashMap<>();
        byKind.put("timeout", 2L);
        byKind.put("server_error", 1L);
        byKind.put("bad_request", 1L);
        return new WindowMetricsRow(
                "r",
                "m",
                WindowMetricsRow.ALL_CATEGORIES,
                Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse("2026-03-01T10:05:00.500Z"),
                WindowMetricsRow.SLIDING,
                10,
                6,
                4,
                byKind,
                5,
                3,
                0.6,
                0.2307,
                0.8824,
                0.65,
                1,
                1.0 / 6,
                0.03,
                0.56,
                2,
                1,
                0.5,
                0.09,
                0.91,
                120L,
                900L,
                1500L,
                1000,
                250,
                0.0125,
                2,
                0,
                0,
                null,
                null,
                null);
    }

    private static WindowMetricsRow emptyWindow() {
        return new WindowMetricsRow(
                "r",
                "m",
                "c",
                Instant.EPOCH,
                Instant.EPOCH.plusNanos(1000),
                WindowMetricsRow.TUMBLING,
                0,
                0,
                0,
                Map.of(),
                0,
                0,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                null,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                0,
                0.0,
                0,
                0,
                0,
                null,
                null,
                null);
    }

    private static DeadLetter deadLetter() {
        return new DeadLetter(
                DeadLetter.INVALID_JSON,
                "invalid JSON: unexpected end",
                "in.jsonl:9",
                Instant.parse("2026-03-01T10:00:00.000001Z"),
                "not json, \"at all\"\t\uFFFD",
                21);
    }

    private static Verdict verdict() {
        return new Verdict(null, null, true, true, List.of("dog"), "refused; named dog");
    }

    private static Verdict scoredVerdict() {
        return new Verdict(true, 0.75, false, null, List.of(), "matched \"4\"");
    }
}
