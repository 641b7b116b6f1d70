CREATE TABLE IF NOT EXISTS identifiers (
  CanonicalId varchar(255) NOT NULL PRIMARY KEY,
  OntologyType varchar(255) NOT NULL,
  SourceId varchar(255) NOT NULL,
  SourceSystem varchar(255) NOT NULL,
  CONSTRAINT UniqueFromSource UNIQUE (OntologyType, SourceSystem, SourceId)
);
