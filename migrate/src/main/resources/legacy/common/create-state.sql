CREATE TABLE IF NOT EXISTS idminter_legacy_migration (
  Id INT NOT NULL PRIMARY KEY,
  Phase VARCHAR(16) NOT NULL,
  RunId VARCHAR(64),
  Owner VARCHAR(160),
  HeartbeatMs BIGINT,
  CopyCursor VARCHAR(255),
  SourceRows BIGINT,
  SourceChecksum VARCHAR(32),
  SwappedRows BIGINT,
  SwappedChecksum VARCHAR(32)
);
