-- V3: what the Grafana dashboards read: two functions, five views, two indexes, and the read-only
-- group role vlm_eval_reader for Grafana's database user.
--
-- Applied by org.vlmeval.store.Migrations in one transaction under its advisory lock; never edit
-- it once released. ${schema} is replaced by the quoted schema name. Documented in docs/store.md.
--
-- Functions (IMMUTABLE, NULL when trials = 0; the same numbers as org.vlmeval.metrics.Wilson):
--   wilson_low(successes, trials), wilson_high(successes, trials)  95% Wilson score interval
--
-- Views ("model" is always the endpoint name, as in window_metrics.model; "model_id" is the model
-- the endpoint serves, answers.model):
--   runs                   one row per run: first/last event time, requests, models
--   latest_window_metrics  the newest window per (run, model, category, window kind, window size)
--   leaderboard            per (run, model) from answers: counts, rates with Wilson intervals,
--                          latency percentiles, tokens, cost, cost per correct answer
--   category_comparison    the same per (run, model, category) from answers
--   worst_cases            answers that were wrong, refused, hallucinated or failed, with the
--                          question, the answer, a one-word verdict and the explanation
-- Rates follow the job (docs/job.md): errors count in requests only; accuracy = correct / scored
-- (answers with a reference), refusal rate = refusals / answered, hallucination rate =
-- hallucinations / answers whose request listed objects. Latency percentiles cover every call,
-- failed ones too, like the window rows. Requests without a category count as 'uncategorized',
-- like the window rows.
--
-- Indexes: V1's window_metrics (run, model, category, time) already is the (run, model, category,
-- window end) index, time being the generated window_end. Added here: time-only indexes for the
-- alert rules and the panels that look at every run of a time range.
--
-- Role: vlm_eval_reader (NOLOGIN, cluster-wide) gets USAGE on the schema, SELECT on every table and
-- view in it, and SELECT on tables and views the migrating user creates later (default
-- privileges). Grafana logs in as a user that deployment creates and makes a member:
--   CREATE ROLE grafana LOGIN PASSWORD '...' IN ROLE vlm_eval_reader;
-- The role is created only when missing and only when the migrating user may create roles;
-- otherwise a warning is raised and, if the role exists (created beforehand by an administrator),
-- it is still granted access. Migrations of several schemas share the role.

CREATE FUNCTION ${schema}.wilson_low(successes bigint, trials bigint)
    RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN trials IS NULL OR trials <= 0 THEN NULL
        WHEN successes <= 0 THEN 0.0
        ELSE greatest(0.0,
            (successes::float8 / trials + 3.841458820694124 / (2 * trials))
                / (1 + 3.841458820694124 / trials)
            - 1.959963984540054 / (1 + 3.841458820694124 / trials)
                * sqrt((successes::float8 / trials) * (1 - successes::float8 / trials) / trials
                       + 3.841458820694124 / (4 * trials::float8 * trials)))
    END
$$;

CREATE FUNCTION ${schema}.wilson_high(successes bigint, trials bigint)
    RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN trials IS NULL OR trials <= 0 THEN NULL
        WHEN successes >= trials THEN 1.0
        ELSE least(1.0,
            (successes::float8 / trials + 3.841458820694124 / (2 * trials))
                / (1 + 3.841458820694124 / trials)
            + 1.959963984540054 / (1 + 3.841458820694124 / trials)
                * sqrt((successes::float8 / trials) * (1 - successes::float8 / trials) / trials
                       + 3.841458820694124 / (4 * trials::float8 * trials)))
    END
$$;

CREATE INDEX IF NOT EXISTS window_metrics_time ON ${schema}.window_metrics ("time");
CREATE INDEX IF NOT EXISTS answers_time ON ${schema}.answers ("time");

CREATE VIEW ${schema}.runs AS
SELECT run,
       min("time")              AS first_time,
       max("time")              AS last_time,
       count(*)                 AS requests,
       count(DISTINCT endpoint) AS models
FROM ${schema}.answers
GROUP BY run;

CREATE VIEW ${schema}.latest_window_metrics AS
SELECT DISTINCT ON (run, model, category, window_kind, window_end - window_start)
       w.*,
       w.window_end - w.window_start AS window_size
FROM ${schema}.window_metrics w
ORDER BY run, model, category, window_kind, window_end - window_start, window_end DESC;

CREATE VIEW ${schema}.leaderboard AS
SELECT run,
       endpoint                                                           AS model,
       min(model)                                                         AS model_id,
       min("time")                                                        AS first_time,
       max("time")                                                        AS last_time,
       count(*)                                                           AS requests,
       count(*) FILTER (WHERE error_kind IS NULL)                         AS answered,
       count(*) FILTER (WHERE error_kind IS NOT NULL)                     AS errors,
       count(correct)                                                     AS scored,
       count(*) FILTER (WHERE correct)                                    AS correct,
       (count(*) FILTER (WHERE correct))::float8 / nullif(count(correct), 0) AS accuracy,
       ${schema}.wilson_low(count(*) FILTER (WHERE correct), count(correct))  AS accuracy_low,
       ${schema}.wilson_high(count(*) FILTER (WHERE correct), count(correct)) AS accuracy_high,
       count(*) FILTER (WHERE refusal)                                    AS refusals,
       (count(*) FILTER (WHERE refusal))::float8
           / nullif(count(*) FILTER (WHERE error_kind IS NULL), 0)        AS refusal_rate,
       count(hallucination)                                               AS with_objects,
       count(*) FILTER (WHERE hallucination)                              AS hallucinations,
       (count(*) FILTER (WHERE hallucination))::float8
           / nullif(count(hallucination), 0)                              AS hallucination_rate,
       (count(*) FILTER (WHERE error_kind IS NOT NULL))::float8 / count(*) AS error_rate,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)            AS latency_p50_ms,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)           AS latency_p95_ms,
       coalesce(sum(input_tokens), 0)                                     AS input_tokens,
       coalesce(sum(output_tokens), 0)                                    AS output_tokens,
       coalesce(sum(cost), 0)                                             AS cost,
       coalesce(sum(cost), 0) / nullif(count(*) FILTER (WHERE correct), 0) AS cost_per_correct
FROM ${schema}.answers
GROUP BY run, endpoint;

CREATE VIEW ${schema}.category_comparison AS
SELECT run,
       endpoint                                                           AS model,
       coalesce(category, 'uncategorized')                                AS category,
       count(*)                                                           AS requests,
       count(*) FILTER (WHERE error_kind IS NULL)                         AS answered,
       count(*) FILTER (WHERE error_kind IS NOT NULL)                     AS errors,
       count(correct)                                                     AS scored,
       count(*) FILTER (WHERE correct)                                    AS correct,
       (count(*) FILTER (WHERE correct))::float8 / nullif(count(correct), 0) AS accuracy,
       ${schema}.wilson_low(count(*) FILTER (WHERE correct), count(correct))  AS accuracy_low,
       ${schema}.wilson_high(count(*) FILTER (WHERE correct), count(correct)) AS accuracy_high,
       (count(*) FILTER (WHERE refusal))::float8
           / nullif(count(*) FILTER (WHERE error_kind IS NULL), 0)        AS refusal_rate,
       (count(*) FILTER (WHERE hallucination))::float8
           / nullif(count(hallucination), 0)                              AS hallucination_rate,
       (count(*) FILTER (WHERE error_kind IS NOT NULL))::float8 / count(*) AS error_rate,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)            AS latency_p50_ms,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)           AS latency_p95_ms,
       coalesce(sum(cost), 0)                                             AS cost,
       coalesce(sum(cost), 0) / nullif(count(*) FILTER (WHERE correct), 0) AS cost_per_correct
FROM ${schema}.answers
GROUP BY run, endpoint, coalesce(category, 'uncategorized');

CREATE VIEW ${schema}.worst_cases AS
SELECT run,
       "time",
       endpoint                                     AS model,
       model                                        AS model_id,
       coalesce(category, 'uncategorized')          AS category,
       lang,
       request_id,
       question,
       response_text                                AS answer,
       CASE
           WHEN error_kind IS NOT NULL THEN 'error'
           WHEN hallucination THEN 'hallucination'
           WHEN refusal THEN 'refusal'
           ELSE 'wrong'
       END                                          AS verdict,
       coalesce(explanation, error_kind || ': ' || coalesce(error_message, '')) AS explanation,
       error_kind,
       score,
       hallucinated_objects,
       latency_ms
FROM ${schema}.answers
WHERE error_kind IS NOT NULL OR correct = false OR refusal OR hallucination;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'vlm_eval_reader') THEN
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles
                   WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
            BEGIN
                CREATE ROLE vlm_eval_reader NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- created at the same time by the migration of another schema
            END;
        ELSE
            RAISE WARNING 'role vlm_eval_reader is missing and % may not create it: no read access for Grafana to schema % (see docs/store.md)',
                current_user, '${schema}';
        END IF;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'vlm_eval_reader') THEN
        GRANT USAGE ON SCHEMA ${schema} TO vlm_eval_reader;
        GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO vlm_eval_reader;
        GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schema} TO vlm_eval_reader;
        ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT ON TABLES TO vlm_eval_reader;
    END IF;
END
$$;
