package org.idminter.core.id;

import java.util.Objects;

/** One row of the registry: an entity's internal flake64 ID and its external ID. */
public record IdMapping(Flake64 internalId, Qid externalId) {
  public IdMapping {
    Objects.requireNonNull(internalId, "internalId");
    Objects.requireNonNull(externalId, "externalId");
  }

  public String entityType() {
    return externalId.entityType();
  }
}
