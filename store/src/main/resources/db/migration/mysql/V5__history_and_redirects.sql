-- Merges: an ID merged into another becomes a redirect to it (it stays assigned in canonical_ids
-- and is never handed out again). No redirect points at a redirect: a merge repoints the chain.
CREATE TABLE identifier_redirects (
  CanonicalId varchar(8) NOT NULL,
  TargetId varchar(8) NOT NULL,
  RunId varchar(64) NOT NULL,
  Reason varchar(1000),
  CreatedAt TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (CanonicalId),
  INDEX idx_redirects_target (TargetId)
) ENGINE=InnoDB DEFAULT CHARSET=${keyCharset} COLLATE=${keyCollation};

-- Every change to a mapping made by an operation (a merge, its undo): append-only. A key's row
-- names the key; an ID's row (a redirect made or repointed) leaves the key empty.
CREATE TABLE identifier_history (
  Id BIGINT NOT NULL AUTO_INCREMENT,
  OntologyType varchar(255),
  SourceSystem varchar(255),
  SourceId varchar(255),
  CanonicalId varchar(8) NOT NULL,
  OldId varchar(8),
  NewId varchar(8),
  Operation varchar(32) NOT NULL,
  RunId varchar(64) NOT NULL,
  Reason varchar(1000),
  CreatedAt TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (Id),
  INDEX idx_history_key (OntologyType, SourceSystem, SourceId),
  INDEX idx_history_id (CanonicalId),
  INDEX idx_history_run (RunId)
) ENGINE=InnoDB DEFAULT CHARSET=${keyCharset} COLLATE=${keyCollation};
