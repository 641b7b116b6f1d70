DROP TABLE IF EXISTS identifier_inheritance;
DROP TABLE IF EXISTS idminter_locks;
DROP TABLE IF EXISTS identifiers_new;
DROP TABLE IF EXISTS flyway_schema_history;
DROP TABLE IF EXISTS canonical_ids;
DROP TABLE IF EXISTS idminter_legacy_migration;
