CREATE TABLE IF NOT EXISTS canonical_ids (
  CanonicalId VARCHAR(8) NOT NULL PRIMARY KEY,
  Status VARCHAR(8) NOT NULL DEFAULT 'free' CHECK (Status IN ('free', 'assigned')),
  CreatedAt TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_free ON canonical_ids (Status, CanonicalId);
CREATE TABLE IF NOT EXISTS identifiers_new (
  OntologyType VARCHAR(255) NOT NULL,
  SourceSystem VARCHAR(255) NOT NULL,
  SourceId VARCHAR(255) NOT NULL,
  CanonicalId VARCHAR(8) NOT NULL REFERENCES canonical_ids (CanonicalId),
  CreatedAt TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (OntologyType, SourceSystem, SourceId)
);
CREATE INDEX IF NOT EXISTS idx_canonical ON identifiers_new (CanonicalId);
