-- Test-only V10 (StoreMigrationsITCase): its first statement succeeds, its second fails (NOT NULL),
-- so the whole migration must be rolled back.
CREATE TABLE ${schema}.half_way (x integer);
INSERT INTO ${schema}.answers (run) VALUES (NULL);
