package org.vlmeval.testing;

import org.vlmeval.model.AnswerRow;
import org.vlmeval.model.WindowMetricsRow;
import org.vlmeval.scoring.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Test rows with sensible defaults: spell out only what a test is about.
 *
 * <pre>{@code
 * AnswerRow a = Rows.answer().requestId("q1").endpoint("a").correct(true).latencyMs(100).build();
 * AnswerRow e = Rows.answer().requestId("q2").error("timeout").latencyMs(30_000).build();
 * WindowMetricsRow w = Rows.window().model("a").category("*").start(Rows.T0).build();
 * }</pre>
 *
 * <p>An answer defaults to an answered call of endpoint {@code llama} (model {@code llama-model})
 * in run {@code run-1} at {@link #T0}: category {@code chart}, no reference ({@code correct} and
 * {@code score} null), no refusal, no objects given ({@code hallucination} null), 100 ms, 1000
 * input and 20 output tokens, cost 0.01, one attempt, not late. A window defaults to the sliding
 * five minutes from {@link #T0} of model {@code llama}, category {@code *}, with two requests: one
 * answered and scored correct, one timeout.
 */
public final class Rows {

    /** The default event time and window start; minute-aligned, so windows start here. */
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Rows() {}

    public static AnswerBuilder answer() {
        return new AnswerBuilder();
    }

    /**
     * Answer number {@code i} of a series: request id {@link #requestId(int) requestId(i)}, event
     * time {@link #T0} + i s, category {@code chart} or {@code ocr} and a verdict that vary with i
     * (correct when i is even; objects given unless i is a multiple of 3, a {@code cat}
     * hallucinated when i is also a multiple of 5).
     */
    public static AnswerBuilder answer(int i) {
        AnswerBuilder b =
                answer().requestId(requestId(i))
                        .eventTime(T0.plusSeconds(i))
                        .category(i % 2 == 0 ? "chart" : "ocr")
                        .question("How many bars? (" + i + ")")
                        .responseText("There are " + i + " bars.")
                        .correct(i % 2 == 0)
                        .explanation("extracted " + i)
                        .latencyMs(800 + i);
        if (i % 3 == 0) {
            return b.hallucination(null);
        }
        return i % 5 == 0 ? b.hallucinated("cat") : b.hallucinated();
    }

    /** Request id {@code i} zero-padded ({@code r00042}), so that key order is index order. */
    public static String requestId(int i) {
        return String.format("r%05d", i);
    }

    public static WindowBuilder window() {
        return new WindowBuilder();
    }

    /** Builds {@link AnswerRow}s; a builder may be reused, each {@link #build()} is a new row. */
    public static final class AnswerBuilder {
        private String run = "run-1";
        private String requestId = "r1";
        private String endpoint = "llama";
        private String model;
        private String category = "chart";
        private String lang = "en";
        private Instant eventTime = T0;
        private String question = "What is in the image?";
        private String responseText = "an answer";
        private String finishReason = "stop";
        private Boolean correct;
        private Double score;
        private boolean scoreSet;
        private boolean refusal;
        private Boolean hallucination;
        private List<String> hallucinatedObjects;
        private String explanation = "explained";
        private String errorKind;
        private String errorMessage;
        private long latencyMs = 100;
        private Integer inputTokens = 1000;
        private Integer outputTokens = 20;
        private Double cost = 0.01;
        private int attempts = 1;
        private boolean late;
        private boolean reused;
        private int sample;
        private String reading;

        private AnswerBuilder() {}

        /** Which repeated sample of its request the row is. */
        public AnswerBuilder sample(int sample) {
            this.sample = sample;
            return this;
        }

        /** The answer's reading (null: none, as rows written before readings existed). */
        public AnswerBuilder reading(String reading) {
            this.reading = reading;
            return this;
        }

        public AnswerBuilder run(String run) {
            this.run = run;
            return this;
        }

        public AnswerBuilder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        /** The endpoint; the model is {@code <endpoint>-model} unless {@link #model} is set. */
        public AnswerBuilder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public AnswerBuilder model(String model) {
            this.model = model;
            return this;
        }

        public AnswerBuilder category(String category) {
            this.category = category;
            return this;
        }

        public AnswerBuilder lang(String lang) {
            this.lang = lang;
            return this;
        }

        public AnswerBuilder eventTime(Instant eventTime) {
            this.eventTime = eventTime;
            return this;
        }

        public AnswerBuilder question(String question) {
            this.question = question;
            return this;
        }

        public AnswerBuilder responseText(String responseText) {
            this.responseText = responseText;
            return this;
        }

        public AnswerBuilder finishReason(String finishReason) {
            this.finishReason = finishReason;
            return this;
        }

        /** Null: the request had no reference. The score follows (1 or 0) unless set. */
        public AnswerBuilder correct(Boolean correct) {
            this.correct = correct;
            return this;
        }

        public AnswerBuilder score(Double score) {
            this.score = score;
            this.scoreSet = true;
            return this;
        }

        public AnswerBuilder refusal(boolean refusal) {
            this.refusal = refusal;
            return this;
        }

        /**
         * Null: no objects were given. The hallucinated objects follow ({@code dog} when true, none
         * otherwise) unless {@link #hallucinatedObjects} is set.
         */
        public AnswerBuilder hallucination(Boolean hallucination) {
            this.hallucination = hallucination;
            return this;
        }

        /** Sets the objects; also sets {@code hallucination} to whether there are any. */
        public AnswerBuilder hallucinated(String... objects) {
            this.hallucination = objects.length > 0;
            this.hallucinatedObjects = List.of(objects);
            return this;
        }

        public AnswerBuilder hallucinatedObjects(List<String> objects) {
            this.hallucinatedObjects = objects;
            return this;
        }

        public AnswerBuilder explanation(String explanation) {
            this.explanation = explanation;
            return this;
        }

        /** Every verdict field at once. */
        public AnswerBuilder verdict(Verdict verdict) {
            correct(verdict.correct());
            score(verdict.score());
            refusal(verdict.refusal());
            hallucination(verdict.hallucination());
            hallucinatedObjects(verdict.hallucinatedObjects());
            return explanation(verdict.explanation());
        }

        /**
         * A failed call of this kind: no response, no verdict, no tokens or cost; the message is
         * {@code "<kind> (test)"} unless {@link #error(String, String)} gives one.
         */
        public AnswerBuilder error(String kind) {
            return error(kind, kind + " (test)");
        }

        public AnswerBuilder error(String kind, String message) {
            this.errorKind = kind;
            this.errorMessage = message;
            return this;
        }

        public AnswerBuilder latencyMs(long latencyMs) {
            this.latencyMs = latencyMs;
            return this;
        }

        public AnswerBuilder tokens(Integer input, Integer output) {
            this.inputTokens = input;
            this.outputTokens = output;
            return this;
        }

        public AnswerBuilder cost(Double cost) {
            this.cost = cost;
            return this;
        }

        public AnswerBuilder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        public AnswerBuilder late(boolean late) {
            this.late = late;
            return this;
        }

        public AnswerBuilder reused(boolean reused) {
            this.reused = reused;
            return this;
        }

        public AnswerRow build() {
            String modelName = model != null ? model : endpoint + "-model";
            if (errorKind != null) {
                return AnswerRow.errored(
                                run,
                                requestId,
                                endpoint,
                                modelName,
                                category,
                                lang,
                                eventTime,
                                question,
                                errorKind,
                                errorMessage,
                                latencyMs,
                                attempts,
                                late,
                                reused)
                        .withSample(sample);
            }
            Double s = scoreSet ? score : correct == null ? null : correct ? 1.0 : 0.0;
            List<String> objects =
                    hallucinatedObjects != null
                            ? hallucinatedObjects
                            : Boolean.TRUE.equals(hallucination) ? List.of("dog") : List.of();
            return new AnswerRow(
                    run,
                    requestId,
                    endpoint,
                    modelName,
                    category,
                    lang,
                    eventTime,
                    question,
                    responseText,
                    finishReason,
                    correct,
                    s,
                    refusal,
                    hallucination,
                    objects,
                    explanation,
                    null,
                    null,
                    latencyMs,
                    inputTokens,
                    outputTokens,
                    cost,
                    attempts,
                    late,
                    reused,
                    sample,
                    reading,
                    null);
        }
    }

    /** Builds {@link WindowMetricsRow}s; a builder may be reused, each build is a new row. */
    public static final class WindowBuilder {
        private String run = "run-1";
        private String model = "llama";
        private String category = WindowMetricsRow.ALL_CATEGORIES;
        private Instant start = T0;
        private Instant end;
        private Duration size = Duration.ofMinutes(5);
        private String kind = WindowMetricsRow.SLIDING;
        private long requests = 2;
        private long answered = 1;
        private long errors = 1;
        private Map<String, Long> errorsByKind = Map.of("timeout", 1L);
        private long scored = 1;
        private long correct = 1;
        private Double accuracy = 1.0;
        private Double accuracyLow = 0.5;
        private Double accuracyHigh = 1.0;
        private Double meanScore = 1.0;
        private long refusals;
        private Double refusalRate = 0.0;
        private Double refusalRateLow = 0.0;
        private Double refusalRateHigh = 0.75;
        private long withObjects;
        private long hallucinations;
        private Double hallucinationRate;
        private Double hallucinationRateLow;
        private Double hallucinationRateHigh;
        private Long latencyP50Ms = 120L;
        private Long latencyP95Ms = 900L;
        private Long latencyP99Ms = 900L;
        private long inputTokens = 10;
        private long outputTokens = 4;
        private double cost = 0.5;
        private long late;

        private WindowBuilder() {}

        public WindowBuilder run(String run) {
            this.run = run;
            return this;
        }

        public WindowBuilder model(String model) {
            this.model = model;
            return this;
        }

        public WindowBuilder category(String category) {
            this.category = category;
            return this;
        }

        /** The window's start; it ends {@link #size} later unless {@link #end} is set. */
        public WindowBuilder start(Instant start) {
            this.start = start;
            return this;
        }

        public WindowBuilder end(Instant end) {
            this.end = end;
            return this;
        }

        public WindowBuilder size(Duration size) {
            this.size = size;
            return this;
        }

        public WindowBuilder kind(String kind) {
            this.kind = kind;
            return this;
        }

        /** Requests, answered, errors. */
        public WindowBuilder counts(long requests, long answered, long errors) {
            this.requests = requests;
            this.answered = answered;
            this.errors = errors;
            return this;
        }

        /** {@code requests} requests, all answered: no errors. */
        public WindowBuilder answeredAll(long requests) {
            return counts(requests, requests, 0).errorsByKind(Map.of());
        }

        /** Empty when the errors are not broken down; otherwise they must add up to errors. */
        public WindowBuilder errorsByKind(Map<String, Long> errorsByKind) {
            this.errorsByKind = errorsByKind;
            return this;
        }

        /** Scored and correct answers, with the accuracy's rate, interval and mean score. */
        public WindowBuilder accuracy(
                long scored, long correct, Double rate, Double low, Double high, Double meanScore) {
            this.scored = scored;
            this.correct = correct;
            this.accuracy = rate;
            this.accuracyLow = low;
            this.accuracyHigh = high;
            this.meanScore = meanScore;
            return this;
        }

        public WindowBuilder refusals(long refusals, Double rate, Double low, Double high) {
            this.refusals = refusals;
            this.refusalRate = rate;
            this.refusalRateLow = low;
            this.refusalRateHigh = high;
            return this;
        }

        public WindowBuilder hallucinations(
                long withObjects, long hallucinations, Double rate, Double low, Double high) {
            this.withObjects = withObjects;
            this.hallucinations = hallucinations;
            this.hallucinationRate = rate;
            this.hallucinationRateLow = low;
            this.hallucinationRateHigh = high;
            return this;
        }

        public WindowBuilder latencyMs(Long p50, Long p95, Long p99) {
            this.latencyP50Ms = p50;
            this.latencyP95Ms = p95;
            this.latencyP99Ms = p99;
            return this;
        }

        public WindowBuilder tokens(long input, long output) {
            this.inputTokens = input;
            this.outputTokens = output;
            return this;
        }

        public WindowBuilder cost(double cost) {
            this.cost = cost;
            return this;
        }

        public WindowBuilder late(long late) {
            this.late = late;
            return this;
        }

        public WindowMetricsRow build() {
            return new WindowMetricsRow(
                    run,
                    model,
                    category,
                    start,
                    end != null ? end : start.plus(size),
                    kind,
                    requests,
                    answered,
                    errors,
                    errorsByKind,
                    scored,
                    correct,
                    accuracy,
                    accuracyLow,
                    accuracyHigh,
                    meanScore,
                    refusals,
                    refusalRate,
                    refusalRateLow,
                    refusalRateHigh,
                    withObjects,
                    hallucinations,
                    hallucinationRate,
                    hallucinationRateLow,
                    hallucinationRateHigh,
                    latencyP50Ms,
                    latencyP95Ms,
                    latencyP99Ms,
                    inputTokens,
                    outputTokens,
                    cost,
                    late,
                    0,
                    0,
                    null,
                    null,
                    null);
        }
    }
}
