DROP TABLE IF EXISTS identifier_inheritance CASCADE;
DROP TABLE IF EXISTS idminter_locks CASCADE;
DROP TABLE IF EXISTS identifiers_new CASCADE;
DROP TABLE IF EXISTS flyway_schema_history CASCADE;
DROP TABLE IF EXISTS canonical_ids CASCADE;
DROP TABLE IF EXISTS idminter_legacy_migration CASCADE;
