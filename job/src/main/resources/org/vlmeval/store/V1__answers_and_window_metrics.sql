-- V1: the answers and window_metrics tables of the vlm-eval store.
--
-- Applied by org.vlmeval.store.Migrations in one transaction, recorded in ${schema}.schema_version
-- with a checksum of this file: never edit it once released, add V2__... instead.
-- ${schema} is replaced by the configured schema name (default vlm_eval), quoted.
-- Writers upsert on the primary keys (INSERT ... ON CONFLICT DO UPDATE), so replays converge.
-- Times are timestamptz (UTC instants, microsecond precision).
--
-- answers: one row per (run, request, endpoint): a model answer with its verdict, or a failed call.
--   run                  text     PK  evaluation run (a replay or a live stream)
--   request_id           text     PK  the request's id, unique within a run
--   endpoint             text     PK  configured endpoint name (= window_metrics.model)
--   model                text         the model id the endpoint serves
--   category             text     ?   request category
--   lang                 text     ?   request language
--   event_time           timestamptz  the request's event time
--   time                 timestamptz  generated = event_time; the Grafana time column
--   question             text         the question put to the model
--   response_text        text     ?   the model's answer; null when the call failed
--   finish_reason        text     ?   stop / length / content_filter ...; null when the call failed
--   correct              boolean  ?   answer matches the reference; null without reference or on error
--   score                float8   ?   0..1 reference score; null together with correct
--   refusal              boolean  ?   answer declines the task; null exactly when the call failed
--   hallucination        boolean  ?   answer names an object absent from the request's objects;
--                                     null when no objects were given or on error
--   hallucinated_objects text[]       the absent objects named; empty when none
--   explanation          text     ?   what the scorer extracted and compared; null on error
--   error_kind           text     ?   error class of a failed call (timeout, server_error, ...)
--   error_message        text     ?   the failure's message
--   latency_ms           bigint       wall time of the call, retries included
--   input_tokens         integer  ?   prompt tokens reported by the server
--   output_tokens        integer  ?   completion tokens reported by the server
--   cost                 float8   ?   cost of the call
--   attempts             integer      calls made (>= 1)
--   late                 boolean      arrived after the watermark had passed its event time
--   written_at           timestamptz  when the row's content last changed (a replay of
--                                     identical content leaves the row untouched)
--
-- window_metrics: one row per (run, model, category, window): aggregates of an event-time window.
--   run                     text     PK  evaluation run
--   model                   text     PK  endpoint name
--   category                text     PK  category, '*' for all categories together
--   window_start            timestamptz PK inclusive window start
--   window_end              timestamptz PK exclusive window end
--   time                    timestamptz  generated = window_end; the Grafana time column
--   window_kind             text         'sliding' or 'tumbling'
--   requests                bigint       requests in the window (answered + errors)
--   answered                bigint       calls that returned an answer
--   errors                  bigint       calls that failed
--   errors_by_kind          jsonb        {"timeout": 3, "server_error": 1}; {} when none
--   scored                  bigint       answers with a reference
--   correct                 bigint       scored answers that were correct
--   accuracy                float8   ?   correct / scored; null when scored = 0
--   accuracy_low            float8   ?   Wilson lower bound of accuracy
--   accuracy_high           float8   ?   Wilson upper bound of accuracy
--   mean_score              float8   ?   mean score of the scored answers
--   refusals                bigint       answers that were refusals
--   refusal_rate            float8   ?   refusals / answered
--   refusal_rate_low        float8   ?   Wilson lower bound
--   refusal_rate_high       float8   ?   Wilson upper bound
--   with_objects            bigint       answers whose request listed the image's objects
--   hallucinations          bigint       of those, answers naming an absent object
--   hallucination_rate      float8   ?   hallucinations / with_objects
--   hallucination_rate_low  float8   ?   Wilson lower bound
--   hallucination_rate_high float8   ?   Wilson upper bound
--   latency_p50_ms          bigint   ?   median call latency; null without calls
--   latency_p95_ms          bigint   ?   95th percentile call latency
--   latency_p99_ms          bigint   ?   99th percentile call latency
--   input_tokens            bigint       prompt tokens reported
--   output_tokens           bigint       completion tokens reported
--   cost                    float8       summed cost
--   late                    bigint       late records counted in this firing
--   written_at              timestamptz  when the row's content last changed
--
-- Indexes: answers (run, endpoint, time) and window_metrics (run, model, category, time), where
-- time is event_time and window_end respectively: the shape of Grafana's
-- "WHERE run = $run AND model = $model AND $__timeFilter(time)" queries.
-- (? = nullable)

CREATE TABLE ${schema}.answers (
    run                  text        NOT NULL,
    request_id           text        NOT NULL,
    endpoint             text        NOT NULL,
    model                text        NOT NULL,
    category             text,
    lang                 text,
    event_time           timestamptz NOT NULL,
    "time"               timestamptz GENERATED ALWAYS AS (event_time) STORED,
    question             text        NOT NULL,
    response_text        text,
    finish_reason        text,
    correct              boolean,
    score                double precision CHECK (score BETWEEN 0 AND 1),
    refusal              boolean,
    hallucination        boolean,
    hallucinated_objects text[]      NOT NULL DEFAULT '{}',
    explanation          text,
    error_kind           text,
    error_message        text,
    latency_ms           bigint      NOT NULL CHECK (latency_ms >= 0),
    input_tokens         integer     CHECK (input_tokens >= 0),
    output_tokens        integer     CHECK (output_tokens >= 0),
    cost                 double precision CHECK (cost >= 0),
    attempts             integer     NOT NULL CHECK (attempts >= 1),
    late                 boolean     NOT NULL,
    written_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT answers_pkey PRIMARY KEY (run, request_id, endpoint),
    CONSTRAINT answers_errored_without_verdict CHECK (
        error_kind IS NULL OR (refusal IS NULL AND correct IS NULL AND hallucination IS NULL))
);

CREATE INDEX answers_run_endpoint_time ON ${schema}.answers (run, endpoint, "time");

CREATE TABLE ${schema}.window_metrics (
    run                     text        NOT NULL,
    model                   text        NOT NULL,
    category                text        NOT NULL,
    window_start            timestamptz NOT NULL,
    window_end              timestamptz NOT NULL,
    "time"                  timestamptz GENERATED ALWAYS AS (window_end) STORED,
    window_kind             text        NOT NULL CHECK (window_kind IN ('sliding', 'tumbling')),
    requests                bigint      NOT NULL CHECK (requests >= 0),
    answered                bigint      NOT NULL CHECK (answered >= 0),
    errors                  bigint      NOT NULL CHECK (errors >= 0),
    errors_by_kind          jsonb       NOT NULL DEFAULT '{}',
    scored                  bigint      NOT NULL CHECK (scored >= 0),
    correct                 bigint      NOT NULL CHECK (correct >= 0),
    accuracy                double precision,
    accuracy_low            double precision,
    accuracy_high           double precision,
    mean_score              double precision,
    refusals                bigint      NOT NULL CHECK (refusals >= 0),
    refusal_rate            double precision,
    refusal_rate_low        double precision,
    refusal_rate_high       double precision,
    with_objects            bigint      NOT NULL CHECK (with_objects >= 0),
    hallucinations          bigint      NOT NULL CHECK (hallucinations >= 0),
    hallucination_rate      double precision,
    hallucination_rate_low  double precision,
    hallucination_rate_high double precision,
    latency_p50_ms          bigint,
    latency_p95_ms          bigint,
    latency_p99_ms          bigint,
    input_tokens            bigint      NOT NULL CHECK (input_tokens >= 0),
    output_tokens           bigint      NOT NULL CHECK (output_tokens >= 0),
    cost                    double precision NOT NULL CHECK (cost >= 0),
    late                    bigint      NOT NULL CHECK (late >= 0),
    written_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT window_metrics_pkey
        PRIMARY KEY (run, model, category, window_start, window_end),
    CONSTRAINT window_metrics_window_order CHECK (window_start < window_end),
    CONSTRAINT window_metrics_errors_by_kind_object CHECK (jsonb_typeof(errors_by_kind) = 'object')
);

CREATE INDEX window_metrics_run_model_category_time
    ON ${schema}.window_metrics (run, model, category, "time");
