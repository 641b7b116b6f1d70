package org.idminter.store.registry;

import java.util.List;
import org.idminter.core.id.IdMapping;

/**
 * What a registration or an allocation did: every external ID asked for with its internal ID (in
 * the order asked, each once), how many of them this call created, and how many fresh internal IDs
 * it had to draw again because another entity already had them (on MySQL and MariaDB, where an
 * attempt that meets any existing row is rolled back and drawn again, each such attempt counts
 * one).
 */
public record Registration(List<Entry> ids, int created, int regenerated) {
  public Registration {
    ids = List.copyOf(ids);
  }

  /** One external ID's mapping; {@code created} when this call wrote it. */
  public record Entry(IdMapping mapping, boolean created) {}
}
