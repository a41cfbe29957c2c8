-- V4: the response journal (org.vlmeval.journal.PostgresJournal) and answers.reused.
--
-- Applied by Flyway (org.vlmeval.store.StoreMigrations) in one transaction; never edit it once
-- released. ${schema} is replaced by the quoted schema name. Documented in docs/store.md.
--
-- response_journal: one row per call outcome worth keeping, so that a question is paid for once
-- per model: a re-run of the run id, a restore from a checkpoint or a re-sent in-flight call finds
-- the outcome here and reuses it instead of calling the model again. Only answers and errors that
-- would repeat if re-asked are journalled (docs/job.md, "Response journal"). The first outcome
-- written for a key stays (INSERT ... ON CONFLICT DO NOTHING).
--   run            text    PK  evaluation run
--   request_id     text    PK  the request's id
--   endpoint       text    PK  configured endpoint name
--   sample         integer PK  sample number of the question at this endpoint (0 for now)
--   fingerprint    text    PK  SHA-256 (hex) of what is sent: model, prompt, image, sampling settings
--   model          text        the model id the endpoint served
--   response_text  text    ?   the answer; null exactly when error_kind is set
--   finish_reason  text    ?   the server's finish reason
--   error_kind     text    ?   client_error, bad_response, image_error ... (never a transient kind)
--   error_message  text    ?
--   latency_ms     bigint      the original call's wall time
--   input_tokens   integer ?
--   output_tokens  integer ?
--   cost           float8  ?   the original call's cost
--   attempts       integer     HTTP attempts of the original call
--   recorded_at    timestamptz when the outcome was journalled
CREATE TABLE ${schema}.response_journal (
    run           text        NOT NULL,
    request_id    text        NOT NULL,
    endpoint      text        NOT NULL,
    sample        integer     NOT NULL CHECK (sample >= 0),
    fingerprint   text        NOT NULL,
    model         text        NOT NULL,
    response_text text,
    finish_reason text,
    error_kind    text,
    error_message text,
    latency_ms    bigint      NOT NULL CHECK (latency_ms >= 0),
    input_tokens  integer,
    output_tokens integer,
    cost          double precision,
    attempts      integer     NOT NULL CHECK (attempts >= 0),
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run, request_id, endpoint, sample, fingerprint),
    CHECK ((response_text IS NULL) <> (error_kind IS NULL))
);

CREATE INDEX response_journal_recorded_at ON ${schema}.response_journal (recorded_at);

-- answers.reused: the row's outcome came from the journal (not paid for again); its latency,
-- tokens, cost and attempts are the original call's.
ALTER TABLE ${schema}.answers ADD COLUMN reused boolean NOT NULL DEFAULT false;
