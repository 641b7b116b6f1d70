-- Which key inherited its canonical ID from which predecessor, recorded when the mapping is
-- minted, so aliases are known exactly rather than guessed from one-second CreatedAt values.
-- No foreign key to identifiers: on databases created by the Python id_minter those columns are
-- latin1, and a foreign key across charsets is refused. Consistency is checked by the invariants.
CREATE TABLE identifier_inheritance (
  OntologyType varchar(255) NOT NULL,
  SourceSystem varchar(255) NOT NULL,
  SourceId varchar(255) NOT NULL,
  PredecessorOntologyType varchar(255) NOT NULL,
  PredecessorSourceSystem varchar(255) NOT NULL,
  PredecessorSourceId varchar(255) NOT NULL,
  CanonicalId varchar(8) NOT NULL,
  CreatedAt TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (OntologyType, SourceSystem, SourceId),
  INDEX idx_inheritance_canonical (CanonicalId)
) ENGINE=InnoDB DEFAULT CHARSET=${keyCharset} COLLATE=${keyCollation};
