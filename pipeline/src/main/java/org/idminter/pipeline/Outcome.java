package org.idminter.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

/** What became of one work: identified, or failed. */
public sealed interface Outcome permits Outcome.Identified, Outcome.Failed {
  /**
   * The work's document with canonical IDs written in, where it came from, its row id (the work's
   * key) and its own canonical ID.
   */
  record Identified(String position, String rowId, JsonNode document, String canonicalId)
      implements Outcome {}

  /** The work was not identified. */
  record Failed(Failure failure) implements Outcome {}
}
