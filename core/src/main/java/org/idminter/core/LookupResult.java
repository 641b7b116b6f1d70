package org.idminter.core;

import java.util.List;
import java.util.Map;

/**
 * What a read-only lookup found: keys with their canonical IDs (in request order), keys with no
 * mapping, and keys that match a stored key only up to case or trailing spaces.
 */
public record LookupResult(
    Map<SourceIdentifier, CanonicalId> found,
    List<SourceIdentifier> missing,
    List<CollationClash> clashes) {
  public LookupResult {
    found = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(found));
    missing = List.copyOf(missing);
    clashes = List.copyOf(clashes);
  }
}
