-- Test-only V10 (StoreMigrationsITCase): a migration of a later build, applied on top of V4.
ALTER TABLE ${schema}.answers ADD COLUMN reviewer text;
