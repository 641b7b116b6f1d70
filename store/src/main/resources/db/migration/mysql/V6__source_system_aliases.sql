-- Source-system aliases: an alias system whose keys are stored, minted and looked up under its
-- canonical system. Recorded in the same transaction that moves the alias-keyed rows.
CREATE TABLE source_system_aliases (
  Alias varchar(255) NOT NULL,
  CanonicalSystem varchar(255) NOT NULL,
  RunId varchar(64) NOT NULL,
  CreatedAt TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (Alias)
) ENGINE=InnoDB DEFAULT CHARSET=${keyCharset} COLLATE=${keyCollation};

-- The rows an alias run deleted or rewrote, as they were (retired duplicate mappings, inheritance
-- records), so that undo restores them exactly. Table is identifiers or identifier_inheritance.
CREATE TABLE source_system_alias_saved (
  Id BIGINT NOT NULL AUTO_INCREMENT,
  RunId varchar(64) NOT NULL,
  TableName varchar(64) NOT NULL,
  OntologyType varchar(255) NOT NULL,
  SourceSystem varchar(255) NOT NULL,
  SourceId varchar(255) NOT NULL,
  PredecessorOntologyType varchar(255),
  PredecessorSourceSystem varchar(255),
  PredecessorSourceId varchar(255),
  CanonicalId varchar(8) NOT NULL,
  CreatedAt TIMESTAMP NULL,
  Action varchar(16) NOT NULL,
  PRIMARY KEY (Id),
  INDEX idx_alias_saved_run (RunId)
) ENGINE=InnoDB DEFAULT CHARSET=${keyCharset} COLLATE=${keyCollation};

-- The key space's lock and version: every mint takes it shared; an operation that moves keys
-- between IDs or systems (a merge, an alias) takes it exclusively, and an alias change raises the
-- version so every minter reloads the aliases.
ALTER TABLE idminter_locks ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
INSERT INTO idminter_locks (name) VALUES ('key_space');
