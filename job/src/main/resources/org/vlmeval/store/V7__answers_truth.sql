-- V7: late labels (docs/job.md "Late labels"). answers.truth says where the reference and objects an
-- answer was scored against came from: 'reference' (the event's own), 'label:<labeler>' (a label
-- that arrived on the labels input, before or after the answer; the row is re-scored and upserted),
-- or null (no reference and no objects yet, or a failed call). Rows written before V7 keep null.

ALTER TABLE ${schema}.answers ADD COLUMN truth text
    CHECK (truth IS NULL OR truth = 'reference' OR truth LIKE 'label:_%');
