-- Test-only V4 (StoreMigrationsITCase): a migration of a later build, applied on top of V3.
ALTER TABLE ${schema}.answers ADD COLUMN reviewer text;
