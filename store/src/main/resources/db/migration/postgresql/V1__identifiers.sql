-- RFC 083 identifiers schema for PostgreSQL. varchar compares exactly (case and trailing spaces).
CREATE TABLE canonical_ids (
  CanonicalId varchar(8) NOT NULL PRIMARY KEY,
  Status varchar(8) NOT NULL DEFAULT 'free' CHECK (Status IN ('free', 'assigned')),
  CreatedAt timestamp(6) with time zone DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_free ON canonical_ids (Status, CanonicalId);

CREATE TABLE identifiers (
  OntologyType varchar(255) NOT NULL,
  SourceSystem varchar(255) NOT NULL,
  SourceId varchar(255) NOT NULL,
  CanonicalId varchar(8) NOT NULL REFERENCES canonical_ids (CanonicalId),
  CreatedAt timestamp(6) with time zone DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (OntologyType, SourceSystem, SourceId)
);
CREATE INDEX idx_canonical ON identifiers (CanonicalId);
