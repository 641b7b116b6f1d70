-- The internal↔external ID registry of the knowledge-base design: one row per entity, its 64-bit
-- time-sorted internal ID (flake64) and its public ID (Q42, P31, L7). The primary key and the unique
-- external_id make each map to exactly one of the other. Beside the RFC 083 tables, never touching
-- them.
CREATE TABLE entity_id_mapping (
  internal_id BIGINT UNSIGNED NOT NULL,
  external_id VARCHAR(20) NOT NULL,
  entity_type ENUM('item', 'property', 'lexeme') NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (internal_id),
  UNIQUE KEY idx_external_id (external_id),
  KEY idx_external_type (external_id, entity_type),
  KEY idx_created_at (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=${keyCharset} COLLATE=${keyCollation};

-- The next number to hand out per entity type (ids allocate): taken by an UPDATE inside the
-- allocating transaction, so two allocations never get the same number.
CREATE TABLE entity_id_counters (
  entity_type ENUM('item', 'property', 'lexeme') NOT NULL,
  next_number BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (entity_type)
) ENGINE=InnoDB DEFAULT CHARSET=${keyCharset} COLLATE=${keyCollation};
INSERT INTO entity_id_counters (entity_type, next_number) VALUES ('item', 1), ('property', 1), ('lexeme', 1);

-- This database's identity: names its entries in a shared Valkey/Redis cache, so two databases
-- (or a dropped and recreated one) never read each other's mappings.
CREATE TABLE idminter_instance (
  instance_id CHAR(36) NOT NULL,
  PRIMARY KEY (instance_id)
) ENGINE=InnoDB DEFAULT CHARSET=${keyCharset} COLLATE=${keyCollation};
INSERT INTO idminter_instance (instance_id) VALUES (UUID());

-- The lock a registration takes on databases whose unique check does not wait for another
-- transaction's uncommitted row (H2): there, registrations take turns.
INSERT INTO idminter_locks (name) VALUES ('registry');
