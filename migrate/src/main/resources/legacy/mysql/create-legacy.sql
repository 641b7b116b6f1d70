CREATE TABLE IF NOT EXISTS identifiers (
  CanonicalId varchar(255) NOT NULL,
  OntologyType varchar(255) NOT NULL,
  SourceId varchar(255) NOT NULL,
  SourceSystem varchar(255) NOT NULL,
  PRIMARY KEY (CanonicalId),
  UNIQUE KEY UniqueFromSource (OntologyType, SourceSystem, SourceId)
) ENGINE=InnoDB DEFAULT CHARSET=latin1;
