-- V6: repeated samples (endpoints' and events' `repeats`), answer stability, and pairwise
-- comparisons of the endpoints (paired tests on the events both answered).
--
-- answers.sample: which of the request's samples at the endpoint a row is (0 for the first or only
-- one); part of the natural key, so the k answers of a repeated question are k rows.
-- answers.reading: what the answer says in its reference type's terms (number:7, option:B,
-- set:apple|pear, text:…, refusal); equal readings are the same answer. Null for failed calls.
--
-- Rates (accuracy, refusal, hallucination) count the first sample only, so they mean the same with
-- and without repeats and their intervals stay honest (samples of one question are not independent
-- trials); calls, errors, latency, tokens and cost count every sample, because every one was paid.
--
-- sample_groups: one row per (run, endpoint, request) asked more than once: samples, answered
-- samples, distinct readings, stable (all answered samples read the same), the first sample's
-- correctness and the majority vote's (most frequent reading; a tie goes to the reading of the
-- earliest sample). Same definitions as org.vlmeval.sinks.files.SampleGroups.
-- stability: the sample_groups with at least two answered samples (failed calls have nothing to
-- agree with), summed per (run, model, category) and over all categories ('*').

-- pairwise_in(from, to) and view pairwise_metrics (= pairwise_in over all time): for every pair
-- of endpoints (model_a < model_b) of a run, per category and over all categories ('*'), per
-- measure (accuracy: answers both scored; refusal_rate: both answered; hallucination_rate: both
-- with objects), first samples only: the 2x2 table of the events both have an outcome for, both
-- rates, the paired difference rate_a - rate_b with Newcombe's method-10 95% interval, the exact
-- McNemar p-value, and Holm's adjustment over the pairs of the same run, category and measure.
-- The same computations as org.vlmeval.metrics (McNemar, PairedDifference, Holm); a label or
-- re-score that changes an answer row changes these at the next query: nothing to recompute.

ALTER TABLE ${schema}.answers ADD COLUMN sample integer NOT NULL DEFAULT 0 CHECK (sample >= 0);
ALTER TABLE ${schema}.answers ADD COLUMN reading text;
ALTER TABLE ${schema}.answers DROP CONSTRAINT answers_pkey;
ALTER TABLE ${schema}.answers ADD CONSTRAINT answers_pkey
    PRIMARY KEY (run, request_id, endpoint, sample);

CREATE OR REPLACE VIEW ${schema}.leaderboard AS
SELECT run,
       endpoint                                                           AS model,
       min(model)                                                         AS model_id,
       min("time")                                                        AS first_time,
       max("time")                                                        AS last_time,
       count(*)                                                           AS requests,
       count(*) FILTER (WHERE error_kind IS NULL)                         AS answered,
       count(*) FILTER (WHERE error_kind IS NOT NULL)                     AS errors,
       count(correct) FILTER (WHERE sample = 0)                           AS scored,
       count(*) FILTER (WHERE correct AND sample = 0)                     AS correct,
       (count(*) FILTER (WHERE correct AND sample = 0))::float8
           / nullif(count(correct) FILTER (WHERE sample = 0), 0)          AS accuracy,
       ${schema}.wilson_low(count(*) FILTER (WHERE correct AND sample = 0),
                            count(correct) FILTER (WHERE sample = 0))     AS accuracy_low,
       ${schema}.wilson_high(count(*) FILTER (WHERE correct AND sample = 0),
                             count(correct) FILTER (WHERE sample = 0))    AS accuracy_high,
       count(*) FILTER (WHERE refusal AND sample = 0)                     AS refusals,
       (count(*) FILTER (WHERE refusal AND sample = 0))::float8
           / nullif(count(*) FILTER (WHERE error_kind IS NULL AND sample = 0), 0) AS refusal_rate,
       count(hallucination) FILTER (WHERE sample = 0)                     AS with_objects,
       count(*) FILTER (WHERE hallucination AND sample = 0)               AS hallucinations,
       (count(*) FILTER (WHERE hallucination AND sample = 0))::float8
           / nullif(count(hallucination) FILTER (WHERE sample = 0), 0)    AS hallucination_rate,
       (count(*) FILTER (WHERE error_kind IS NOT NULL))::float8 / count(*) AS error_rate,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)            AS latency_p50_ms,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)           AS latency_p95_ms,
       coalesce(sum(input_tokens), 0)                                     AS input_tokens,
       coalesce(sum(output_tokens), 0)                                    AS output_tokens,
       coalesce(sum(cost), 0)                                             AS cost,
       coalesce(sum(cost), 0)
           / nullif(count(*) FILTER (WHERE correct AND sample = 0), 0)    AS cost_per_correct
FROM ${schema}.answers
GROUP BY run, endpoint;

CREATE OR REPLACE VIEW ${schema}.category_comparison AS
SELECT run,
       endpoint                                                           AS model,
       coalesce(category, 'uncategorized')                                AS category,
       count(*)                                                           AS requests,
       count(*) FILTER (WHERE error_kind IS NULL)                         AS answered,
       count(*) FILTER (WHERE error_kind IS NOT NULL)                     AS errors,
       count(correct) FILTER (WHERE sample = 0)                           AS scored,
       count(*) FILTER (WHERE correct AND sample = 0)                     AS correct,
       (count(*) FILTER (WHERE correct AND sample = 0))::float8
           / nullif(count(correct) FILTER (WHERE sample = 0), 0)          AS accuracy,
       ${schema}.wilson_low(count(*) FILTER (WHERE correct AND sample = 0),
                            count(correct) FILTER (WHERE sample = 0))     AS accuracy_low,
       ${schema}.wilson_high(count(*) FILTER (WHERE correct AND sample = 0),
                             count(correct) FILTER (WHERE sample = 0))    AS accuracy_high,
       (count(*) FILTER (WHERE refusal AND sample = 0))::float8
           / nullif(count(*) FILTER (WHERE error_kind IS NULL AND sample = 0), 0) AS refusal_rate,
       (count(*) FILTER (WHERE hallucination AND sample = 0))::float8
           / nullif(count(hallucination) FILTER (WHERE sample = 0), 0)    AS hallucination_rate,
       (count(*) FILTER (WHERE error_kind IS NOT NULL))::float8 / count(*) AS error_rate,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)            AS latency_p50_ms,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)           AS latency_p95_ms,
       coalesce(sum(cost), 0)                                             AS cost,
       coalesce(sum(cost), 0)
           / nullif(count(*) FILTER (WHERE correct AND sample = 0), 0)    AS cost_per_correct
FROM ${schema}.answers
GROUP BY run, endpoint, coalesce(category, 'uncategorized');

CREATE VIEW ${schema}.sample_groups AS
WITH votes AS (
    SELECT run, endpoint, request_id, reading,
           count(*)                                  AS votes,
           min(sample)                               AS first_sample,
           (array_agg(correct ORDER BY sample))[1]   AS correct
    FROM ${schema}.answers
    WHERE error_kind IS NULL
    GROUP BY run, endpoint, request_id, reading
),
majority AS (
    SELECT DISTINCT ON (run, endpoint, request_id)
           run, endpoint, request_id, reading, correct
    FROM votes
    ORDER BY run, endpoint, request_id, votes DESC, first_sample
),
groups AS (
    SELECT run, endpoint, request_id,
           min("time")                                            AS "time",
           min(coalesce(category, 'uncategorized'))               AS category,
           count(*)                                               AS samples,
           count(*) FILTER (WHERE error_kind IS NULL)             AS answered_samples,
           count(DISTINCT reading)                                AS readings,
           (array_agg(correct ORDER BY sample))[1]                AS first_correct,
           bool_or(sample = 0)                                    AS has_first
    FROM ${schema}.answers
    GROUP BY run, endpoint, request_id
    HAVING count(*) > 1
)
SELECT g.run, g."time", g.endpoint AS model, g.category, g.request_id,
       g.samples, g.answered_samples, g.readings,
       g.answered_samples >= 2 AND g.readings = 1                 AS stable,
       CASE WHEN g.has_first THEN g.first_correct END             AS first_correct,
       m.correct                                                  AS majority_correct
FROM groups g
LEFT JOIN majority m USING (run, endpoint, request_id);

CREATE VIEW ${schema}.stability AS
SELECT run, model, category,
       count(*)                                                    AS repeated_events,
       count(*) FILTER (WHERE stable)                              AS stable_events,
       (count(*) FILTER (WHERE stable))::float8 / count(*)         AS stability,
       ${schema}.wilson_low(count(*) FILTER (WHERE stable), count(*))  AS stability_low,
       ${schema}.wilson_high(count(*) FILTER (WHERE stable), count(*)) AS stability_high,
       count(first_correct)                                        AS first_scored,
       (count(*) FILTER (WHERE first_correct))::float8
           / nullif(count(first_correct), 0)                       AS first_sample_accuracy,
       count(majority_correct)                                     AS majority_scored,
       (count(*) FILTER (WHERE majority_correct))::float8
           / nullif(count(majority_correct), 0)                    AS majority_accuracy
FROM (SELECT run, model, category, stable, first_correct, majority_correct
      FROM ${schema}.sample_groups WHERE answered_samples >= 2
      UNION ALL
      SELECT run, model, '*', stable, first_correct, majority_correct
      FROM ${schema}.sample_groups WHERE answered_samples >= 2) repeated
GROUP BY run, model, category;

-- The exact two-sided McNemar p-value, min(1, 2 P(X <= min(b, c))) for X ~ Binomial(b + c, 1/2),
-- in log space as org.vlmeval.metrics.McNemar.exactP.
CREATE FUNCTION ${schema}.mcnemar_p(b bigint, c bigint) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    m bigint := b + c;
    k bigint := least(b, c);
    relative double precision := 1.0;
    term double precision := 1.0;
    log_choose double precision := 0.0;
BEGIN
    IF b < 0 OR c < 0 THEN
        RAISE EXCEPTION 'mcnemar_p needs b, c >= 0, got %, %', b, c;
    END IF;
    IF m = 0 OR 2 * k = m THEN
        RETURN 1.0;
    END IF;
    FOR i IN REVERSE k..1 LOOP
        term := term * i::float8 / (m - i + 1);
        relative := relative + term;
        EXIT WHEN term < relative * 1e-17;
    END LOOP;
    FOR i IN 0..k - 1 LOOP
        log_choose := log_choose + ln(1 + (m - 2 * i - 1)::float8 / (i + 1));
    END LOOP;
    RETURN least(1.0, 2 * exp(log_choose - m * ln(2.0::float8) + ln(relative)));
END
$$;

-- The paired difference (a + b)/n - (a + c)/n with Newcombe's method-10 95% interval, as
-- org.vlmeval.metrics.PairedDifference.interval(a, b, c, d, 1.96); nulls when n = 0.
CREATE FUNCTION ${schema}.paired_difference(a bigint, b bigint, c bigint, d bigint,
                                            OUT estimate double precision,
                                            OUT low double precision,
                                            OUT high double precision)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    n bigint := a + b + c + d;
    p1 double precision;
    p2 double precision;
    below1 double precision;
    above1 double precision;
    below2 double precision;
    above2 double precision;
    margins double precision;
    cross_ double precision;
    phi double precision := 0;
BEGIN
    IF n = 0 THEN
        RETURN;
    END IF;
    p1 := (a + b)::float8 / n;
    p2 := (a + c)::float8 / n;
    below1 := p1 - ${schema}.wilson_low(a + b, n);
    above1 := ${schema}.wilson_high(a + b, n) - p1;
    below2 := p2 - ${schema}.wilson_low(a + c, n);
    above2 := ${schema}.wilson_high(a + c, n) - p2;
    margins := (a + b)::float8 * (c + d) * (a + c) * (b + d);
    IF margins <> 0 THEN
        cross_ := a::float8 * d - b::float8 * c;
        IF cross_ > 0 THEN
            cross_ := greatest(cross_ - n / 2.0, 0);
        END IF;
        phi := cross_ / sqrt(margins);
    END IF;
    estimate := (b - c)::float8 / n;
    low := greatest(-1, estimate
        - sqrt(greatest(0, below1 * below1 - 2 * phi * below1 * above2 + above2 * above2)));
    high := least(1, estimate
        + sqrt(greatest(0, below2 * below2 - 2 * phi * below2 * above1 + above1 * above1)));
END
$$;

CREATE FUNCTION ${schema}.pairwise_in(t0 timestamptz, t1 timestamptz)
RETURNS TABLE (run text, category text, measure text, model_a text, model_b text,
               events bigint, both_yes bigint, a_only bigint, b_only bigint, neither bigint,
               rate_a double precision, rate_b double precision,
               difference double precision, difference_low double precision,
               difference_high double precision, p_value double precision,
               p_holm double precision)
LANGUAGE sql STABLE AS $$
WITH outcomes AS (
    SELECT a.run, a.request_id, a.endpoint, coalesce(a.category, 'uncategorized') AS category,
           o.measure, o.outcome
    FROM ${schema}.answers a
    CROSS JOIN LATERAL (VALUES ('accuracy', a.correct),
                               ('refusal_rate', CASE WHEN a.error_kind IS NULL THEN a.refusal END),
                               ('hallucination_rate', a.hallucination)) AS o(measure, outcome)
    WHERE a.sample = 0 AND a."time" BETWEEN t0 AND t1 AND o.outcome IS NOT NULL
),
per_category AS (
    SELECT * FROM outcomes
    UNION ALL
    SELECT run, request_id, endpoint, '*', measure, outcome FROM outcomes
),
tables AS (
    SELECT x.run, x.category, x.measure, x.endpoint AS model_a, y.endpoint AS model_b,
           count(*)                                                AS events,
           count(*) FILTER (WHERE x.outcome AND y.outcome)         AS both_yes,
           count(*) FILTER (WHERE x.outcome AND NOT y.outcome)     AS a_only,
           count(*) FILTER (WHERE NOT x.outcome AND y.outcome)     AS b_only,
           count(*) FILTER (WHERE NOT x.outcome AND NOT y.outcome) AS neither
    FROM per_category x
    JOIN per_category y
      ON x.run = y.run AND x.request_id = y.request_id AND x.category = y.category
     AND x.measure = y.measure AND x.endpoint < y.endpoint
    GROUP BY x.run, x.category, x.measure, x.endpoint, y.endpoint
),
tested AS (
    SELECT t.*, ${schema}.mcnemar_p(t.a_only, t.b_only) AS p_value,
           ${schema}.paired_difference(t.both_yes, t.a_only, t.b_only, t.neither) AS d
    FROM tables t
),
ranked AS (
    SELECT t.*,
           (count(*) OVER family - row_number() OVER (family ORDER BY t.p_value) + 1) * t.p_value
               AS holm_term
    FROM tested t
    WINDOW family AS (PARTITION BY t.run, t.category, t.measure)
)
SELECT r.run, r.category, r.measure, r.model_a, r.model_b,
       r.events, r.both_yes, r.a_only, r.b_only, r.neither,
       (r.both_yes + r.a_only)::float8 / r.events, (r.both_yes + r.b_only)::float8 / r.events,
       (r.d).estimate, (r.d).low, (r.d).high, r.p_value,
       -- The default frame (RANGE) includes tied p-values, so ties get the same adjustment
       -- whatever order row_number gave them, as in Holm.adjust.
       least(1.0, max(r.holm_term) OVER (PARTITION BY r.run, r.category, r.measure
                                         ORDER BY r.p_value))
FROM ranked r
$$;

CREATE VIEW ${schema}.pairwise_metrics AS
SELECT * FROM ${schema}.pairwise_in('-infinity', 'infinity');

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'vlm_eval_reader') THEN
        GRANT SELECT ON ${schema}.sample_groups, ${schema}.stability, ${schema}.pairwise_metrics
            TO vlm_eval_reader;
        GRANT EXECUTE ON FUNCTION ${schema}.mcnemar_p(bigint, bigint),
            ${schema}.paired_difference(bigint, bigint, bigint, bigint),
            ${schema}.pairwise_in(timestamptz, timestamptz) TO vlm_eval_reader;
    END IF;
END
$$;
