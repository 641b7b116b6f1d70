package org.idminter.store.registry;

import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.core.StoreException;
import org.idminter.core.id.IdMapping;
import org.idminter.core.id.Qid;
import org.idminter.core.id.QidPrefixes;
import org.idminter.store.registry.RegistryTable.Row;

/** Stored registry rows read as mappings, checked against the configured prefixes. */
final class RegistryRows {
  private RegistryRows() {}

  /** A stored row as a mapping, refusing one whose type disagrees with the configured prefix. */
  static IdMapping existing(Row r, Qid asked, QidPrefixes prefixes) {
    if (!r.entityType().equals(asked.entityType())) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          asked
              + " is registered with entity type "
              + r.entityType()
              + ", but the prefix "
              + asked.prefix()
              + " means "
              + asked.entityType()
              + " under the configured prefixes ("
              + prefixes
              + "); nothing was written. Configure the prefixes the registry was written with");
    }
    return new IdMapping(RegistryTable.internal(r), asked);
  }

  /** A stored row as a mapping, its external ID read with the configured prefixes. */
  static IdMapping mapping(Row r, QidPrefixes prefixes) {
    Qid q;
    try {
      q = prefixes.parse(r.externalId());
    } catch (InvalidInputException e) {
      throw new StoreException(
          "entity_id_mapping holds external_id '"
              + r.externalId()
              + "', which the configured prefixes ("
              + prefixes
              + ") cannot read: "
              + e.getMessage());
    }
    return existing(r, q, prefixes);
  }
}
