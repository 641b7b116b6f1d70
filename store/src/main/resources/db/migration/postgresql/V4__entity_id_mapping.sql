-- The internal↔external ID registry of the knowledge-base design (see the MySQL script): BIGINT
-- with a check for UNSIGNED, a check for the ENUM, and a trigger for ON UPDATE CURRENT_TIMESTAMP.
CREATE TABLE entity_id_mapping (
  internal_id BIGINT NOT NULL CHECK (internal_id >= 0),
  external_id VARCHAR(20) NOT NULL,
  entity_type VARCHAR(8) NOT NULL CHECK (entity_type IN ('item', 'property', 'lexeme')),
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (internal_id),
  CONSTRAINT idx_external_id UNIQUE (external_id)
);
CREATE INDEX idx_external_type ON entity_id_mapping (external_id, entity_type);
CREATE INDEX idx_created_at ON entity_id_mapping (created_at);

CREATE OR REPLACE FUNCTION entity_id_mapping_touch() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := CURRENT_TIMESTAMP;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER entity_id_mapping_updated_at BEFORE UPDATE ON entity_id_mapping
  FOR EACH ROW EXECUTE FUNCTION entity_id_mapping_touch();

CREATE TABLE entity_id_counters (
  entity_type VARCHAR(8) NOT NULL CHECK (entity_type IN ('item', 'property', 'lexeme')),
  next_number BIGINT NOT NULL CHECK (next_number > 0),
  PRIMARY KEY (entity_type)
);
INSERT INTO entity_id_counters (entity_type, next_number) VALUES ('item', 1), ('property', 1), ('lexeme', 1);

CREATE TABLE idminter_instance (
  instance_id CHAR(36) NOT NULL,
  PRIMARY KEY (instance_id)
);
INSERT INTO idminter_instance (instance_id) VALUES (CAST(gen_random_uuid() AS CHAR(36)));

-- The lock a registration takes on databases whose unique check does not wait for another
-- transaction's uncommitted row (H2): there, registrations take turns.
INSERT INTO idminter_locks (name) VALUES ('registry');
