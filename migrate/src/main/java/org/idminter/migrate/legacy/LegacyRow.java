package org.idminter.migrate.legacy;

import org.idminter.core.OntologyTypes;

/** One row of a legacy 1:1 identifiers table, exactly as stored. */
public record LegacyRow(
    String canonicalId, String ontologyType, String sourceSystem, String sourceId) {
  /** The key in idminter's text form, for messages. */
  public String key() {
    return ontologyType + "[" + sourceSystem + "/" + sourceId + "]";
  }

  /** The row's fields in the order its checksum takes them. */
  String[] fields() {
    return new String[] {canonicalId, ontologyType, sourceSystem, sourceId};
  }

  /** The key as the RFC 083 schema stores it (Person, Agent… become Concept). */
  LegacyRow normalised() {
    String type = OntologyTypes.normalise(ontologyType);
    return type.equals(ontologyType)
        ? this
        : new LegacyRow(canonicalId, type, sourceSystem, sourceId);
  }
}
