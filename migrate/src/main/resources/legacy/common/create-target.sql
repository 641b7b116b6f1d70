CREATE TABLE IF NOT EXISTS canonical_ids (
  CanonicalId varchar(8) NOT NULL PRIMARY KEY,
  Status varchar(8) NOT NULL DEFAULT 'free' CHECK (Status IN ('free', 'assigned')),
  CreatedAt timestamp(6) with time zone DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_free ON canonical_ids (Status, CanonicalId);
CREATE TABLE IF NOT EXISTS identifiers_new (
  OntologyType varchar(255) NOT NULL,
  SourceSystem varchar(255) NOT NULL,
  SourceId varchar(255) NOT NULL,
  CanonicalId varchar(8) NOT NULL REFERENCES canonical_ids (CanonicalId),
  CreatedAt timestamp(6) with time zone DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (OntologyType, SourceSystem, SourceId)
);
CREATE INDEX IF NOT EXISTS idx_canonical ON identifiers_new (CanonicalId);
