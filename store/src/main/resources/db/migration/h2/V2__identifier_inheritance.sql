-- Which key inherited its canonical ID from which predecessor (see the MySQL migration).
CREATE TABLE identifier_inheritance (
  OntologyType varchar(255) NOT NULL,
  SourceSystem varchar(255) NOT NULL,
  SourceId varchar(255) NOT NULL,
  PredecessorOntologyType varchar(255) NOT NULL,
  PredecessorSourceSystem varchar(255) NOT NULL,
  PredecessorSourceId varchar(255) NOT NULL,
  CanonicalId varchar(8) NOT NULL,
  CreatedAt timestamp(6) with time zone DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (OntologyType, SourceSystem, SourceId)
);
CREATE INDEX idx_inheritance_canonical ON identifier_inheritance (CanonicalId);
