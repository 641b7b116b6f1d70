CREATE TABLE IF NOT EXISTS canonical_ids (
  CanonicalId varchar(8) NOT NULL,
  Status ENUM('free', 'assigned') NOT NULL DEFAULT 'free',
  CreatedAt TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (CanonicalId),
  INDEX idx_free (Status, CanonicalId)
) ENGINE=InnoDB DEFAULT CHARSET=${keyCharset} COLLATE=${keyCollation};
CREATE TABLE IF NOT EXISTS identifiers_new (
  OntologyType varchar(255) NOT NULL,
  SourceSystem varchar(255) NOT NULL,
  SourceId varchar(255) NOT NULL,
  CanonicalId varchar(8) NOT NULL,
  CreatedAt TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (OntologyType, SourceSystem, SourceId),
  INDEX idx_canonical (CanonicalId),
  CONSTRAINT fk_identifiers_canonical_id FOREIGN KEY (CanonicalId) REFERENCES canonical_ids (CanonicalId)
) ENGINE=InnoDB DEFAULT CHARSET=${keyCharset} COLLATE=${keyCollation};
