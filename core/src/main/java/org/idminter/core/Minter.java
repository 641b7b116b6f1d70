package org.idminter.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Resolves keys to canonical IDs. */
public interface Minter {
  /**
   * Maps every distinct requested key to its canonical ID, creating mappings where missing, in one
   * transaction. Keys are returned as requested (before ontology normalisation), in first-seen
   * order. Either every key resolves or the call throws and writes nothing.
   *
   * @throws MintException when the request is refused (predecessors, pool, collation)
   * @throws StoreException when the database fails
   */
  Map<SourceIdentifier, CanonicalId> mint(List<MintRequest> requests);

  /** Read-only: the keys that have canonical IDs, the ones that do not, and collation clashes. */
  LookupResult lookup(Collection<SourceIdentifier> keys);
}
