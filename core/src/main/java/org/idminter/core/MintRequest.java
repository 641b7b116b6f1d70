package org.idminter.core;

import java.util.Objects;
import java.util.Optional;

/** One key to mint, with the predecessor it should inherit its canonical ID from, if any. */
public record MintRequest(SourceIdentifier key, Optional<SourceIdentifier> predecessor) {
  public MintRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(predecessor, "predecessor");
  }

  public static MintRequest of(SourceIdentifier key) {
    return new MintRequest(key, Optional.empty());
  }

  public static MintRequest inheriting(SourceIdentifier key, SourceIdentifier predecessor) {
    return new MintRequest(key, Optional.of(predecessor));
  }
}
