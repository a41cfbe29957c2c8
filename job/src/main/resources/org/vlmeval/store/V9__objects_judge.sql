-- V9: objects judges in the job (docs/judges.md "In the streaming job"). An answer to an event without
-- objects may be judged for hallucinations against the objects a judge listed in the image:
-- answers.objects_source says where the objects list behind `hallucination` came from ('reference',
-- 'label:<labeler>', 'judge:<name>', or null without one). Judge-based hallucination is kept apart
-- like judge-based accuracy (V8): reference_answers moves it from hallucination to
-- judge_hallucination, so every existing rate stays reference/label-based, and the view
-- judged_hallucination gives the judge-based rate with its own count and Wilson interval.
--
-- judged_objects: the objects judges' lists by image content, so an image is paid for once across
-- endpoints, restarts and replays (the job reads it before calling a judge and writes every list
-- it paid for).
--   image_key       text   PK  SHA-256 (hex) of the image bytes
--   judge           text   PK  the judge's name (judges: in endpoints.yaml)
--   prompt_version  text   PK  the prompt it was asked with, e.g. objects.v1.en
--   objects         text[]     the objects the judge saw
--   rationale       text       the judge's remark, '' when none
--   latency_ms      bigint     the paid call's latency
--   input_tokens    integer ?  prompt tokens reported
--   output_tokens   integer ?  completion tokens reported
--   cost            float8  ?  the call's cost from the endpoint's prices
--   request_id      text       the request whose answer paid for it
--   judged_at       timestamptz
--
-- judgements: what a judge did about one answer (job output judgements; docs/judges.md), one row
-- per (run, request_id, endpoint, sample, judge, task): its result, its error, or a budget skip, and
-- the judge call's latency, tokens and cost (only on the row that paid: an objects list reused for
-- another answer has reused = true and no cost), with the prompt version asked.
--   run, request_id, endpoint, sample   PK  the answer judged
--   judge           text     PK  the judge's name
--   task            text     PK  objects | grade
--   event_time      timestamptz  the request's event time; "time" = event_time (Grafana)
--   prompt_version  text     ?   e.g. grade.v1.en; null for a budget skip
--   image_key       text     ?   SHA-256 of the image bytes (objects)
--   verdict         text     ?   correct | incorrect | unsure (grade)
--   objects         text[]   ?   the objects the judge saw (objects)
--   rationale       text     ?   the judge's remark
--   reused          boolean      an objects list paid for by another answer
--   skipped         text     ?   budget_calls | budget_cost
--   error_kind      text     ?   no_json, call_failed, image_error …
--   error_message   text     ?
--   latency_ms, input_tokens, output_tokens, cost   the call's, on the paying row

ALTER TABLE ${schema}.answers ADD COLUMN objects_source text
    CHECK (objects_source IS NULL OR objects_source = 'reference'
           OR objects_source LIKE 'label:_%' OR objects_source LIKE 'judge:_%');

-- Rows written before V9: their objects came from where their truth did (for a label that gave
-- only a reference, the objects were the event's: such old rows say label:<labeler> here, the one
-- case the backfill cannot tell apart); and truth now says where correct came from only (a row with
-- objects but no reference has none).
UPDATE ${schema}.answers SET objects_source = truth
WHERE hallucination IS NOT NULL AND truth IS NOT NULL AND truth NOT LIKE 'judge:%';
UPDATE ${schema}.answers SET truth = NULL
WHERE correct IS NULL AND truth IS NOT NULL AND truth NOT LIKE 'judge:%';

ALTER TABLE ${schema}.window_metrics
    ADD COLUMN judged_with_objects bigint NOT NULL DEFAULT 0 CHECK (judged_with_objects >= 0),
    ADD COLUMN judged_hallucinations bigint NOT NULL DEFAULT 0
        CHECK (judged_hallucinations BETWEEN 0 AND judged_with_objects),
    ADD COLUMN judged_hallucination_rate double precision
        CHECK (judged_hallucination_rate BETWEEN 0 AND 1),
    ADD COLUMN judged_hallucination_rate_low double precision,
    ADD COLUMN judged_hallucination_rate_high double precision;

CREATE TABLE ${schema}.judged_objects (
    image_key      text        NOT NULL,
    judge          text        NOT NULL,
    prompt_version text        NOT NULL,
    objects        text[]      NOT NULL,
    rationale      text        NOT NULL DEFAULT '',
    latency_ms     bigint      NOT NULL CHECK (latency_ms >= 0),
    input_tokens   integer     CHECK (input_tokens >= 0),
    output_tokens  integer     CHECK (output_tokens >= 0),
    cost           double precision CHECK (cost >= 0),
    request_id     text        NOT NULL,
    judged_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (image_key, judge, prompt_version)
);

CREATE TABLE ${schema}.judgements (
    run            text        NOT NULL,
    request_id     text        NOT NULL,
    endpoint       text        NOT NULL,
    sample         integer     NOT NULL CHECK (sample >= 0),
    judge          text        NOT NULL,
    task           text        NOT NULL CHECK (task IN ('objects', 'grade')),
    event_time     timestamptz NOT NULL,
    "time"         timestamptz GENERATED ALWAYS AS (event_time) STORED,
    prompt_version text,
    image_key      text,
    verdict        text        CHECK (verdict IN ('correct', 'incorrect', 'unsure')),
    objects        text[],
    rationale      text,
    reused         boolean     NOT NULL DEFAULT false,
    skipped        text,
    error_kind     text,
    error_message  text,
    latency_ms     bigint      NOT NULL CHECK (latency_ms >= 0),
    input_tokens   integer     CHECK (input_tokens >= 0),
    output_tokens  integer     CHECK (output_tokens >= 0),
    cost           double precision CHECK (cost >= 0),
    written_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run, request_id, endpoint, sample, judge, task),
    CHECK ((CASE WHEN verdict IS NOT NULL OR objects IS NOT NULL THEN 1 ELSE 0 END)
           + (CASE WHEN skipped IS NOT NULL THEN 1 ELSE 0 END)
           + (CASE WHEN error_kind IS NOT NULL THEN 1 ELSE 0 END) = 1)
);
CREATE INDEX judgements_time ON ${schema}.judgements ("time");

-- What each judge did and cost per run: its calls are in no model's tokens or cost.
CREATE VIEW ${schema}.judge_costs AS
SELECT run, judge, task,
       min("time")                                                        AS first_time,
       max("time")                                                        AS last_time,
       count(*)                                                           AS judgements,
       count(*) FILTER (WHERE skipped IS NULL AND NOT reused
                        AND coalesce(error_kind, '') <> 'image_error')    AS calls,
       count(*) FILTER (WHERE reused AND error_kind IS NULL)              AS reused,
       count(*) FILTER (WHERE error_kind IS NOT NULL)                     AS errors,
       count(*) FILTER (WHERE skipped IS NOT NULL)                        AS skipped,
       coalesce(sum(input_tokens), 0)                                     AS input_tokens,
       coalesce(sum(output_tokens), 0)                                    AS output_tokens,
       coalesce(sum(cost), 0)                                             AS cost,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)
           FILTER (WHERE skipped IS NULL AND NOT reused
                   AND coalesce(error_kind, '') <> 'image_error')         AS latency_p50_ms,
       string_agg(DISTINCT prompt_version, ' ')                           AS prompt_versions
FROM ${schema}.judgements
GROUP BY run, judge, task;

CREATE OR REPLACE VIEW ${schema}.reference_answers AS
SELECT run, request_id, endpoint, model, category, lang, event_time, "time", question,
       response_text, finish_reason,
       CASE WHEN truth LIKE 'judge:%' THEN NULL ELSE correct END AS correct,
       CASE WHEN truth LIKE 'judge:%' THEN NULL ELSE score END   AS score,
       refusal,
       CASE WHEN objects_source LIKE 'judge:%' THEN NULL ELSE hallucination END AS hallucination,
       CASE WHEN objects_source LIKE 'judge:%' THEN '{}'::text[]
            ELSE hallucinated_objects END                        AS hallucinated_objects,
       explanation, error_kind, error_message,
       latency_ms, input_tokens, output_tokens, cost, attempts, late, written_at, reused, sample,
       reading, truth,
       CASE WHEN truth LIKE 'judge:%' THEN correct END           AS judge_correct,
       objects_source,
       CASE WHEN objects_source LIKE 'judge:%' THEN hallucination END AS judge_hallucination
FROM ${schema}.answers;

-- Judge-based hallucination per run, model and category, and over all categories ('*'), for each
-- objects judge (first samples, as every rate).
CREATE VIEW ${schema}.judged_hallucination AS
SELECT run,
       endpoint                                                         AS model,
       coalesce(category, 'uncategorized')                              AS category,
       objects_source,
       min("time")                                                      AS first_time,
       max("time")                                                      AS last_time,
       count(*)                                                         AS judged_with_objects,
       count(*) FILTER (WHERE judge_hallucination)                      AS judged_hallucinations,
       (count(*) FILTER (WHERE judge_hallucination))::float8 / count(*) AS judged_hallucination_rate,
       ${schema}.wilson_low(count(*) FILTER (WHERE judge_hallucination), count(*))
                                                                        AS judged_hallucination_rate_low,
       ${schema}.wilson_high(count(*) FILTER (WHERE judge_hallucination), count(*))
                                                                        AS judged_hallucination_rate_high
FROM ${schema}.reference_answers
WHERE judge_hallucination IS NOT NULL AND sample = 0
GROUP BY run, endpoint, coalesce(category, 'uncategorized'), objects_source
UNION ALL
SELECT run, endpoint, '*', objects_source, min("time"), max("time"),
       count(*),
       count(*) FILTER (WHERE judge_hallucination),
       (count(*) FILTER (WHERE judge_hallucination))::float8 / count(*),
       ${schema}.wilson_low(count(*) FILTER (WHERE judge_hallucination), count(*)),
       ${schema}.wilson_high(count(*) FILTER (WHERE judge_hallucination), count(*))
FROM ${schema}.reference_answers
WHERE judge_hallucination IS NOT NULL AND sample = 0
GROUP BY run, endpoint, objects_source;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'vlm_eval_reader') THEN
        GRANT SELECT ON ${schema}.reference_answers, ${schema}.judged_hallucination,
                        ${schema}.judged_objects, ${schema}.judgements, ${schema}.judge_costs
            TO vlm_eval_reader;
    END IF;
END
$$;
