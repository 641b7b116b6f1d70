package org.idminter.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A work identified (its document with canonical IDs, and the work's own canonical ID), or its
 * failure.
 */
public record Outcome(
    Optional<JsonNode> document, Optional<String> canonicalId, Optional<Failure> failure) {
  static Outcome identified(JsonNode document, String canonicalId) {
    return new Outcome(Optional.of(document), Optional.of(canonicalId), Optional.empty());
  }

  static Outcome failed(Failure failure) {
    return new Outcome(Optional.empty(), Optional.empty(), Optional.of(failure));
  }

  public boolean succeeded() {
    return failure.isEmpty();
  }
}
