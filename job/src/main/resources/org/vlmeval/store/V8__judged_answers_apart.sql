-- V8: grade judges in the job (docs/judges.md "In the streaming job"). An answer without a reference
-- may be graded by a judge: its correct and score are then the judge's verdict and truth is
-- 'judge:<name>'. Judge-based accuracy is kept apart from reference-based accuracy: the views below
-- read reference_answers, where a judge's verdict is moved from correct/score to judge_correct, so
-- scored/correct/accuracy (and the stability and pairwise figures) stay reference/label-based, and
-- leaderboard and category_comparison get judged, judged_correct and their Wilson bounds as
-- columns of their own.

ALTER TABLE ${schema}.answers DROP CONSTRAINT answers_truth_check;
ALTER TABLE ${schema}.answers ADD CONSTRAINT answers_truth_check
    CHECK (truth IS NULL OR truth = 'reference' OR truth LIKE 'label:_%' OR truth LIKE 'judge:_%');

-- Window rows count judge-graded answers apart too (rows written before V8 have 0 and nulls).
ALTER TABLE ${schema}.window_metrics
    ADD COLUMN judged bigint NOT NULL DEFAULT 0 CHECK (judged >= 0),
    ADD COLUMN judged_correct bigint NOT NULL DEFAULT 0 CHECK (judged_correct BETWEEN 0 AND judged),
    ADD COLUMN judged_accuracy double precision CHECK (judged_accuracy BETWEEN 0 AND 1),
    ADD COLUMN judged_accuracy_low double precision,
    ADD COLUMN judged_accuracy_high double precision;

CREATE VIEW ${schema}.reference_answers AS
SELECT run, request_id, endpoint, model, category, lang, event_time, "time", question,
       response_text, finish_reason,
       CASE WHEN truth LIKE 'judge:%' THEN NULL ELSE correct END AS correct,
       CASE WHEN truth LIKE 'judge:%' THEN NULL ELSE score END   AS score,
       refusal, hallucination, hallucinated_objects, explanation, error_kind, error_message,
       latency_ms, input_tokens, output_tokens, cost, attempts, late, written_at, reused, sample,
       reading, truth,
       CASE WHEN truth LIKE 'judge:%' THEN correct END           AS judge_correct
FROM ${schema}.answers;

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
           / nullif(count(*) FILTER (WHERE correct AND sample = 0), 0)    AS cost_per_correct,
       count(judge_correct) FILTER (WHERE sample = 0)                     AS judged,
       count(*) FILTER (WHERE judge_correct AND sample = 0)               AS judged_correct,
       ${schema}.wilson_low(count(*) FILTER (WHERE judge_correct AND sample = 0),
                            count(judge_correct) FILTER (WHERE sample = 0)) AS judged_accuracy_low,
       ${schema}.wilson_high(count(*) FILTER (WHERE judge_correct AND sample = 0),
                             count(judge_correct) FILTER (WHERE sample = 0)) AS judged_accuracy_high
FROM ${schema}.reference_answers
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
           / nullif(count(*) FILTER (WHERE correct AND sample = 0), 0)    AS cost_per_correct,
       count(judge_correct) FILTER (WHERE sample = 0)                     AS judged,
       count(*) FILTER (WHERE judge_correct AND sample = 0)               AS judged_correct,
       ${schema}.wilson_low(count(*) FILTER (WHERE judge_correct AND sample = 0),
                            count(judge_correct) FILTER (WHERE sample = 0)) AS judged_accuracy_low,
       ${schema}.wilson_high(count(*) FILTER (WHERE judge_correct AND sample = 0),
                             count(judge_correct) FILTER (WHERE sample = 0)) AS judged_accuracy_high
FROM ${schema}.reference_answers
GROUP BY run, endpoint, coalesce(category, 'uncategorized');

CREATE OR REPLACE VIEW ${schema}.sample_groups AS
WITH votes AS (
    SELECT run, endpoint, request_id, reading,
           count(*)                                  AS votes,
           min(sample)                               AS first_sample,
           (array_agg(correct ORDER BY sample))[1]   AS correct
    FROM ${schema}.reference_answers
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
    FROM ${schema}.reference_answers
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

CREATE OR REPLACE FUNCTION ${schema}.pairwise_in(t0 timestamptz, t1 timestamptz)
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
    FROM ${schema}.reference_answers a
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

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'vlm_eval_reader') THEN
        GRANT SELECT ON ${schema}.reference_answers TO vlm_eval_reader;
    END IF;
END
$$;
