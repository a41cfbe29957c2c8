-- V2: a failed call may have made no HTTP attempt at all (open circuit breaker, refused image), so
-- answers.attempts may be 0 for errored rows. Answered rows still need at least one attempt.
ALTER TABLE ${schema}.answers DROP CONSTRAINT answers_attempts_check;
ALTER TABLE ${schema}.answers ADD CONSTRAINT answers_attempts_check
    CHECK (attempts >= 0 AND (error_kind IS NOT NULL OR attempts >= 1));
