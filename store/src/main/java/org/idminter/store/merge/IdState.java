package org.idminter.store.merge;

import java.util.List;
import java.util.Optional;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;

/**
 * What a canonical ID is now: {@code active} (assigned, with its keys), {@code redirect} (merged
 * into {@code target}), {@code free} (in the pool, never issued) or {@code unknown}.
 */
public record IdState(
    CanonicalId id, String state, List<SourceIdentifier> keys, Optional<CanonicalId> target) {
  public IdState {
    keys = List.copyOf(keys);
  }
}
