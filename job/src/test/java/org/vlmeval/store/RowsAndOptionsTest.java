package org.vlmeval.store;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.WindowMetricsRow;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vlmeval.store.StoreFixtures.T0;
import static org.vlmeval.store.StoreFixtures.answer;
import static org.vlmeval.store.StoreFixtures.errored;
import static org.vlmeval.store.StoreFixtures.window;

/** Validation of the rows and options, without a database. */
class RowsAndOptionsTest {

    @Test
    void answerRowValidationNamesTheField() {
        assertThatThrownBy(() -> copy(answer("run", 1), "run", " "))
                .hasMessageContaining("run: must not be blank");
        assertThatThrownBy(
                        () ->
                                AnswerRow.errored(
                                        "r", "id", "ep", "m", null, null, null, "q", "timeout",
                                        null, 1, 1, false, false))
                .hasMessageContaining("event_time");
        assertThatThrownBy(
                        () ->
                                AnswerRow.errored(
                                        "r", "id", "ep", "m", null, null, T0, "q", "timeout", null,
                                        -1, 1, false, false))
                .hasMessageContaining("latency_ms");
        assertThatThrownBy(
                        () ->
                                AnswerRow.errored(
                                        "r", "id", "ep", "m", null, null, T0, "q", "timeout", null,
                                        1, -1, false, false))
                .hasMessageContaining("attempts");
        assertThatThrownBy(
                        () ->
                                new AnswerRow(
                                        "r", "id", "ep", "m", null, null, T0, "q", "a", "stop",
                                        true, null, false, null, null, "e", null, null, 1, null,
                                        null, null, 1, false, false))
                .hasMessageContaining("must be null together with score");
        assertThatThrownBy(
                        () ->
                                new AnswerRow(
                                        "r", "id", "ep", "m", null, null, T0, "q", "a", "stop",
                                        true, 1.5, false, null, null, "e", null, null, 1, null,
                                        null, null, 1, false, false))
                .hasMessageContaining("score: must be in [0, 1]");
        assertThatThrownBy(
                        () ->
                                new AnswerRow(
                                        "r", "id", "ep", "m", null, null, T0, "q", null, null, null,
                                        null, false, null, null, null, "timeout", "x", 1, null,
                                        null, null, 1, false, false))
                .hasMessageContaining("refusal: must be null when errored");
        assertThatThrownBy(
                        () ->
                                new AnswerRow(
                                        "r", "id", "ep", "m", null, null, T0, "q", "a", "stop",
                                        null, null, null, null, null, "e", null, null, 1, null,
                                        null, null, 1, false, false))
                .hasMessageContaining("refusal: is required");
        assertThatThrownBy(
                        () ->
                                new AnswerRow(
                                        "r", "id", "ep", "m", null, null, T0, "q", "a", "stop",
                                        null, null, false, null, null, "e", null, null, 1, -3, null,
                                        null, 1, false, false))
                .hasMessageContaining("input_tokens");
        assertThatThrownBy(
                        () ->
                                new AnswerRow(
                                        "r",
                                        "id",
                                        "ep",
                                        "m",
                                        null,
                                        null,
                                        T0,
                                        "q",
                                        "a",
                                        "stop",
                                        null,
                                        null,
                                        false,
                                        null,
                                        null,
                                        "e",
                                        null,
                                        null,
                                        1,
                                        null,
                                        null,
                                        Double.NaN,
                                        1,
                                        false,
                                        false))
                .hasMessageContaining("cost");
    }

    @Test
    void windowRowValidationNamesTheField() {
        WindowMetricsRow w = window("run", "*", 1);
        assertThat(w.errorsByKind()).containsEntry("timeout", 0L).containsEntry("server_error", 1L);
        assertThatThrownBy(() -> withWindow(w, 3, T0, T0, "sliding", Map.of(), 0.5, 0.4, 0.6))
                .hasMessageContaining("window_start");
        assertThatThrownBy(
                        () ->
                                withWindow(
                                        w,
                                        3,
                                        T0,
                                        T0.plusSeconds(1),
                                        "hopping",
                                        Map.of(),
                                        0.5,
                                        0.4,
                                        0.6))
                .hasMessageContaining("window_kind");
        assertThatThrownBy(
                        () ->
                                withWindow(
                                        w,
                                        3,
                                        T0,
                                        T0.plusSeconds(1),
                                        "sliding",
                                        Map.of("timeout", 2L),
                                        0.5,
                                        0.4,
                                        0.6))
                .hasMessageContaining("errors_by_kind: values add up to 2, not errors (3)");
        assertThatThrownBy(
                        () ->
                                withWindow(
                                        w,
                                        3,
                                        T0,
                                        T0.plusSeconds(1),
                                        "sliding",
                                        Map.of(),
                                        null,
                                        0.4,
                                        0.6))
                .hasMessageContaining("accuracy_low: must be null together with accuracy_high");
        assertThatThrownBy(
                        () ->
                                withWindow(
                                        w,
                                        3,
                                        T0,
                                        T0.plusSeconds(1),
                                        "sliding",
                                        Map.of(),
                                        0.5,
                                        0.7,
                                        0.6))
                .hasMessageContaining("accuracy_low: must be <= accuracy_high (0.6), was 0.7");
        assertThatThrownBy(
                        () ->
                                withWindow(
                                        w,
                                        3,
                                        T0,
                                        T0.plusSeconds(1),
                                        "sliding",
                                        Map.of(),
                                        1.1,
                                        0.4,
                                        0.6))
                .hasMessageContaining("accuracy: must be in [0, 1]");
        Map<String, Long> withNull = new HashMap<>();
        withNull.put("timeout", null);
        assertThatThrownBy(
                        () ->
                                withWindow(
                                        w,
                                        3,
                                        T0,
                                        T0.plusSeconds(1),
                                        "sliding",
                                        withNull,
                                        0.5,
                                        0.4,
                                        0.6))
                .hasMessageContaining("errors_by_kind[timeout]");
    }

    @Test
    void rowsAreImmutableAndSerializable() throws Exception {
        List<String> objects = new ArrayList<>(List.of("cat"));
        AnswerRow a =
                new AnswerRow(
                        "r", "id", "ep", "m", null, null, T0, "q", "a", "stop", null, null, false,
                        true, objects, "e", null, null, 1, null, null, null, 1, false, false);
        objects.add("dog");
        assertThat(a.hallucinatedObjects()).containsExactly("cat");
        assertThat(roundTrip(a)).isEqualTo(a);
        assertThat(roundTrip(errored("run", 3))).isEqualTo(errored("run", 3));
        WindowMetricsRow w = window("run", "chart", 5);
        assertThat(roundTrip(w)).isEqualTo(w);
        assertThatThrownBy(() -> w.errorsByKind().put("x", 1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void optionsHaveDefaultsAndAreValidated() throws Exception {
        StoreOptions o = StoreOptions.builder("jdbc:postgresql://db:5432/vlm").build();
        assertThat(o.schema()).isEqualTo("vlm_eval");
        assertThat(o.batchSize()).isEqualTo(2000);
        assertThat(o.outageTolerance()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.retryBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(o.maxRetryBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.migrate()).isTrue();
        assertThat(o.user()).isNull();
        assertThat(o.passwordEnv()).isNull();
        assertThat(roundTrip(o)).isEqualTo(o);
        assertThat(o.toBuilder().build()).isEqualTo(o);

        List<Long> waits = new ArrayList<>();
        for (int retry = 1; retry <= 8; retry++) {
            waits.add(o.backoff(retry).toMillis());
        }
        assertThat(waits).containsExactly(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
        assertThat(o.backoff(500)).isEqualTo(Duration.ofSeconds(5));

        assertThatThrownBy(() -> StoreOptions.builder(null).build())
                .hasMessageContaining("jdbc_url");
        assertThatThrownBy(() -> StoreOptions.builder("jdbc:mysql://x/y").build())
                .hasMessageContaining("jdbc_url");
        assertThatThrownBy(
                        () ->
                                StoreOptions.builder(
                                                "jdbc:postgresql://x/y?user=a&password=hunter2")
                                        .build())
                .hasMessageContaining("must not carry a password")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> builder().schema("Vlm-Eval").build())
                .hasMessageContaining("schema");
        assertThatThrownBy(() -> builder().schema("x; DROP TABLE y").build())
                .hasMessageContaining("schema");
        assertThatThrownBy(() -> builder().batchSize(0).build()).hasMessageContaining("batch_size");
        assertThatThrownBy(() -> builder().outageTolerance(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("outage_tolerance");
        assertThatThrownBy(() -> builder().outageTolerance(Duration.ofMinutes(6)).build())
                .hasMessageContaining("outage_tolerance: must be at most 5m");
        assertThatThrownBy(() -> builder().retryBackoff(Duration.ofMillis(-1)).build())
                .hasMessageContaining("retry_backoff");
        assertThatThrownBy(() -> builder().maxRetryBackoff(Duration.ofMillis(10)).build())
                .hasMessageContaining("max_retry_backoff");
        assertThatThrownBy(() -> builder().passwordEnv("not a name").build())
                .hasMessageContaining("password_env");
        assertThatThrownBy(() -> builder().connectTimeout(Duration.ZERO).build())
                .hasMessageContaining("connect_timeout");
    }

    @Test
    void toStringShowsThePasswordVariableNameOnly() {
        StoreOptions o = builder().user("vlm").passwordEnv("PG_PASSWORD").build();
        assertThat(o.toString())
                .contains("jdbcUrl=jdbc:postgresql://db/vlm", "user=vlm", "passwordEnv=PG_PASSWORD")
                .doesNotContain("password=");
    }

    @Test
    void lostConnectionsShutdownsSerializationFailuresAndDeadlocksAreTransient() {
        for (String state :
                new String[] {
                    "08000", "08001", "08006", "57P01", "57P02", "57P03", "40001", "40P01"
                }) {
            assertThat(PostgresStore.isTransient(new SQLException("x", state))).as(state).isTrue();
        }
        for (String state : new String[] {"23505", "23514", "28P01", "42P01", "22021", null}) {
            assertThat(PostgresStore.isTransient(new SQLException("x", state))).as(state).isFalse();
        }
        BatchUpdateException batch = new BatchUpdateException("batch", "23505", new int[0]);
        batch.setNextException(new SQLException("terminating connection", "57P01"));
        assertThat(PostgresStore.isTransient(batch)).isTrue();
    }

    private static StoreOptions.Builder builder() {
        return StoreOptions.builder("jdbc:postgresql://db/vlm");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    private static AnswerRow copy(AnswerRow a, String field, String value) {
        return new AnswerRow(
                field.equals("run") ? value : a.run(),
                a.requestId(),
                a.endpoint(),
                a.model(),
                a.category(),
                a.lang(),
                a.eventTime(),
                a.question(),
                a.responseText(),
                a.finishReason(),
                a.correct(),
                a.score(),
                a.refusal(),
                a.hallucination(),
                a.hallucinatedObjects(),
                a.explanation(),
                a.errorKind(),
                a.errorMessage(),
                a.latencyMs(),
                a.inputTokens(),
                a.outputTokens(),
                a.cost(),
                a.attempts(),
                a.late(),
                a.reused(),
                a.sample(),
                a.reading(),
                a.truth());
    }

    /** {@code w} with the given errors, window, kind, errors by kind and accuracy. */
    private static WindowMetricsRow withWindow(
            WindowMetricsRow w,
            long errors,
            java.time.Instant start,
            java.time.Instant end,
            String kind,
            Map<String, Long> byKind,
            Double accuracy,
            Double low,
            Double high) {
        return new WindowMetricsRow(
                w.run(),
                w.model(),
                w.category(),
                start,
                end,
                kind,
                w.answered() + errors,
                w.answered(),
                errors,
                byKind,
                w.scored(),
                w.correct(),
                accuracy,
                low,
                high,
                w.meanScore(),
                w.refusals(),
                w.refusalRate(),
                w.refusalRateLow(),
                w.refusalRateHigh(),
                w.withObjects(),
                w.hallucinations(),
                w.hallucinationRate(),
                w.hallucinationRateLow(),
                w.hallucinationRateHigh(),
                w.latencyP50Ms(),
                w.latencyP95Ms(),
                w.latencyP99Ms(),
                w.inputTokens(),
                w.outputTokens(),
                w.cost(),
                w.late(),
                0,
                0,
                null,
                null,
                null);
    }
}
